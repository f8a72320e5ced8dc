/** Reads the outbox (`events`) for the live webhook stream, with each event's invoice columns. */
import type { EventStreamRepository, StreamedEventFacts } from '../core/webhooks/event-stream.js';
import type { Queryable } from './database.js';

interface Row {
  id: number;
  type: StreamedEventFacts['type'];
  created_at: Date;
  invoice_id: number | null;
  data: { status: string; orderNumber: string; billinkInvoiceNumber: string; transactionId: string } | string | null;
  invoice_number: string | null;
  merchant_number: string | null;
  workflow_number: number | null;
  custom_invoice_id: string | null;
  webhook_id: string | null;
}

export class SqlEventStreamRepository implements EventStreamRepository {
  constructor(private readonly db: Queryable) {}

  async latestId(merchantId: string): Promise<string> {
    const rows = await this.db.query<{ id: number | null }>('SELECT max(id) AS id FROM events WHERE merchant_id = $1', [merchantId]);
    return String(rows[0]?.id ?? 0);
  }

  async after(merchantId: string, afterId: string, limit: number): Promise<StreamedEventFacts[]> {
    const rows = await this.db.query<Row>(
      `SELECT e.id, e.type, e.created_at, e.invoice_id, e.data,
              i.invoice_number, i.merchant_number, i.workflow_number, i.custom_invoice_id,
              (SELECT d.webhook_id FROM webhook_deliveries d WHERE d.event_id = e.id ORDER BY d.id LIMIT 1) AS webhook_id
       FROM events e LEFT JOIN invoices i ON i.id = e.invoice_id
       WHERE e.merchant_id = $1 AND e.id > $2
       ORDER BY e.id LIMIT $3`,
      [merchantId, afterId, limit],
    );
    return rows.map((row) => {
      const data = typeof row.data === 'string' ? JSON.parse(row.data) : row.data;
      return {
        id: String(row.id),
        type: row.type,
        at: row.created_at,
        invoiceId: row.invoice_id === null ? undefined : String(row.invoice_id),
        invoiceNumber: row.invoice_number ?? undefined,
        merchantNumber: row.merchant_number ?? undefined,
        workflowNumber: row.workflow_number ?? undefined,
        customInvoiceId: row.custom_invoice_id ?? undefined,
        session: row.type === 'session_status_changed' ? (data ?? undefined) : undefined,
        deliveryWebhookId: row.webhook_id ?? undefined,
      };
    });
  }
}
