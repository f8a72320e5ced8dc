/**
 * The timeline of an invoice: every fact stored about it, oldest first, and what happens next on
 * the merchant's clock (docs/dashboard.md "Timeline"). Pure: the store reads the facts in one
 * query, this orders them. The dashboard's invoice page, POST /v2/client/invoice/timeline and
 * `achteraf invoices show` all show this one answer.
 */
import type { Invoice } from '../orders/invoice.js';
import type { TimerKind } from '../invoices/life-cycle/types.js';
import type { Cents } from '../shared/money.js';
import type { TimelineDelivery, TimelineFacts, TimelineMail } from './dashboard-ports.js';

/** The events whose only record is the outbox: each becomes its own kind of entry, its webhooks under it. */
const STEP_EVENTS = new Set(['invoice_sent', 'workflow_step_changed', 'workflow_step_restarted']);

export type CostKind = 'reminder_fee' | 'collection_costs' | 'costs_adjustment';

/** An outbox event written with a fact, and the webhook deliveries it caused. */
export interface TimelineEvent {
  type: string;
  webhooks: TimelineDelivery[];
}

export type TimelineEntry =
  | { kind: 'order_placed'; at: Date; events: TimelineEvent[] }
  | { kind: 'workflow_started'; at: Date; events: TimelineEvent[] }
  /** A workflow step applied: the invoice sent, a reminder, the final notice, collection; `step` as status names it. */
  | { kind: 'step'; at: Date; step: string; restarted: boolean; events: TimelineEvent[] }
  | ({ kind: 'mail'; at: Date } & Omit<TimelineMail, 'createdAt'>)
  | { kind: 'costs'; at: Date; costs: CostKind; amount: Cents; events: TimelineEvent[] }
  /** `toCosts` is the part that paid costs first (art. 6:44 BW); `channel` who received it. */
  | {
      kind: 'payment';
      at: Date;
      amount: Cents;
      toCosts: Cents;
      channel: 'merchant' | 'platform' | undefined;
      description: string | undefined;
      events: TimelineEvent[];
    }
  | { kind: 'credit'; at: Date; amount: Cents; description: string | undefined; events: TimelineEvent[] }
  /** `until` is known for the current hold only: an invoice stores just its latest hold's end. */
  | { kind: 'on_hold'; at: Date; until: Date | undefined; events: TimelineEvent[] }
  | { kind: 'resumed'; at: Date; events: TimelineEvent[] }
  | { kind: 'dispute_opened'; at: Date; disputeId: string; category: number; message: string; events: TimelineEvent[] }
  | { kind: 'dispute_resolved'; at: Date; disputeId: string; resolution: string | undefined; events: TimelineEvent[] }
  | { kind: 'settlement'; at: Date; settlement: 'payout' | 'clawback'; gross: Cents; fee: Cents; net: Cents; events: TimelineEvent[] }
  | { kind: 'message'; at: Date; body: string }
  /** An outbox event that no fact of its moment accounts for, with its webhooks. */
  | { kind: 'event'; at: Date; type: string; webhooks: TimelineDelivery[] };

/**
 * Which fact an outbox event is written with: it hangs under the first entry of that kind at the
 * same instant that has no event of its type yet. An event no fact accounts for stands alone.
 */
const WRITTEN_WITH: Readonly<Record<string, TimelineEntry['kind']>> = {
  order_placed: 'order_placed',
  order_workflow_started: 'workflow_started',
  invoice_sent: 'step',
  workflow_step_changed: 'step',
  workflow_step_restarted: 'step',
  collection_costs_added: 'costs',
  partial_payment_added: 'payment',
  order_paid: 'payment',
  customer_fully_paid: 'payment',
  partial_credit_added: 'credit',
  order_fully_accredited: 'credit',
  order_on_hold: 'on_hold',
  order_resumed: 'resumed',
  dispute_opened: 'dispute_opened',
  dispute_resolved: 'dispute_resolved',
  order_paid_out: 'settlement',
};

export type TimelineKind = TimelineEntry['kind'];

/** One step the timers hold for the invoice, at its merchant-clock time. */
export interface UpcomingStep {
  timer: TimerKind;
  at: Date;
  /** For a reminder timer: the reminder it sends. */
  reminderNumber: number | undefined;
}

export interface InvoiceTimeline {
  /** The merchant's time when the timeline was read (its test clock in the sandbox). */
  now: Date;
  entries: TimelineEntry[];
  /** The timers, soonest first: what happens next and when, if nothing else happens first. */
  upcoming: UpcomingStep[];
  /** A hold or an open dispute stops the timers until it ends. */
  paused: { since: Date; holdUntil: Date | undefined; dispute: boolean } | undefined;
}

export function invoiceTimeline(invoice: Invoice, facts: TimelineFacts, now: Date): InvoiceTimeline {
  const entries: TimelineEntry[] = [{ kind: 'order_placed', at: invoice.createdAt, events: [] }];
  const has = (type: string) => facts.events.some((event) => event.type === type);
  // An invoice started before the outbox kept the start has only its column to show for it.
  if (invoice.workflowStartedAt && !has('order_workflow_started')) entries.push({ kind: 'workflow_started', at: invoice.workflowStartedAt, events: [] });
  const lastHold = facts.events.filter((event) => event.type === 'order_on_hold').at(-1);
  // Facts whose only record is their event: the start, the steps, holds and resumes.
  for (const event of facts.events) {
    if (event.type === 'order_workflow_started') entries.push({ kind: 'workflow_started', at: event.at, events: [] });
    else if (STEP_EVENTS.has(event.type)) {
      entries.push({ kind: 'step', at: event.at, step: event.step ?? event.type, restarted: event.type === 'workflow_step_restarted', events: [] });
    } else if (event.type === 'order_on_hold') entries.push({ kind: 'on_hold', at: event.at, until: event === lastHold ? invoice.onHoldUntil : undefined, events: [] });
    else if (event.type === 'order_resumed') entries.push({ kind: 'resumed', at: event.at, events: [] });
  }
  for (const entry of facts.ledger) {
    if (entry.kind === 'payment') {
      entries.push({ kind: 'payment', at: entry.at, amount: entry.amount, toCosts: entry.toCosts, channel: entry.channel, description: entry.description, events: [] });
    } else if (entry.kind === 'credit') entries.push({ kind: 'credit', at: entry.at, amount: entry.amount, description: entry.description, events: [] });
    else entries.push({ kind: 'costs', at: entry.at, costs: entry.kind, amount: entry.amount, events: [] });
  }
  for (const { createdAt, ...mail } of facts.mails) entries.push({ kind: 'mail', at: createdAt, ...mail });
  for (const row of facts.settlements) entries.push({ kind: 'settlement', at: row.at, settlement: row.kind, gross: row.gross, fee: row.fee, net: row.net, events: [] });
  for (const dispute of facts.disputes) {
    entries.push({ kind: 'dispute_opened', at: dispute.openedAt, disputeId: dispute.id, category: dispute.category, message: dispute.message, events: [] });
    if (dispute.resolvedAt) entries.push({ kind: 'dispute_resolved', at: dispute.resolvedAt, disputeId: dispute.id, resolution: dispute.resolution, events: [] });
  }
  for (const message of facts.messages) entries.push({ kind: 'message', at: message.at, body: message.body });
  for (const event of facts.events) {
    const timelineEvent = { type: event.type, webhooks: facts.deliveries.filter((delivery) => delivery.eventId === event.id) };
    const home = entries.find(
      (entry): entry is Extract<TimelineEntry, { events: TimelineEvent[] }> =>
        entry.kind === WRITTEN_WITH[event.type] && entry.at.getTime() === event.at.getTime() && 'events' in entry && !entry.events.some((known) => known.type === event.type),
    );
    if (home) home.events.push(timelineEvent);
    else entries.push({ kind: 'event', at: event.at, ...timelineEvent });
  }
  return { now, entries: byTime(entries), upcoming: upcoming(invoice, facts), paused: invoice.lifeCycle?.pause && pauseOf(invoice.lifeCycle.pause) };
}

/** A stable sort: entries of one moment keep the order they were added in (the order first). */
function byTime(entries: TimelineEntry[]): TimelineEntry[] {
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => a.entry.at.getTime() - b.entry.at.getTime() || a.index - b.index)
    .map(({ entry }) => entry);
}

function upcoming(invoice: Invoice, facts: TimelineFacts): UpcomingStep[] {
  const state = invoice.lifeCycle;
  // During a reminder step the next reminder timer sends the one after it; before, the first.
  const nextReminder = state ? (state.step === 'reminder' ? state.reminderNumber + 1 : 1) : 1;
  return [...facts.timers]
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.kind.localeCompare(b.kind))
    .map((timer) => ({ timer: timer.kind, at: timer.dueAt, reminderNumber: timer.kind === 'reminder' ? nextReminder : undefined }));
}

function pauseOf(pause: NonNullable<Invoice['lifeCycle']>['pause'] & object): InvoiceTimeline['paused'] {
  return { since: pause.since, holdUntil: pause.holdUntil, dispute: pause.dispute };
}
