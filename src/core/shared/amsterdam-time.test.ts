import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { amsterdamInstant, daysBetween } from './amsterdam-time.js';

describe('Amsterdam local times', () => {
  test('09:00 in winter is 08:00 UTC and in summer 07:00 UTC', () => {
    assert.equal(amsterdamInstant('2026-01-15', 9).toISOString(), '2026-01-15T08:00:00.000Z');
    assert.equal(amsterdamInstant('2026-07-15', 9).toISOString(), '2026-07-15T07:00:00.000Z');
  });

  test('holds on the days the clocks change', () => {
    assert.equal(amsterdamInstant('2026-03-29', 9).toISOString(), '2026-03-29T07:00:00.000Z');
    assert.equal(amsterdamInstant('2026-10-25', 9).toISOString(), '2026-10-25T08:00:00.000Z');
    assert.equal(amsterdamInstant('2026-03-29', 0).toISOString(), '2026-03-28T23:00:00.000Z');
  });

  test('counts calendar days between dates', () => {
    assert.equal(daysBetween('2026-02-27', '2026-03-02'), 3);
    assert.equal(daysBetween('2026-03-02', '2026-02-27'), -3);
    assert.equal(daysBetween('2026-03-28', '2026-03-30'), 2);
  });
});
