/**
 * The timeline of an invoice: everything stored about it today, oldest first (docs/dashboard.md
 * "Timeline"). Pure: the store reads the facts, this orders them. E-mails sent, disputes and
 * payouts join here once the collection workflow stores them ("Next" in the same document).
 */
import type { Invoice } from '../orders/invoice.js';
import type { Cents } from '../shared/money.js';
import type { TimelineFacts } from './dashboard-ports.js';

export type TimelineEntry =
  | { kind: 'order_placed'; at: Date }
  | { kind: 'workflow_started'; at: Date }
  | { kind: 'on_hold'; at: Date | undefined; until: Date }
  | { kind: 'payment' | 'credit'; at: Date; amount: Cents; description: string | undefined }
  | { kind: 'message'; at: Date; body: string }
  | { kind: 'event'; at: Date; type: string; deliveries: TimelineFacts['deliveries'] };

export function invoiceTimeline(invoice: Invoice, facts: TimelineFacts): TimelineEntry[] {
  const entries: TimelineEntry[] = [{ kind: 'order_placed', at: invoice.createdAt }];
  if (invoice.workflowStartedAt) entries.push({ kind: 'workflow_started', at: invoice.workflowStartedAt });
  for (const entry of facts.ledger) entries.push({ kind: entry.kind, at: entry.at, amount: entry.amount, description: entry.description });
  for (const message of facts.messages) entries.push({ kind: 'message', at: message.at, body: message.body });
  for (const event of facts.events) {
    const deliveries = facts.deliveries.filter((delivery) => delivery.eventId === event.id);
    entries.push({ kind: 'event', at: event.at, type: event.type, deliveries });
  }
  // Only the current hold is stored on the invoice; its start is the latest order_on_hold event.
  if (invoice.onHoldUntil) {
    const held = facts.events.filter((event) => event.type === 'order_on_hold').at(-1);
    entries.push({ kind: 'on_hold', at: held?.at, until: invoice.onHoldUntil });
  }
  // A stable sort: entries of one moment keep the order above (the order before its event).
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => (a.entry.at?.getTime() ?? Infinity) - (b.entry.at?.getTime() ?? Infinity) || a.index - b.index)
    .map(({ entry }) => entry);
}
