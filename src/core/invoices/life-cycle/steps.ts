/**
 * The workflow's course (docs/collection.md "Default course"): start workflow schedules the
 * invoice e-mail; each timer applies one step and schedules the next. Where the law decides a day
 * or an amount, it is the law module's answer that counts (workflows/collection-costs.ts,
 * workflows/legal-terms.ts).
 */
import { addDays, type IsoDate } from '../../shared/dates.js';
import { collectionCosts, lawfulReminderFee } from '../../workflows/collection-costs.js';
import { costsChargeableFrom, legalTermEnds } from '../../workflows/legal-terms.js';
import { type Draft, isClosed, openPrincipal } from './draft.js';
import type { CostNotice, Refusal, TimerKind } from './types.js';
import { guaranteedPayout } from './money.js';
import { holdEnds } from './pauses.js';

export function start(draft: Draft): Refusal | undefined {
  const { state, definition, today } = draft;
  if (isClosed(state)) return 'closed';
  if (state.step !== 'not_started') return 'already_started';
  state.step = 'wait_for_payment';
  state.workflowStartedAt = draft.at;
  // The invoice keeps the course it started on; every later step reads this copy.
  state.course = definition;
  const sendDay = addDays(today, definition.startDelayDays);
  state.dueDate = addDays(sendDay, definition.paymentTermDays);
  draft.scheduleOn('send_invoice', sendDay);
  if (definition.guaranteed) draft.scheduleOn('payout', addDays(today, definition.payout.guaranteedAfterDays));
  draft.event('order_workflow_started');
  return undefined;
}

export function fireTimer(draft: Draft, kind: TimerKind, dueAt: Date): Refusal | undefined {
  const active = draft.state.timers.find((timer) => timer.kind === kind);
  // A timer that was moved, cancelled or already applied is stale: no step is ever applied twice.
  if (!active || active.dueAt.getTime() !== dueAt.getTime()) return 'timer_stale';
  draft.cancel(active.kind);
  switch (active.kind) {
    case 'send_invoice':
      sendInvoice(draft);
      break;
    case 'reminder':
      sendReminder(draft, draft.state.reminderNumber + 1);
      break;
    case 'final_notice':
      sendFinalNotice(draft);
      break;
    case 'collection':
      startCollection(draft);
      break;
    case 'payout':
      guaranteedPayout(draft);
      break;
    case 'hold_end':
      holdEnds(draft);
      break;
  }
  return undefined;
}

/** The invoice e-mail; a late run still gives the customer the whole payment term. */
export function sendInvoice(draft: Draft): void {
  const { state, definition, today } = draft;
  state.invoiceSentOn = today;
  state.dueDate = addDays(today, definition.paymentTermDays);
  draft.mail('invoice', { payBefore: state.dueDate });
  draft.event(draft.restarted ? 'workflow_step_restarted' : 'invoice_sent');
  scheduleAfterDueDate(draft, state.dueDate);
}

function scheduleAfterDueDate(draft: Draft, dueDate: IsoDate): void {
  draft.scheduleOn(draft.definition.reminders.length > 0 ? 'reminder' : 'final_notice', addDays(dueDate, 1));
}

/** Reminder `number` (1-based). In Belgium the first one is the free legal reminder of art. XIX.2. */
export function sendReminder(draft: Draft, number: number): void {
  const { state, definition, today } = draft;
  const step = definition.reminders[number - 1] ?? { waitDays: 7, fee: 0 };
  state.step = 'reminder';
  state.reminderNumber = number;
  const isNotice = state.regime === 'be_consumer' && number === 1;
  if (isNotice) state.notice = notice(draft);
  let fee = draft.restarted ? 0 : lawfulReminderFee(state.regime, number, step.fee);
  // Book XIX art. XIX.2: no cost at all before the 14 days after the first reminder have run.
  if (state.regime === 'be_consumer' && (!state.notice || today < state.notice.chargeableFrom)) fee = 0;
  if (fee > 0) {
    state.costs += fee;
    draft.ledger.push({ kind: 'reminder_fee', amount: fee, at: draft.at });
  }
  const next = addDays(today, step.waitDays);
  draft.mail('reminder', {
    reminderNumber: number,
    fee,
    payBefore: isNotice && state.notice ? legalTermEnds(state.regime, today) : addDays(next, -1),
    ...(isNotice && state.notice ? { announcedCosts: state.notice.statedCosts } : {}),
  });
  draft.event(draft.restarted ? 'workflow_step_restarted' : 'workflow_step_changed', fee > 0 ? fee : undefined);
  draft.scheduleOn(number < definition.reminders.length ? 'reminder' : 'final_notice', next);
}

/**
 * The final notice. For a Dutch consumer it is the veertiendagenbrief of art. 6:96 lid 6 BW: free,
 * stating the exact costs, 14 days from the day after sending. For a Belgian consumer the legal
 * notice was the first reminder (when the workflow has one).
 */
export function sendFinalNotice(draft: Draft): void {
  const { state, definition, today } = draft;
  state.step = 'final_notice';
  const kept = state.regime === 'be_consumer' && !draft.restarted ? state.notice : undefined;
  const current = kept ?? notice(draft);
  state.notice = current;
  const earliest = addDays(today, definition.finalNoticeWaitDays);
  const collectionDay = earliest > current.chargeableFrom ? earliest : current.chargeableFrom;
  draft.mail('final_notice', { announcedCosts: current.statedCosts, payBefore: addDays(collectionDay, -1) });
  draft.event(draft.restarted ? 'workflow_step_restarted' : 'workflow_step_changed');
  draft.scheduleOn('collection', collectionDay);
}

/** The costs a notice sent today announces, on what is open of the principal now. */
function notice(draft: Draft): CostNotice {
  const { state, definition, today } = draft;
  const consumer = state.regime === 'nl_consumer' || state.regime === 'be_consumer';
  return {
    sentOn: today,
    statedCosts: collectionCosts(state.regime, openPrincipal(state), { businessCompensation: definition.businessCompensation }),
    chargeableFrom: consumer ? costsChargeableFrom(state.regime, today) : addDays(today, definition.finalNoticeWaitDays),
  };
}

/**
 * Collection: the costs are added, never more than the notice stated and never more than the law
 * allows on what is open today (a payment after the notice lowers them).
 */
export function startCollection(draft: Draft): void {
  const { state, definition, today } = draft;
  state.step = 'collection';
  const principal = openPrincipal(state);
  const lawful = collectionCosts(state.regime, principal, { businessCompensation: definition.businessCompensation });
  const stated = state.notice && today >= state.notice.chargeableFrom ? state.notice.statedCosts : 0;
  const costs = Math.min(stated, lawful);
  draft.event('workflow_step_changed');
  if (costs > 0) {
    state.costs += costs;
    state.collectionCosts = costs;
    state.costsBasis = principal;
    draft.ledger.push({ kind: 'collection_costs', amount: costs, at: draft.at });
    draft.event('collection_costs_added', costs);
  }
  draft.mail('collection', { fee: costs });
}
