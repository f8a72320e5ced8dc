/**
 * Payments, credits and payouts in the life cycle (docs/collection.md "Payments, credits and
 * payouts"). A payment to the platform pays the costs first, then the principal (art. 6:44 lid 1
 * BW); a payment the merchant received directly (the Payment API, spec §2.6) pays the principal
 * only, since the costs are the platform's claim. A credit lowers the principal and restarts the
 * current step ("step restarted", spec §2.5).
 */
import { divideRounded } from '../../shared/vat.js';
import type { Cents } from '../../shared/money.js';
import { collectionCosts } from '../../workflows/collection-costs.js';
import { type Draft, isClosed, openCosts, openPrincipal } from './draft.js';
import { sendFinalNotice, sendInvoice, sendReminder } from './steps.js';
import type { PaymentChannel, Refusal } from './types.js';

const STEP_TIMERS = ['send_invoice', 'reminder', 'final_notice', 'collection', 'hold_end'] as const;

export function pay(draft: Draft, amount: Cents, channel: PaymentChannel): Refusal | undefined {
  const { state, definition } = draft;
  if (isClosed(state)) return 'closed';
  if (!Number.isSafeInteger(amount) || amount <= 0) return 'amount_invalid';
  const toCosts = channel === 'platform' ? Math.min(amount, openCosts(state)) : 0;
  if (amount - toCosts > openPrincipal(state)) return 'amount_exceeds_open';
  const toPrincipal = amount - toCosts;
  state.costsPaid += toCosts;
  state.paid += toPrincipal;
  if (channel === 'merchant') state.paidToMerchant += toPrincipal;
  draft.ledger.push({ kind: 'payment', amount, toCosts, channel, at: draft.at });

  if (openPrincipal(state) === 0 && openCosts(state) === 0) {
    close(draft, 'paid');
    draft.event('order_paid', amount);
    if (state.credited === 0) draft.event('customer_fully_paid', amount);
  } else {
    draft.event('partial_payment_added', amount);
  }
  if (definition.guaranteed) {
    // Paid out already, the merchant now holds this money twice; not yet, the payout shrinks.
    if (channel === 'merchant' && state.payouts > 0 && toPrincipal > 0) clawBack(draft, toPrincipal);
    if (guaranteedPayoutDue(draft) <= 0 && state.payouts === 0) draft.cancel('payout');
  } else if (channel === 'platform' && toPrincipal > 0) {
    settle(draft, toPrincipal);
  }
  if (channel === 'platform') draft.mail('receipt', { amountPaid: amount });
  return undefined;
}

export function credit(draft: Draft, amount: Cents): Refusal | undefined {
  const { state, definition } = draft;
  if (isClosed(state)) return 'closed';
  if (!Number.isSafeInteger(amount) || amount <= 0) return 'amount_invalid';
  if (amount > openPrincipal(state)) return 'amount_exceeds_open';
  state.credited += amount;
  draft.ledger.push({ kind: 'credit', amount, at: draft.at });
  if (definition.guaranteed) {
    if (state.payouts > 0) clawBack(draft, amount);
    else if (guaranteedPayoutDue(draft) <= 0) draft.cancel('payout');
  }

  if (openPrincipal(state) === 0) {
    // The claim is withdrawn in full: costs on it that are still open are waived.
    const waived = openCosts(state);
    if (waived > 0) adjustCosts(draft, waived);
    close(draft, state.paid > 0 ? 'paid' : 'credited');
    draft.event('order_fully_accredited', amount);
    return undefined;
  }
  draft.event('partial_credit_added', amount);
  if (state.step === 'collection' && state.collectionCosts > 0) lowerCollectionCosts(draft, amount);
  if (state.step !== 'not_started') restartStep(draft);
  return undefined;
}

/** The credit shows the principal was lower: the costs become what the law allows on the lower one. */
function lowerCollectionCosts(draft: Draft, amount: Cents): void {
  const { state, definition } = draft;
  state.costsBasis = Math.max(0, state.costsBasis - amount);
  const lawful = collectionCosts(state.regime, state.costsBasis, { businessCompensation: definition.businessCompensation });
  const lower = Math.min(state.collectionCosts - lawful, openCosts(state));
  if (lower > 0) {
    state.collectionCosts -= lower;
    adjustCosts(draft, lower);
  }
}

function adjustCosts(draft: Draft, amount: Cents): void {
  draft.state.costs -= amount;
  draft.ledger.push({ kind: 'costs_adjustment', amount: -amount, at: draft.at });
}

/** The current step again, for the amount now open, with its wait counted from today. */
function restartStep(draft: Draft): void {
  const { state } = draft;
  draft.restarted = true;
  switch (state.step) {
    case 'wait_for_payment':
      // Before the invoice e-mail nothing went out yet: it will carry the new amount.
      if (state.invoiceSentOn) sendInvoice(draft);
      break;
    case 'reminder':
      sendReminder(draft, state.reminderNumber);
      break;
    case 'final_notice':
      sendFinalNotice(draft);
      break;
    case 'collection':
      draft.mail('collection');
      draft.event('workflow_step_restarted');
      break;
  }
}

/** Ends the workflow: step timers go; a guaranteed payout still due keeps its day. */
function close(draft: Draft, step: 'paid' | 'credited'): void {
  const { state } = draft;
  state.step = step;
  for (const kind of STEP_TIMERS) draft.cancel(kind);
  if (state.pause) {
    state.pause.holdUntil = undefined;
    if (!state.pause.dispute) draft.endPause();
  }
}

function guaranteedPayoutDue(draft: Draft): Cents {
  const { state } = draft;
  return state.total - state.credited - state.paidToMerchant - state.paidOut;
}

/** Guaranteed workflows: the whole invoice, less credits and direct payments, on the payout day. */
export function guaranteedPayout(draft: Draft): void {
  const due = guaranteedPayoutDue(draft);
  if (due > 0) settle(draft, due);
}

/** One payout with the merchant's fee: a share in basis points, half up, plus the fixed fee once. */
function settle(draft: Draft, gross: Cents): void {
  const { state, definition } = draft;
  const { feeBasisPoints, feeFixed } = definition.payout;
  const fee = Math.min(gross, divideRounded(gross * feeBasisPoints, 10_000) + (state.payouts === 0 ? feeFixed : 0));
  draft.settlements.push({ kind: 'payout', gross, fee, net: gross - fee, at: draft.at });
  state.paidOut += gross;
  state.payouts += 1;
  draft.event('order_paid_out', gross);
}

function clawBack(draft: Draft, amount: Cents): void {
  const back = Math.min(amount, draft.state.paidOut);
  if (back <= 0) return;
  draft.settlements.push({ kind: 'clawback', gross: -back, fee: 0, net: -back, at: draft.at });
  draft.state.paidOut -= back;
}
