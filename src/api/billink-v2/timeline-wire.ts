/**
 * The invoice timeline on the v2 wire (docs/v2-api.md "Invoice timeline"): every time as ISO 8601
 * UTC, every amount twice — a decimal string in euros for people and integer cents for programs,
 * as the reconciliation list gives them — and every entry an object with its `kind` and `at`.
 */
import type { TimelineDelivery } from '../../core/dashboard/dashboard-ports.js';
import type { InvoiceTimeline, TimelineEntry } from '../../core/dashboard/invoice-timeline.js';
import { openAmountsOf } from '../../core/invoices/open-amounts.js';
import type { Invoice } from '../../core/orders/invoice.js';
import { formatAmount } from '../../core/shared/money.js';

function money(name: string, cents: number): Record<string, string | number> {
  return { [name]: formatAmount(cents), [`${name}Cents`]: cents };
}

const iso = (at: Date | undefined) => (at === undefined ? null : at.toISOString());

function webhooks(deliveries: TimelineDelivery[]) {
  return deliveries.map((delivery) => ({
    id: delivery.id,
    event: delivery.event,
    url: delivery.url,
    state: delivery.state,
    createdAt: delivery.createdAt.toISOString(),
    replayOf: delivery.replayOf ?? null,
    attempts: delivery.attempts.map((attempt) => ({
      number: attempt.number,
      startedAt: attempt.startedAt.toISOString(),
      httpStatus: attempt.httpStatus ?? null,
      error: attempt.error ?? null,
    })),
  }));
}

function entryWire(entry: TimelineEntry): Record<string, unknown> {
  const fields = entryFields(entry);
  // Every entry but a message, an e-mail and a lone event lists the outbox events written with it.
  return 'events' in entry ? { ...fields, events: entry.events.map((event) => ({ type: event.type, webhooks: webhooks(event.webhooks) })) } : fields;
}

function entryFields(entry: TimelineEntry): Record<string, unknown> {
  const base = { kind: entry.kind, at: entry.at.toISOString() };
  switch (entry.kind) {
    case 'order_placed':
    case 'workflow_started':
    case 'resumed':
      return base;
    case 'step':
      return { ...base, step: entry.step, restarted: entry.restarted };
    case 'on_hold':
      return { ...base, until: iso(entry.until) };
    case 'mail':
      return {
        ...base,
        id: entry.id,
        mail: entry.mail,
        reminderNumber: entry.reminderNumber ?? null,
        subject: entry.subject ?? null,
        recipient: entry.recipient,
        state: entry.state,
        channel: entry.channel ?? null,
        attempts: entry.attempts,
        lastError: entry.lastError ?? null,
        sentAt: iso(entry.sentAt),
      };
    case 'costs':
      return { ...base, costs: entry.costs, ...money('amount', entry.amount) };
    case 'payment':
      return { ...base, ...money('amount', entry.amount), ...money('toCosts', entry.toCosts), channel: entry.channel ?? null, description: entry.description ?? null };
    case 'credit':
      return { ...base, ...money('amount', entry.amount), description: entry.description ?? null };
    case 'dispute_opened':
      return { ...base, disputeId: entry.disputeId, category: entry.category, message: entry.message };
    case 'dispute_resolved':
      return { ...base, disputeId: entry.disputeId, resolution: entry.resolution ?? null };
    case 'settlement':
      return { ...base, settlement: entry.settlement, ...money('gross', entry.gross), ...money('fee', entry.fee), ...money('net', entry.net) };
    case 'message':
      return { ...base, body: entry.body };
    case 'event':
      return { ...base, type: entry.type, webhooks: webhooks(entry.webhooks) };
  }
}

export function timelineWire(invoice: Invoice, timeline: InvoiceTimeline) {
  // The same amounts the pay page and the invoice PDF show (core/invoices/open-amounts.ts).
  const open = openAmountsOf(invoice);
  return {
    result: 'MSG',
    code: '200',
    invoice: {
      invoiceNumber: invoice.invoiceNumber,
      orderNumber: invoice.merchantNumber,
      workflowNumber: invoice.workflowNumber,
      orderDate: invoice.orderDate,
      dueDate: invoice.dueDate ?? null,
      currency: invoice.currency,
      status: invoice.status,
      step: invoice.step,
      ...money('total', invoice.total),
      ...money('paid', invoice.paid),
      ...money('credited', invoice.credited),
      ...money('open', open.principalOpen),
      ...money('costsOpen', open.costsOpen),
      ...money('totalOpen', open.totalOpen),
      onHoldUntil: iso(invoice.onHoldUntil),
    },
    now: timeline.now.toISOString(),
    entries: timeline.entries.map(entryWire),
    upcoming: timeline.upcoming.map((step) => ({ timer: step.timer, at: step.at.toISOString(), reminderNumber: step.reminderNumber ?? null })),
    paused: timeline.paused ? { since: timeline.paused.since.toISOString(), holdUntil: iso(timeline.paused.holdUntil), dispute: timeline.paused.dispute } : null,
  };
}
