/**
 * Time belongs to the merchant (docs/architecture.md "Time and ids", docs/collection.md "Test
 * clocks"): `clockFor(merchant)` is real time for a live merchant, always, and for a sandbox
 * merchant real time moved forward by that merchant's own test-clock offset. An offset rather than
 * a frozen instant: between two advances a sandbox integration keeps living in real time (check
 * UUIDs and checkout sessions still expire), and an advance moves everything forward at once.
 */
import { isSandbox, type Merchant } from '../merchants/merchant.js';
import { type Clock, DAY } from './clock.js';

/** What the clocks need to know of a merchant; `Merchant` fits it. */
export type MerchantTime = Pick<Merchant, 'id' | 'mode' | 'testClockOffsetMs'>;

/** The port the core asks for a merchant's time. */
export interface Clocks {
  clockFor(merchant: MerchantTime): Clock;
}

class OffsetClock implements Clock {
  constructor(
    private readonly real: Clock,
    private readonly offsetMs: number,
  ) {}
  now(): Date {
    return new Date(this.real.now().getTime() + this.offsetMs);
  }
}

/** Clocks on one real clock. A live merchant can never be given another time than the real one. */
export function merchantClocks(real: Clock): Clocks {
  return {
    clockFor(merchant) {
      const offset = isSandbox(merchant) ? merchant.testClockOffsetMs : 0;
      return offset > 0 ? new OffsetClock(real, offset) : real;
    },
  };
}

export const HOUR = 3_600_000;
/** One advance moves at most ten years, so a typo cannot push a sandbox into the year 3000. */
export const MAX_ADVANCE_MS = 3_660 * DAY;

export type ClockMove = { days: number } | { hours: number } | { to: Date };
export type ClockMoveRefusal = 'clock_live_merchant' | 'clock_backward' | 'clock_move_invalid' | 'clock_move_too_far';

/**
 * The new offset after an advance (POST /v2/sandbox/clock/advance, planned): forward only, by whole
 * days or hours or to an instant. Moving to the current time is allowed and changes nothing.
 */
export function advancedOffset(
  merchant: MerchantTime,
  realNow: Date,
  move: ClockMove,
): { ok: true; offsetMs: number; now: Date } | { ok: false; refusal: ClockMoveRefusal } {
  if (!isSandbox(merchant)) return { ok: false, refusal: 'clock_live_merchant' };
  const current = merchant.testClockOffsetMs;
  const merchantNow = realNow.getTime() + current;
  let by: number;
  if ('to' in move) {
    if (Number.isNaN(move.to.getTime())) return { ok: false, refusal: 'clock_move_invalid' };
    by = move.to.getTime() - merchantNow;
  } else {
    const [count, unit] = 'days' in move ? [move.days, DAY] : [move.hours, HOUR];
    if (!Number.isSafeInteger(count)) return { ok: false, refusal: 'clock_move_invalid' };
    by = count * unit;
  }
  if (by < 0) return { ok: false, refusal: 'clock_backward' };
  if (by > MAX_ADVANCE_MS) return { ok: false, refusal: 'clock_move_too_far' };
  return { ok: true, offsetMs: current + by, now: new Date(merchantNow + by) };
}

/** The merchant's business time now: what every use case writes as the time of what it did. */
export function merchantNow(context: { clocks: Clocks }, merchant: MerchantTime): Date {
  return context.clocks.clockFor(merchant).now();
}
