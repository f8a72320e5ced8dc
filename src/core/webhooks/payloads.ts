/**
 * The bodies Billink posts to merchants (spec §4.1, §4.2). A body is built once, when the
 * delivery is created, and its exact bytes are sent on every retry and replay.
 */
import { type InvoiceEventType, isExtensionEvent, type SessionStatus } from '../shared/events.js';
import { formatAmount } from '../shared/money.js';

/** Which webhook a delivery belongs to: invoice events go to the order webhook, session changes to the session webhook. */
export type WebhookKind = 'order' | 'session';

export interface OrderWebhookFacts {
  event: InvoiceEventType;
  at: Date;
  invoiceId: string;
  /** Billink's public number, e.g. `1TSTORDER-1`. */
  invoiceNumber: string;
  /** The merchant's own order number. */
  merchantNumber: string;
  workflowNumber: number;
  customInvoiceId: string | undefined;
  /** Extension events only: the step after the event and the amount it is about (cents). */
  step?: string | undefined;
  amount?: number | undefined;
}

/**
 * Spec §4.1 for Billink's events, byte for byte. Our extension events (docs/webhooks.md) carry the
 * same fields and, after them, `workflow_step` and, when the event is about money, `amount` as a
 * decimal text with two places.
 */
export function orderWebhookBodyOf(facts: OrderWebhookFacts): string {
  if (!isExtensionEvent(facts.event)) return orderWebhookBody(facts);
  const body = JSON.parse(orderWebhookBody(facts)) as Record<string, unknown>;
  body.workflow_step = facts.step ?? '';
  if (facts.amount !== undefined) body.amount = formatAmount(facts.amount);
  return JSON.stringify(body);
}

/** Spec §4.1: the same shape for every order event; `custom_invoice_id` only when it was set. */
export function orderWebhookBody(facts: OrderWebhookFacts): string {
  return JSON.stringify({
    order_id: Number(facts.invoiceId),
    invoice_number: facts.invoiceNumber,
    invoice_number_clean: facts.merchantNumber,
    workflow_id: facts.workflowNumber,
    event: facts.event,
    timestamp: amsterdamTimestamp(facts.at),
    ...(facts.customInvoiceId ? { custom_invoice_id: facts.customInvoiceId } : {}),
  });
}

export interface SessionWebhookFacts {
  status: SessionStatus;
  /** The merchant's order number, which the session webhook calls `invoiceNumber`. */
  orderNumber: string;
  transactionId: string;
  billinkInvoiceNumber: string;
}

/** Spec §4.2: `{status, invoiceNumber, transactionId, billinkInvoiceNumber}`. */
export function sessionWebhookBody(facts: SessionWebhookFacts): string {
  return JSON.stringify({
    status: facts.status,
    invoiceNumber: facts.orderNumber,
    transactionId: facts.transactionId,
    billinkInvoiceNumber: facts.billinkInvoiceNumber,
  });
}

const AMSTERDAM = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** PHP's `Y-m-d H:i:s` in Amsterdam local time, as Billink writes `timestamp` (spec §4.1). */
export function amsterdamTimestamp(at: Date): string {
  const part = Object.fromEntries(AMSTERDAM.formatToParts(at).map(({ type, value }) => [type, value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}
