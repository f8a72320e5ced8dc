/**
 * Appending an event also queues its deliveries, in the same transaction (house rule 4). The store
 * finds the merchant's subscriptions of every contract and the invoice's facts; the core's fanOut
 * decides which of them the event reaches and the contracts' builders (handed in by main.ts) make
 * the bodies, frozen now; the store only writes the rows. A merchant without webhooks costs
 * nothing beyond the event's own INSERT, because the subscription lookup rides along in the same
 * statement.
 *
 * Subscriptions are Billink's order and session webhooks (webhook_subscriptions) and, for an
 * invoice that a Buckaroo Pay or Authorize placed, that transaction's push URL (docs/buckaroo.md),
 * so a change made through any contract reaches the Buckaroo integration too; and, for a session
 * that a BillBlend sale started, the endpoint's callback URL (docs/billblend.md).
 */
import type { DomainEvent, InvoiceEvent } from '../core/shared/events.js';
import { fanOut, type InvoiceFacts, type NotificationBuilders, type NotificationTarget } from '../core/webhooks/notifications.js';
import type { PushDetails } from '../core/psp/psp-transactions.js';
import type { PspSaleCallbackDetails } from '../core/sessions/psp-sale.js';
import { transactionFromJson } from './buckaroo-repository.js';
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
  /** A Buckaroo target's transaction row as JSON, and the invoice's state now. */
  transaction: Record<string, unknown> | null;
  /** A BillBlend target's sale, endpoint key and amount. */
  sale: PspSaleCallbackDetails | null;
  invoice_open_unstarted: boolean | null;
  invoice_number: string | null;
  merchant_number: string | null;
  workflow_number: number | null;
  custom_invoice_id: string | null;
}

/** A life-cycle event keeps its step and amount, for the event stream and the delivery log. */
function lifeCycleData(event: DomainEvent): string | null {
  if (event.type === 'session_status_changed' || event.step === undefined) return null;
  return JSON.stringify({ step: event.step, ...(event.amount === undefined ? {} : { amount: event.amount }) });
}

export async function appendEvent(db: Queryable, event: DomainEvent, builders: NotificationBuilders): Promise<void> {
  const session = event.type === 'session_status_changed' ? event : undefined;
  const rows = await db.query<Target>(
    `WITH event AS (
       INSERT INTO events (merchant_id, invoice_id, session_id, type, data, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
     )
     SELECT event.id AS event_id, s.contract, s.kind, s.url, s.signed, NULL::jsonb AS transaction, NULL::jsonb AS sale,
            NULL::boolean AS invoice_open_unstarted,
            i.invoice_number, i.merchant_number, i.workflow_number, i.custom_invoice_id
     FROM event
     JOIN webhook_subscriptions s ON s.merchant_id = $1
     LEFT JOIN invoices i ON i.id = $2
     UNION ALL
     SELECT event.id, 'buckaroo', 'push', coalesce(t.push_url, c.push_url), true, to_jsonb(t), NULL,
            i.status = 'open' AND i.step = 'not_started', NULL, NULL, NULL, NULL
     FROM event
     JOIN buckaroo_transactions t ON t.invoice_id = $2 AND t.merchant_id = $1 AND t.action IN ('Pay', 'Authorize') AND t.status_code = 190
     JOIN buckaroo_credentials c ON c.merchant_id = t.merchant_id
     JOIN invoices i ON i.id = $2
     WHERE coalesce(t.push_url, c.push_url) IS NOT NULL
     UNION ALL
     SELECT event.id, 'billblend', 'callback', e.callback_url, true, NULL,
            jsonb_build_object('reference', p.reference, 'controlKey', e.control_key, 'total', cs.total, 'currency', cs.currency),
            NULL, NULL, NULL, NULL, NULL
     FROM event
     JOIN psp_sales p ON p.session_id = $3
     JOIN psp_endpoints e ON e.id = p.endpoint_id AND e.merchant_id = $1
     JOIN checkout_sessions cs ON cs.id = p.session_id
     WHERE e.callback_url IS NOT NULL`,
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
        : lifeCycleData(event),
      event.at,
    ],
  );
  const [first] = rows;
  if (!first) return;
  await queueDeliveries(db, event, first.event_id, rows, builders);
}

/** Where the targets of one stored event are read, the fan-out decides and its deliveries are written. */
async function queueDeliveries(db: Queryable, event: DomainEvent, eventId: number, rows: readonly Target[], builders: NotificationBuilders): Promise<void> {
  const targets: NotificationTarget[] = rows.map((row) => ({
    contract: row.contract,
    kind: row.kind,
    url: row.url,
    signed: row.signed,
    details: row.transaction
      ? ({ transaction: transactionFromJson(row.transaction), cancelable: row.invoice_open_unstarted === true } satisfies PushDetails)
      : (row.sale ?? undefined),
  }));
  // The invoice columns come from the event's own invoice row (a foreign key).
  const facts = rows.find((row) => row.invoice_number !== null);
  const invoice: InvoiceFacts | undefined = facts
    ? {
        invoiceNumber: facts.invoice_number!,
        merchantNumber: facts.merchant_number ?? '',
        workflowNumber: facts.workflow_number ?? 0,
        customInvoiceId: facts.custom_invoice_id ?? undefined,
      }
    : undefined;
  for (const draft of fanOut(event, targets, invoice, builders)) {
    await db.query(
      `WITH queued AS (
         INSERT INTO webhook_deliveries (merchant_id, event_id, contract, kind, event, url, signed, body, state, next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', now(), now()) RETURNING id
       )
       SELECT pg_notify('${DELIVERY_CHANNEL}', '') FROM queued`,
      [event.merchantId, eventId, draft.contract, draft.kind, draft.event, draft.url, draft.signed, draft.body],
    );
    markDeliveriesQueued(db);
  }
}

/**
 * The events of a batch of life-cycle transitions (life-cycle-batch.ts), in order: one statement
 * inserts them all and reads every event's targets (the same two kinds `appendEvent` reads for an
 * invoice event; the third, a BillBlend sale's callback, belongs to session events only), instead
 * of a statement and a round trip per event. Each event's fan-out and deliveries follow as
 * `appendEvent` makes them.
 *
 * The rows are inserted in the order given (WITH ORDINALITY … ORDER BY), so their identity values
 * follow it: the statement answers one row per event (`contract` NULL) besides its targets, and
 * the k-th smallest id is the k-th event. Its invoice and type are checked against the event; a
 * mismatch fails the transaction instead of addressing a webhook to the wrong event.
 */
export async function appendInvoiceEvents(db: Queryable, events: readonly InvoiceEvent[], builders: NotificationBuilders): Promise<void> {
  if (events.length <= 1) {
    for (const event of events) await appendEvent(db, event, builders);
    return;
  }
  const rows = await db.query<Target & { event_invoice_id: number; event_type: string }>(
    `WITH event AS (
       INSERT INTO events (merchant_id, invoice_id, session_id, type, data, created_at)
       SELECT merchant_id, invoice_id, NULL, type, data::jsonb, created_at
       FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::timestamptz[]) WITH ORDINALITY AS e(merchant_id, invoice_id, type, data, created_at, n)
       ORDER BY n
       RETURNING id, merchant_id, invoice_id, type
     )
     SELECT event.id AS event_id, event.invoice_id AS event_invoice_id, event.type AS event_type, NULL::text AS contract, NULL::text AS kind,
            NULL::text AS url, NULL::boolean AS signed, NULL::jsonb AS transaction, NULL::jsonb AS sale, NULL::boolean AS invoice_open_unstarted,
            NULL::text AS invoice_number, NULL::text AS merchant_number, NULL::integer AS workflow_number, NULL::text AS custom_invoice_id
     FROM event
     UNION ALL
     SELECT event.id, event.invoice_id, event.type, s.contract, s.kind, s.url, s.signed, NULL, NULL, NULL,
            i.invoice_number, i.merchant_number, i.workflow_number, i.custom_invoice_id
     FROM event
     JOIN webhook_subscriptions s ON s.merchant_id = event.merchant_id
     LEFT JOIN invoices i ON i.id = event.invoice_id
     UNION ALL
     SELECT event.id, event.invoice_id, event.type, 'buckaroo', 'push', coalesce(t.push_url, c.push_url), true, to_jsonb(t), NULL,
            i.status = 'open' AND i.step = 'not_started', NULL, NULL, NULL, NULL
     FROM event
     JOIN buckaroo_transactions t ON t.invoice_id = event.invoice_id AND t.merchant_id = event.merchant_id AND t.action IN ('Pay', 'Authorize') AND t.status_code = 190
     JOIN buckaroo_credentials c ON c.merchant_id = t.merchant_id
     JOIN invoices i ON i.id = event.invoice_id
     WHERE coalesce(t.push_url, c.push_url) IS NOT NULL`,
    [
      events.map((event) => event.merchantId),
      events.map((event) => event.invoiceId),
      events.map((event) => event.type),
      events.map((event) => lifeCycleData(event)),
      events.map((event) => event.at),
    ],
  );
  const ids = rows.filter((row) => row.contract === null).sort((a, b) => Number(a.event_id) - Number(b.event_id));
  if (ids.length !== events.length) throw new Error(`${events.length} events appended, ${ids.length} stored`);
  const targets = new Map<number, Target[]>();
  for (const row of rows) {
    if (row.contract === null) continue;
    const list = targets.get(Number(row.event_id));
    if (list) list.push(row);
    else targets.set(Number(row.event_id), [row]);
  }
  for (const [index, event] of events.entries()) {
    const stored = ids[index]!;
    if (String(stored.event_invoice_id) !== String(event.invoiceId) || stored.event_type !== event.type) {
      throw new Error(`event ${index} of a batch was stored as ${stored.event_type} of invoice ${stored.event_invoice_id}, not as ${event.type} of invoice ${event.invoiceId}`);
    }
    const found = targets.get(Number(stored.event_id));
    if (found) await queueDeliveries(db, event, Number(stored.event_id), found, builders);
  }
}
