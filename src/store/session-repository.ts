import type { SessionRepository } from '../core/ports.js';
import type { CheckoutSession } from '../core/sessions/checkout-session.js';
import type { SessionStatus } from '../core/shared/events.js';
import type { Queryable } from './database.js';

interface SessionRow {
  id: string;
  merchant_id: string;
  status: SessionStatus;
  workflow_number: number;
  order_number: string;
  invoice_number: string;
  custom_invoice_id: string | null;
  transaction_id: string;
  customer_id: string;
  customer: CheckoutSession['customer'];
  missing: CheckoutSession['missing'];
  items: CheckoutSession['items'];
  lines: CheckoutSession['lines'];
  total: number;
  vat: number;
  currency: CheckoutSession['currency'];
  pay_trust_score: string | null;
  return_urls: CheckoutSession['returnUrls'];
  logo_url: string | null;
  created_at: Date;
  expires_at: Date;
  finished_at: Date | null;
  invoice_id: number | null;
}

export class SqlSessionRepository implements SessionRepository {
  constructor(private readonly db: Queryable) {}

  async insert(session: CheckoutSession): Promise<void> {
    await this.db.query(
      `INSERT INTO checkout_sessions (id, merchant_id, status, workflow_number, order_number, invoice_number,
         custom_invoice_id, transaction_id, customer_id, customer, missing, items, lines, total, vat, currency,
         pay_trust_score, return_urls, logo_url, created_at, expires_at, finished_at, invoice_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)`,
      [
        session.id, session.merchantId, session.status, session.workflowNumber, session.orderNumber,
        session.invoiceNumber, session.customInvoiceId ?? null, session.transactionId, session.customerId,
        JSON.stringify(session.customer), JSON.stringify(session.missing), JSON.stringify(session.items),
        JSON.stringify(session.lines), session.total, session.vat, session.currency, session.payTrustScore ?? null,
        JSON.stringify(session.returnUrls), session.logoUrl ?? null, session.createdAt, session.expiresAt,
        session.finishedAt ?? null, session.invoiceId ?? null,
      ],
    );
  }

  async find(id: string): Promise<CheckoutSession | undefined> {
    const rows = await this.db.query<SessionRow>('SELECT * FROM checkout_sessions WHERE id = $1', [id]);
    return rows[0] && toSession(rows[0]);
  }

  async findForUpdate(id: string): Promise<CheckoutSession | undefined> {
    const rows = await this.db.query<SessionRow>('SELECT * FROM checkout_sessions WHERE id = $1 FOR UPDATE', [id]);
    return rows[0] && toSession(rows[0]);
  }

  async findByInvoiceNumber(merchantId: string, invoiceNumber: string): Promise<CheckoutSession | undefined> {
    const rows = await this.db.query<SessionRow>(
      `SELECT * FROM checkout_sessions WHERE merchant_id = $1 AND invoice_number = $2
       ORDER BY (status = 'order_created') DESC, seq DESC LIMIT 1`,
      [merchantId, invoiceNumber],
    );
    return rows[0] && toSession(rows[0]);
  }

  async finish(id: string, change: { status: SessionStatus; finishedAt: Date; invoiceId: string | undefined }): Promise<void> {
    await this.db.query('UPDATE checkout_sessions SET status = $2, finished_at = $3, invoice_id = $4 WHERE id = $1', [
      id,
      change.status,
      change.finishedAt,
      change.invoiceId ?? null,
    ]);
  }

  async lockOverdue(now: Date, limit: number): Promise<Array<{ session: CheckoutSession; clockOffsetMs: number }>> {
    // A live merchant's offset is never read (core/shared/merchant-clocks.ts).
    const rows = await this.db.query<SessionRow & { clock_offset_ms: string | number }>(
      `SELECT s.*, o.clock_offset_ms
       FROM checkout_sessions s
       JOIN merchants m ON m.id = s.merchant_id
       CROSS JOIN LATERAL (SELECT CASE WHEN m.mode = 'sandbox' THEN m.test_clock_offset_ms ELSE 0 END AS clock_offset_ms) o
       WHERE s.status = 'session_active' AND s.expires_at <= $1::timestamptz + o.clock_offset_ms * interval '1 millisecond'
       ORDER BY s.expires_at LIMIT $2 FOR UPDATE OF s SKIP LOCKED`,
      [now, limit],
    );
    return rows.map((row) => ({ session: toSession(row), clockOffsetMs: Number(row.clock_offset_ms) }));
  }
}

function toSession(row: SessionRow): CheckoutSession {
  return {
    id: row.id,
    merchantId: row.merchant_id,
    status: row.status,
    workflowNumber: row.workflow_number,
    orderNumber: row.order_number,
    invoiceNumber: row.invoice_number,
    customInvoiceId: row.custom_invoice_id ?? undefined,
    transactionId: row.transaction_id,
    customerId: row.customer_id,
    customer: row.customer,
    missing: row.missing,
    items: row.items,
    lines: row.lines,
    total: row.total,
    vat: row.vat,
    currency: row.currency,
    payTrustScore: row.pay_trust_score ?? undefined,
    returnUrls: row.return_urls,
    logoUrl: row.logo_url ?? undefined,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    finishedAt: row.finished_at ?? undefined,
    invoiceId: row.invoice_id === null ? undefined : String(row.invoice_id),
  };
}
