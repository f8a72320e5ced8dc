/**
 * The invoice life cycle's one entry point: state + command + time -> changes + events
 * (docs/collection.md "The life cycle"). Pure: the store persists what a transition returns,
 * in the same transaction as the invoice row it locked.
 */
import type { CustomerType } from '../../orders/customer.js';
import type { Cents } from '../../shared/money.js';
import { costRegime } from '../../workflows/collection-costs.js';
import type { WorkflowDefinition } from '../../workflows/workflow-definition.js';
import { Draft, isClosed, openCosts, openPrincipal } from './draft.js';
import { credit, pay } from './money.js';
import { hold, openDispute, resolveDispute, resume } from './pauses.js';
import { fireTimer, start } from './steps.js';
import type { LifeCycleCommand, LifeCycleState, MailLanguage, Refusal, TransitionResult } from './types.js';

export { openCosts, openPrincipal, stepName } from './draft.js';

export interface NewInvoice {
  total: Cents;
  customerType: CustomerType;
  countryCode: string;
  /** The customer's language as the order gave it, if any (`nl`, `en`, `fr`, ...). */
  language?: string | undefined;
}

/**
 * Mail goes out in Dutch or English: Dutch for customers in the Netherlands and Belgium unless
 * they asked for another language, English for everyone else.
 */
export function mailLanguage(countryCode: string, language?: string): MailLanguage {
  const asked = language?.trim().toLowerCase().slice(0, 2);
  if (asked === 'nl' || asked === 'en') return asked;
  if (asked) return 'en';
  const country = countryCode.trim().toUpperCase();
  return country === 'NL' || country === 'BE' ? 'nl' : 'en';
}

/** The life cycle of an invoice just placed: not started, nothing paid, nothing scheduled. */
export function newLifeCycle(invoice: NewInvoice): LifeCycleState {
  return {
    regime: costRegime(invoice.customerType, invoice.countryCode),
    language: mailLanguage(invoice.countryCode, invoice.language),
    total: invoice.total,
    paid: 0,
    paidToMerchant: 0,
    credited: 0,
    costs: 0,
    costsPaid: 0,
    collectionCosts: 0,
    costsBasis: 0,
    step: 'not_started',
    reminderNumber: 0,
    workflowStartedAt: undefined,
    invoiceSentOn: undefined,
    dueDate: undefined,
    notice: undefined,
    timers: [],
    pause: undefined,
    daysPaused: 0,
    paidOut: 0,
    payouts: 0,
    disputeOpen: false,
  };
}

export function applyCommand(
  state: LifeCycleState,
  command: LifeCycleCommand,
  at: Date,
  definition: WorkflowDefinition,
): TransitionResult {
  const draft = new Draft(state, at, definition);
  const refusal = run(draft, command);
  return refusal ? { ok: false, refusal } : { ok: true, ...draft.finish() };
}

function run(draft: Draft, command: LifeCycleCommand): Refusal | undefined {
  switch (command.type) {
    case 'start':
      return start(draft);
    case 'timer':
      return fireTimer(draft, command.kind, command.dueAt);
    case 'payment':
      return pay(draft, command.amount, command.channel);
    case 'credit':
      return credit(draft, command.amount);
    case 'hold':
      return hold(draft, command.until);
    case 'resume':
      return resume(draft);
    case 'dispute_open':
      return openDispute(draft);
    case 'dispute_resolve':
      return resolveDispute(draft);
  }
}

/** Everything the customer owes now. */
export function amountDue(state: LifeCycleState): Cents {
  return openPrincipal(state) + openCosts(state);
}

/**
 * Status PAIDOUT (spec §2.4): a guaranteed invoice once its payout was made; a non-guaranteed one
 * once everything the customer owed the merchant has been paid out. A closed invoice on which the
 * platform owes the merchant nothing (paid to the merchant directly, or credited) counts as paid
 * out too: the merchant has all its money.
 */
export function isPaidOut(state: LifeCycleState, definition: WorkflowDefinition): boolean {
  const owed = state.total - state.credited - state.paidToMerchant;
  if (state.payouts === 0) return isClosed(state) && owed <= 0 && state.paidToMerchant > 0;
  if (definition.guaranteed) return true;
  return state.paidOut >= owed;
}
