/** Disputes (migration 023, docs/v2-api.md "Disputes"). The attachment's bytes are written, never read back here. */
import type { Dispute, DisputeFileType, NewDispute } from '../core/disputes/dispute.js';
import type { DisputeRepository } from '../core/ports.js';
import type { Queryable } from './database.js';

interface DisputeRow {
  public_id: string;
  merchant_id: string;
  invoice_id: string | number;
  invoice_number: string;
  category: number;
  customer_email: string;
  customer_name: string;
  locale: string;
  message: string;
  file_name: string | null;
  file_type: string | null;
  file_size: number | null;
  opened_at: Date | string;
  resolved_at: Date | string | null;
  resolution: string | null;
}

const COLUMNS = `d.public_id, d.merchant_id, d.invoice_id, i.merchant_number AS invoice_number, d.category, d.customer_email,
  d.customer_name, d.locale, d.message, d.file_name, d.file_type, octet_length(d.file_data) AS file_size, d.opened_at,
  d.resolved_at, d.resolution`;

function toDispute(row: DisputeRow): Dispute {
  return {
    id: row.public_id,
    merchantId: row.merchant_id,
    invoiceId: String(row.invoice_id),
    invoiceNumber: row.invoice_number,
    category: Number(row.category),
    customerEmail: row.customer_email,
    customerName: row.customer_name,
    locale: row.locale === 'en' ? 'en' : 'nl',
    message: row.message,
    fileName: row.file_name ?? undefined,
    fileType: (row.file_type ?? undefined) as DisputeFileType | undefined,
    fileSize: row.file_size === null ? undefined : Number(row.file_size),
    openedAt: new Date(row.opened_at),
    resolvedAt: row.resolved_at === null ? undefined : new Date(row.resolved_at),
    resolution: row.resolution ?? undefined,
  };
}

export class SqlDisputeRepository implements DisputeRepository {
  constructor(private readonly db: Queryable) {}

  async insert(dispute: NewDispute): Promise<boolean> {
    // ON CONFLICT instead of a caught error: a failed statement would abort the transaction on PostgreSQL.
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO disputes (public_id, merchant_id, invoice_id, category, customer_email, customer_name, locale, message,
                             file_name, file_type, file_data, opened_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (invoice_id) WHERE resolved_at IS NULL DO NOTHING RETURNING id`,
      [
        dispute.id, dispute.merchantId, dispute.invoiceId, dispute.category, dispute.customerEmail, dispute.customerName,
        dispute.locale, dispute.message, dispute.fileName ?? null, dispute.fileType ?? null,
        dispute.file ? Buffer.from(dispute.file) : null, dispute.openedAt,
      ],
    );
    return rows.length === 1;
  }

  async find(merchantId: string, id: string): Promise<Dispute | undefined> {
    const rows = await this.db.query<DisputeRow>(
      `SELECT ${COLUMNS} FROM disputes d JOIN invoices i ON i.id = d.invoice_id WHERE d.merchant_id = $1 AND d.public_id = $2`,
      [merchantId, id],
    );
    return rows[0] && toDispute(rows[0]);
  }

  async findForUpdate(merchantId: string, id: string): Promise<Dispute | undefined> {
    const rows = await this.db.query<DisputeRow>(
      `SELECT ${COLUMNS} FROM disputes d JOIN invoices i ON i.id = d.invoice_id
       WHERE d.merchant_id = $1 AND d.public_id = $2 FOR UPDATE OF d`,
      [merchantId, id],
    );
    return rows[0] && toDispute(rows[0]);
  }

  async findOpen(invoiceId: string): Promise<Dispute | undefined> {
    const rows = await this.db.query<DisputeRow>(
      `SELECT ${COLUMNS} FROM disputes d JOIN invoices i ON i.id = d.invoice_id WHERE d.invoice_id = $1 AND d.resolved_at IS NULL`,
      [invoiceId],
    );
    return rows[0] && toDispute(rows[0]);
  }

  async list(merchantId: string, filter: { invoiceNumber?: string | undefined; status?: 'open' | 'resolved' | undefined }, limit: number): Promise<Dispute[]> {
    const rows = await this.db.query<DisputeRow>(
      `SELECT ${COLUMNS} FROM disputes d JOIN invoices i ON i.id = d.invoice_id
       WHERE d.merchant_id = $1 AND ($2::text IS NULL OR i.merchant_number = $2)
         AND ($3::text IS NULL OR ($3 = 'open') = (d.resolved_at IS NULL))
       ORDER BY d.id DESC LIMIT $4`,
      [merchantId, filter.invoiceNumber ?? null, filter.status ?? null, limit],
    );
    return rows.map(toDispute);
  }

  async resolve(id: string, at: Date, resolution: string | undefined): Promise<void> {
    await this.db.query('UPDATE disputes SET resolved_at = $2, resolution = $3 WHERE public_id = $1', [id, at, resolution ?? null]);
  }
}
