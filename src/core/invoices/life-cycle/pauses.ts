/**
 * On hold, resume and disputes (spec §2.7, §2.8, §2.16). Both a hold and an open dispute pause
 * every timer of the invoice, its payout included; when neither is left, the timers run again,
 * moved by the calendar days paused, and those days extend the due date and the legal term.
 * How long a hold may be (14 days on a guaranteed workflow) is the hold use case's rule.
 */
import { type Draft, isClosed } from './draft.js';
import type { Refusal } from './types.js';

export function hold(draft: Draft, until: Date): Refusal | undefined {
  const { state } = draft;
  if (isClosed(state)) return 'closed';
  if (state.step === 'not_started') return 'not_started';
  if (until.getTime() <= draft.at.getTime()) return 'hold_in_past';
  draft.startPause(until, false);
  state.pause!.holdUntil = until;
  draft.schedule({ kind: 'hold_end', dueAt: until, day: undefined });
  draft.event('order_on_hold');
  return undefined;
}

/** Resume (spec §2.8): succeeds on an invoice that is not on hold too, changing nothing. */
export function resume(draft: Draft): Refusal | undefined {
  if (!draft.state.pause?.holdUntil) return undefined;
  draft.cancel('hold_end');
  holdEnds(draft);
  return undefined;
}

/** The hold is over, by resume or by its end timer; an open dispute keeps the rest paused. */
export function holdEnds(draft: Draft): void {
  const pause = draft.state.pause;
  if (!pause) return;
  pause.holdUntil = undefined;
  if (!pause.dispute) draft.endPause();
  draft.event('order_resumed');
}

export function openDispute(draft: Draft): Refusal | undefined {
  const { state } = draft;
  if (state.disputeOpen) return 'dispute_already_open';
  state.disputeOpen = true;
  draft.startPause(undefined, true);
  state.pause!.dispute = true;
  draft.event('dispute_opened');
  return undefined;
}

export function resolveDispute(draft: Draft): Refusal | undefined {
  const { state } = draft;
  if (!state.disputeOpen) return 'no_dispute';
  state.disputeOpen = false;
  if (state.pause) {
    state.pause.dispute = false;
    if (!state.pause.holdUntil) draft.endPause();
  }
  draft.event('dispute_resolved');
  return undefined;
}
