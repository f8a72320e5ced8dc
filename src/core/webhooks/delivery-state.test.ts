import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { afterAttempt, succeeded } from './delivery-state.js';
import { DEFAULT_RETRY_SCHEDULE, nextAttemptAt, parseRetrySchedule } from './retry-schedule.js';

const at = new Date('2025-05-01T12:00:00Z');
const plus = (seconds: number) => new Date(at.getTime() + seconds * 1000);

describe('the retry schedule', () => {
  test('reads comma-separated seconds, allows spaces and an empty schedule, and refuses anything else', () => {
    assert.deepEqual(parseRetrySchedule('60,300,1800'), [60, 300, 1800]);
    assert.deepEqual(parseRetrySchedule(' 1, 1 ,1 '), [1, 1, 1]);
    assert.deepEqual(parseRetrySchedule(''), []);
    for (const bad of ['1.5', '-1', '60,,300', 'soon', '1,2,3,4,5,6,7,8,9,10,11']) assert.equal(parseRetrySchedule(bad), undefined, bad);
  });

  test('waits one minute, five minutes and half an hour by default, then gives up', () => {
    assert.deepEqual(DEFAULT_RETRY_SCHEDULE, [60, 300, 1800]);
    assert.deepEqual(nextAttemptAt(DEFAULT_RETRY_SCHEDULE, 1, at), plus(60));
    assert.deepEqual(nextAttemptAt(DEFAULT_RETRY_SCHEDULE, 2, at), plus(300));
    assert.deepEqual(nextAttemptAt(DEFAULT_RETRY_SCHEDULE, 3, at), plus(1800));
    assert.equal(nextAttemptAt(DEFAULT_RETRY_SCHEDULE, 4, at), undefined);
  });
});

describe('a delivery after an attempt', () => {
  const failure = { httpStatus: 500, error: undefined };

  test('is delivered on any 2xx answer and only then', () => {
    for (const status of [200, 201, 204, 299]) assert.equal(succeeded({ httpStatus: status, error: undefined }), true, String(status));
    for (const status of [100, 301, 302, 304, 400, 404, 410, 500, 503]) assert.equal(succeeded({ httpStatus: status, error: undefined }), false, String(status));
    assert.equal(succeeded({ httpStatus: undefined, error: 'timeout after 10 s' }), false);
    assert.deepEqual(afterAttempt(2, { httpStatus: 204, error: undefined }, DEFAULT_RETRY_SCHEDULE, at), { state: 'delivered', finishedAt: at });
  });

  test('stays pending through three retries and fails on the fourth failed attempt', () => {
    assert.deepEqual(afterAttempt(0, failure, DEFAULT_RETRY_SCHEDULE, at), { state: 'pending', nextAttemptAt: plus(60) });
    assert.deepEqual(afterAttempt(1, { httpStatus: undefined, error: 'ECONNREFUSED' }, DEFAULT_RETRY_SCHEDULE, at), { state: 'pending', nextAttemptAt: plus(300) });
    assert.deepEqual(afterAttempt(2, failure, DEFAULT_RETRY_SCHEDULE, at), { state: 'pending', nextAttemptAt: plus(1800) });
    assert.deepEqual(afterAttempt(3, failure, DEFAULT_RETRY_SCHEDULE, at), { state: 'failed', finishedAt: at });
  });

  test('fails at once when the schedule allows no retries', () => {
    assert.deepEqual(afterAttempt(0, failure, [], at), { state: 'failed', finishedAt: at });
  });
});
