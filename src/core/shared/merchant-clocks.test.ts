import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DAY, ManualClock } from './clock.js';
import { advancedOffset, merchantClocks } from './merchant-clocks.js';

const REAL = new Date('2026-03-02T09:00:00Z');

describe('clockFor(merchant)', () => {
  const real = new ManualClock(REAL);
  const clocks = merchantClocks(real);

  test('a live merchant runs on real time, even with a test-clock offset on its record', () => {
    assert.equal(clocks.clockFor({ id: 'm1', mode: 'live', testClockOffsetMs: 5 * DAY }).now().toISOString(), REAL.toISOString());
  });

  test('a sandbox merchant runs on real time until its clock is moved, then on its own time', () => {
    assert.equal(clocks.clockFor({ id: 'm2', mode: 'sandbox', testClockOffsetMs: 0 }).now().toISOString(), REAL.toISOString());
    assert.equal(clocks.clockFor({ id: 'm2', mode: 'sandbox', testClockOffsetMs: 3 * DAY }).now().toISOString(), '2026-03-05T09:00:00.000Z');
  });

  test('a moved sandbox clock keeps running with real time', () => {
    const clock = clocks.clockFor({ id: 'm3', mode: 'sandbox', testClockOffsetMs: DAY });
    real.advance(60_000);
    assert.equal(clock.now().toISOString(), '2026-03-03T09:01:00.000Z');
    real.set(REAL);
  });
});

describe('advancing a test clock', () => {
  const sandbox = { id: 'm', mode: 'sandbox' as const, testClockOffsetMs: DAY };

  test('moves forward by days, by hours, or to an instant', () => {
    assert.deepEqual(advancedOffset(sandbox, REAL, { days: 2 }), { ok: true, offsetMs: 3 * DAY, now: new Date('2026-03-05T09:00:00Z') });
    assert.deepEqual(advancedOffset(sandbox, REAL, { hours: 5 }), { ok: true, offsetMs: DAY + 5 * 3_600_000, now: new Date('2026-03-03T14:00:00Z') });
    assert.deepEqual(advancedOffset(sandbox, REAL, { to: new Date('2026-04-01T00:00:00Z') }), {
      ok: true,
      offsetMs: new Date('2026-04-01T00:00:00Z').getTime() - REAL.getTime(),
      now: new Date('2026-04-01T00:00:00Z'),
    });
  });

  test('refuses to go backward, even to a time between real time and the merchant time', () => {
    assert.deepEqual(advancedOffset(sandbox, REAL, { to: new Date('2026-03-02T12:00:00Z') }), { ok: false, refusal: 'clock_backward' });
    assert.deepEqual(advancedOffset(sandbox, REAL, { days: -1 }), { ok: false, refusal: 'clock_backward' });
  });

  test('refuses a live merchant, a fraction of a day, and more than ten years at once', () => {
    assert.deepEqual(advancedOffset({ id: 'l', mode: 'live', testClockOffsetMs: 0 }, REAL, { days: 1 }), { ok: false, refusal: 'clock_live_merchant' });
    assert.deepEqual(advancedOffset(sandbox, REAL, { days: 1.5 }), { ok: false, refusal: 'clock_move_invalid' });
    assert.deepEqual(advancedOffset(sandbox, REAL, { to: new Date('x') }), { ok: false, refusal: 'clock_move_invalid' });
    assert.deepEqual(advancedOffset(sandbox, REAL, { days: 4_000 }), { ok: false, refusal: 'clock_move_too_far' });
  });
});
