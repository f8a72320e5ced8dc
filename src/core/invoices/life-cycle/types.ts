/**
 * The invoice life cycle as data (docs/collection.md "The life cycle"): the state a store keeps
 * per invoice, the commands that change it, and what a transition hands back to be persisted in
 * one transaction — field changes, timer rows, events, e-mails, ledger and settlement entries.
 */
import type { IsoDate } from '../../shared/dates.js';
import type { Cents } from '../../shared/money.js';
import type { CostRegime } from '../../workflows/collection-costs.js';
import type { WorkflowDefinition } from '../../workflows/workflow-definition.js';

export type LifeCycleStep = 'not_started' | 'wait_for_payment' | 'reminder' | 'final_notice' | 'collection' | 'paid' | 'credited';

export type TimerKind = 'send_invoice' | 'reminder' | 'final_notice' | 'collection' | 'payout' | 'hold_end';

/** A timer row: one per kind and invoice at most. `day` is set for timers that fall on a calendar day. */
export interface Timer {
  kind: TimerKind;
  dueAt: Date;
  day: IsoDate | undefined;
}

export type MailLanguage = 'nl' | 'en';

/** The notice that announces the costs: the Dutch veertiendagenbrief, the Belgian first reminder. */
export interface CostNotice {
  sentOn: IsoDate;
  statedCosts: Cents;
  /** The first day the stated costs may be added. */
  chargeableFrom: IsoDate;
}

export interface Pause {
  since: Date;
  /** A hold runs until this instant (spec §2.7); undefined when only a dispute pauses. */
  holdUntil: Date | undefined;
  dispute: boolean;
  /** The timers the pause took off the schedule, put back (shifted by the days paused) when it ends. */
  timers: Timer[];
}

export interface LifeCycleState {
  regime: CostRegime;
  language: MailLanguage;
  /** The invoice total including VAT (the principal). */
  total: Cents;
  /** Principal paid, to the platform or to the merchant directly. */
  paid: Cents;
  /** Principal the customer paid to the merchant directly (the Payment API, spec §2.6). */
  paidToMerchant: Cents;
  credited: Cents;
  /** Reminder fees and collection costs added, and how much of them is paid. */
  costs: Cents;
  costsPaid: Cents;
  /** The collection costs alone, and the principal they were computed on (credits lower both). */
  collectionCosts: Cents;
  costsBasis: Cents;
  step: LifeCycleStep;
  /** The reminder the invoice is at (1-based) during `reminder`, else the last one sent. */
  reminderNumber: number;
  workflowStartedAt: Date | undefined;
  invoiceSentOn: IsoDate | undefined;
  dueDate: IsoDate | undefined;
  notice: CostNotice | undefined;
  /** Active timers, at most one per kind. */
  timers: Timer[];
  pause: Pause | undefined;
  /** Calendar days paused so far, by holds and disputes together. */
  daysPaused: number;
  /** Payouts to the merchant: gross amount settled so far and how many settlements were made. */
  paidOut: Cents;
  payouts: number;
  disputeOpen: boolean;
  /**
   * The workflow's course as it was when the workflow started, copied at the start so a later
   * change of the workflow leaves a started invoice on its course (docs/collection.md "Changing a
   * workflow"). Undefined before the start, and for invoices started before the copy was kept:
   * those read the workflow's current definition.
   */
  course?: WorkflowDefinition;
}

export type PaymentChannel = 'platform' | 'merchant';

export type LifeCycleCommand =
  | { type: 'start' }
  | { type: 'timer'; kind: TimerKind; dueAt: Date }
  | { type: 'payment'; amount: Cents; channel: PaymentChannel }
  | { type: 'credit'; amount: Cents }
  | { type: 'hold'; until: Date }
  | { type: 'resume' }
  | { type: 'dispute_open' }
  | { type: 'dispute_resolve' };

export type Refusal =
  | 'already_started'
  | 'not_started'
  | 'closed'
  | 'amount_invalid'
  | 'amount_exceeds_open'
  | 'timer_stale'
  | 'hold_in_past'
  | 'dispute_already_open'
  | 'no_dispute';

/** Our own events beside Billink's order webhook names (spec §4.1); the extension is documented. */
export type LifeCycleEventType =
  | 'order_workflow_started'
  | 'partial_payment_added'
  | 'order_paid'
  | 'customer_fully_paid'
  | 'partial_credit_added'
  | 'order_fully_accredited'
  | 'order_on_hold'
  | 'order_resumed'
  | 'invoice_sent'
  | 'workflow_step_changed'
  | 'workflow_step_restarted'
  | 'collection_costs_added'
  | 'dispute_opened'
  | 'dispute_resolved'
  | 'order_paid_out';

export interface LifeCycleEvent {
  type: LifeCycleEventType;
  at: Date;
  /** The step name status DESCRIPTION shows after the event. */
  step: string;
  amount?: Cents;
}

export type MailKind = 'invoice' | 'reminder' | 'final_notice' | 'collection' | 'receipt';

export interface LifeCycleMail {
  kind: MailKind;
  language: MailLanguage;
  /** Everything the customer owes after this step: open principal plus open costs. */
  amountDue: Cents;
  /** Costs already added and still open. */
  costsDue: Cents;
  /** Costs that will be added if the customer does not pay in time (notices only). */
  announcedCosts?: Cents;
  /** What this step added: a reminder fee, or the collection costs. */
  fee?: Cents;
  payBefore?: IsoDate;
  /**
   * Past its due date with no new last day (the collection notice, a receipt for part of an overdue
   * invoice): the customer is asked to pay now rather than by a day that has already gone.
   */
  payNow?: boolean;
  /** The invoice's due date; Book XIX art. XIX.2 asks the first reminder to state it. */
  dueDate: IsoDate | undefined;
  reminderNumber?: number;
  /** The same step sent again after a credit changed the amount ("step restarted", spec §2.5). */
  restarted: boolean;
  /** What a receipt confirms. */
  amountPaid?: Cents;
}

export type LedgerKind = 'payment' | 'credit' | 'reminder_fee' | 'collection_costs' | 'costs_adjustment';

export interface LedgerEntry {
  kind: LedgerKind;
  /** Positive for money in, costs added and credits; a costs adjustment is negative. */
  amount: Cents;
  at: Date;
  /** For payments, the part that paid costs (art. 6:44 BW) and the channel. */
  toCosts?: Cents;
  channel?: PaymentChannel;
}

/** One row of the merchant's settlement: a payout, or a claw-back of money paid out before. */
export interface Settlement {
  kind: 'payout' | 'clawback';
  gross: Cents;
  fee: Cents;
  net: Cents;
  at: Date;
}

export interface Transition {
  state: LifeCycleState;
  /** The state's fields that changed, with their new values. */
  changes: Partial<LifeCycleState>;
  timers: { cancel: TimerKind[]; schedule: Timer[] };
  events: LifeCycleEvent[];
  mails: LifeCycleMail[];
  ledger: LedgerEntry[];
  settlements: Settlement[];
  /** A credit restarted the current step (the legacy "step restarted" answer). */
  restarted: boolean;
}

export type TransitionResult = ({ ok: true } & Transition) | { ok: false; refusal: Refusal };
