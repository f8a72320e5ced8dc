/**
 * Appending an event also queues its deliveries, in the same transaction (house rule 4). The store
 * finds the merchant's subscriptions of every contract and the invoice's facts; the core's fanOut
 * decides which of them the event reaches and the contracts' builders (handed in by main.ts) make
 * the bodies, frozen now; the store only writes the rows. A merchant without webhooks costs
 * nothing beyond the event's own INSERT, because the subscription lookup rides along in the same
 * statement.
 */
import type { DomainEvent } from '../core/shared/events.js';
import { fanOut, type InvoiceFacts, type NotificationBuilders, type NotificationTarget } from '../core/webhooks/notifications.js';
import type { Queryable } from './database.js';
import { markDeliveriesQueued } from './webhook-commit-signal.js';

/** Separate worker processes LISTEN on this channel; NOTIFY is sent on commit, so it is only a hint. */
export const DELIVERY_CHANNEL = 'achteraf_webhook_deliveries';

interface Target {
  event_id: number;
  contract: string;
  kind: string;
  url: string;
  signed: boolean;
  invoice_number: string | null;
  merchant_number: string | null;
  workflow_number: number | null;
  custom_invoice_id: string | null;
}

export async function appendEvent(db: Queryable, event: DomainEvent, builders: NotificationBuilders): Promise<void> {
  const session = event.type === 'session_status_changed' ? event : undefined;
  const rows = await db.query<Target>(
    `WITH event AS (
       INSERT INTO events (merchant_id, invoice_id, session_id, type, data, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
     )
     SELECT event.id AS event_id, s.contract, s.kind, s.url, s.signed,
            i.invoice_number, i.merchant_number, i.workflow_number, i.custom_invoice_id
     FROM event
     JOIN webhook_subscriptions s ON s.merchant_id = $1
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
    ],
  );
  const [first] = rows;
  if (!first) return;
  const targets: NotificationTarget[] = rows.map((row) => ({ contract: row.contract, kind: row.kind, url: row.url, signed: row.signed, subject: undefined }));
  // The invoice columns come from the event's own invoice row (a foreign key).
  const invoice: InvoiceFacts | undefined =
    first.invoice_number === null
      ? undefined
      : {
          invoiceNumber: first.invoice_number,
          merchantNumber: first.merchant_number ?? '',
          workflowNumber: first.workflow_number ?? 0,
          customInvoiceId: first.custom_invoice_id ?? undefined,
        };
  for (const draft of fanOut(event, targets, invoice, builders)) {
    await db.query(
      `WITH queued AS (
         INSERT INTO webhook_deliveries (merchant_id, event_id, contract, kind, event, url, signed, body, state, next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', now(), now()) RETURNING id
       )
       SELECT pg_notify('${DELIVERY_CHANNEL}', '') FROM queued`,
      [event.merchantId, first.event_id, draft.contract, draft.kind, draft.event, draft.url, draft.signed, draft.body],
    );
    markDeliveriesQueued(db);
  }
}
