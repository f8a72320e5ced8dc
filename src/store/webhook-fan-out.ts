/**
 * Appending an event also queues its webhook deliveries, in the same transaction (house rule 4):
 * one row per webhook of the merchant that wants this kind of event, with the body built and
 * frozen now. A merchant without webhooks costs nothing beyond the event's own INSERT, because
 * the subscription lookup rides along in the same statement.
 */
import type { DomainEvent } from '../core/shared/events.js';
import { orderWebhookBody, sessionWebhookBody, type WebhookKind } from '../core/webhooks/payloads.js';
import type { Queryable } from './database.js';
import { markDeliveriesQueued } from './webhook-commit-signal.js';

/** Separate worker processes LISTEN on this channel; NOTIFY is sent on commit, so it is only a hint. */
export const DELIVERY_CHANNEL = 'achteraf_webhook_deliveries';

interface Target {
  event_id: number;
  url: string;
  signed: boolean;
  invoice_number: string | null;
  merchant_number: string | null;
  workflow_number: number | null;
  custom_invoice_id: string | null;
}

export async function appendEvent(db: Queryable, event: DomainEvent): Promise<void> {
  const session = event.type === 'session_status_changed' ? event : undefined;
  const kind: WebhookKind = session ? 'session' : 'order';
  const targets = await db.query<Target>(
    `WITH event AS (
       INSERT INTO events (merchant_id, invoice_id, session_id, type, data, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
     )
     SELECT event.id AS event_id, s.url, s.signed,
            i.invoice_number, i.merchant_number, i.workflow_number, i.custom_invoice_id
     FROM event
     JOIN webhook_subscriptions s ON s.merchant_id = $1 AND s.kind = $7
     LEFT JOIN invoices i ON i.id = $2`,
    [
      event.merchantId,
      event.invoiceId ?? null,
      session?.sessionId ?? null,
      event.type,
      session
        ? JSON.stringify({
            status: session.status,
            orderNumber: session.orderNumber,
            billinkInvoiceNumber: session.billinkInvoiceNumber,
            transactionId: session.transactionId,
          })
        : null,
      event.at,
      kind,
    ],
  );
  for (const target of targets) {
    const { name, body } = deliveryFor(event, target);
    await db.query(
      `WITH queued AS (
         INSERT INTO webhook_deliveries (merchant_id, event_id, kind, event, url, signed, body, state, next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', now(), now()) RETURNING id
       )
       SELECT pg_notify('${DELIVERY_CHANNEL}', '') FROM queued`,
      [event.merchantId, target.event_id, kind, name, target.url, target.signed, body],
    );
    markDeliveriesQueued(db);
  }
}

/** The event name for the log and the frozen body. The invoice columns come from the event's own invoice row (a foreign key). */
function deliveryFor(event: DomainEvent, target: Target): { name: string; body: string } {
  if (event.type === 'session_status_changed') return { name: event.status, body: sessionWebhookBody(event) };
  return {
    name: event.type,
    body: orderWebhookBody({
      event: event.type,
      at: event.at,
      invoiceId: event.invoiceId,
      invoiceNumber: target.invoice_number ?? '',
      merchantNumber: target.merchant_number ?? '',
      workflowNumber: target.workflow_number ?? 0,
      customInvoiceId: target.custom_invoice_id ?? undefined,
    }),
  };
}
