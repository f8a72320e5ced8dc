/**
 * Use cases of a sandbox merchant's test clock (POST /v2/sandbox/clock, …/advance, …/reset;
 * docs/collection.md "Test clocks"). The clock is an offset ahead of real time, kept on the
 * merchant's row; an advance locks that row, so concurrent advances of one merchant apply one after
 * the other and add up. The follow-up (due steps, customer e-mails, first webhook attempts) runs
 * after the commit, outside the transaction, because it calls out over the network; the advance
 * answers only when it is done.
 */
import type { CoreContext } from '../context.js';
import { isSandbox, type Merchant } from '../merchants/merchant.js';
import { DomainError } from '../shared/errors.js';
import { advancedOffset, type ClockMove, type ClockMoveRefusal, MAX_ADVANCE_MS } from '../shared/merchant-clocks.js';
import { DAY } from '../shared/clock.js';
import type { ClockFollowUp } from './clock-follow-up.js';
import { CLOCK_MOVE_ERRORS } from './clock-move.js';

export const TEST_CLOCK_ERRORS = ['clock_live_merchant', 'clock_backward', 'clock_move_too_far', ...CLOCK_MOVE_ERRORS] as const;
export type TestClockError = (typeof TEST_CLOCK_ERRORS)[number];

export interface TestClockState {
  /** The merchant's business time. */
  now: Date;
  realNow: Date;
  /** How far the merchant's time is ahead of real time; 0 is real time. */
  offsetMs: number;
}

export interface ClockAdvance extends TestClockState {
  /** The merchant's time just before the move. */
  from: Date;
  /** Steps applied, by the step name status DESCRIPTION shows after each. */
  steps: Record<string, number>;
  /** Customer e-mails handed to SMTP or the outbox. */
  emails: number;
  /** Webhook deliveries that had their first attempt. */
  webhooks: number;
}

function requireSandbox(merchant: Merchant): void {
  if (!isSandbox(merchant)) throw new DomainError<TestClockError>('clock_live_merchant');
}

function refusal(code: ClockMoveRefusal): DomainError<TestClockError> {
  return code === 'clock_move_too_far'
    ? new DomainError<TestClockError>(code, { days: String(MAX_ADVANCE_MS / DAY) })
    : new DomainError<TestClockError>(code, { field: 'to' });
}

export function readTestClock(context: CoreContext, merchant: Merchant): TestClockState {
  requireSandbox(merchant);
  const realNow = context.clock.now();
  return { now: new Date(realNow.getTime() + merchant.testClockOffsetMs), realNow, offsetMs: merchant.testClockOffsetMs };
}

export async function advanceTestClock(
  context: CoreContext,
  followUp: ClockFollowUp,
  merchant: Merchant,
  move: ClockMove,
): Promise<ClockAdvance> {
  requireSandbox(merchant);
  const moved = await context.store.transaction(async (tx) => {
    // Under the row lock: a second advance of this merchant waits here and then moves on from ours.
    const offsetMs = await tx.testClocks.lockOffset(merchant.id);
    const realNow = context.clock.now();
    const result = advancedOffset({ ...merchant, testClockOffsetMs: offsetMs }, realNow, move);
    if (!result.ok) throw refusal(result.refusal);
    await tx.testClocks.setOffset(merchant.id, result.offsetMs);
    return { from: new Date(realNow.getTime() + offsetMs), realNow, offsetMs: result.offsetMs, now: result.now };
  });
  const onMovedClock: Merchant = { ...merchant, testClockOffsetMs: moved.offsetMs };
  // In this order: a step queues the e-mails and webhooks that the next two hand over.
  const applied = await followUp.applyDueSteps(onMovedClock, moved.now);
  const emails = await followUp.sendCustomerMails(merchant.id);
  const webhooks = await followUp.deliverWebhooks(merchant.id);
  return { ...moved, steps: applied.steps, emails, webhooks };
}

/**
 * Back to real time. What ran on the moved clock stays as it ran, dated as it was; timers that fall
 * due between real time and the moved time wait until real time reaches them.
 */
export async function resetTestClock(context: CoreContext, merchant: Merchant): Promise<TestClockState & { from: Date }> {
  requireSandbox(merchant);
  return context.store.transaction(async (tx) => {
    const offsetMs = await tx.testClocks.lockOffset(merchant.id);
    await tx.testClocks.setOffset(merchant.id, 0);
    // One reading of the clock: back on real time the merchant's now is real now, to the millisecond
    // (a second reading could fall a millisecond later and answer two different times).
    const realNow = context.clock.now();
    return { from: new Date(realNow.getTime() + offsetMs), now: realNow, realNow, offsetMs: 0 };
  });
}
