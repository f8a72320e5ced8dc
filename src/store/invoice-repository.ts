import type { CustomerKeys } from '../core/orders/customer.js';
import type { Invoice } from '../core/orders/invoice.js';
import type { Exposure, InvoiceChange, InvoiceRepository, InvoiceStatusFacts } from '../core/ports.js';
import { type Queryable, queueStatement } from './database.js';
import { decodeLifeCycle } from './life-cycle-codec.js';

export interface InvoiceRow {
  id: number;
  merchant_id: string;
  workflow_number: number;
  merchant_number: string;
  invoice_number: string;
  order_date: string;
  currency: Invoice['currency'];
  customer: Invoice['customer'];
  customer_email: string;
  customer_identity: string | null;
  lines: Invoice['lines'];
  total: number;
  vat: number;
  paid: number;
  credited: number;
  status: Invoice['status'];
  step: Invoice['step'];
  workflow_started_at: Date | null;
  due_date: string | null;
  on_hold_until: Date | null;
  hold_days_used: number;
  sandbox: boolean;
  additional_text: string | null;
  track_and_trace: string | null;
  file_token: string;
  check_uuid: string | null;
  custom_invoice_id: string | null;
  created_at: Date;
  life_cycle: unknown;
}

type StatusFactsRow = Pick<
  InvoiceRow,
  'id' | 'merchant_number' | 'invoice_number' | 'workflow_number' | 'status' | 'step' | 'workflow_started_at'
> & { reminder_number: number; paid_out: boolean; tracked: boolean; dispute_open: boolean };

/** Named rather than `*`, so the statements can be prepared once per connection (store/database.ts). */
export const INVOICE_COLUMNS = `id, merchant_id, workflow_number, merchant_number, invoice_number, order_date, currency, customer,
  customer_email, customer_identity, lines, total, vat, paid, credited, status, step, workflow_started_at, due_date,
  on_hold_until, hold_days_used, sandbox, additional_text, track_and_trace, file_token, check_uuid, custom_invoice_id,
  created_at, life_cycle`;

const STATUS_FACTS_COLUMNS = `id, merchant_number, invoice_number, workflow_number, status, step, workflow_started_at, reminder_number,
  paid_out, dispute_open, life_cycle IS NOT NULL AS tracked`;
const STATUS_FACTS_OUTER =
  'id, merchant_number, invoice_number, workflow_number, status, step, workflow_started_at, reminder_number, paid_out, dispute_open, tracked';

/** Stable 64-bit lock keys per customer, so credit decisions for one customer run one at a time. */
const LOCK_NAMESPACE = 7_381_002;

export class SqlInvoiceRepository implements InvoiceRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * The check is marked used inside the insert (a data-modifying CTE): one statement instead of
   * two for every order (docs/benchmarks.md "Folded statements"). Without a check, $27 and $28 are
   * NULL and the UPDATE matches nothing; when the order number is taken nothing is inserted, so
   * nothing is marked either.
   */
  async insert(invoice: Omit<Invoice, 'id'>, usedCheck?: { uuid: string; at: Date }): Promise<{ id: string } | 'duplicate'> {
    const rows = await this.db.query<{ id: number }>(
      `WITH inserted AS (
         INSERT INTO invoices (merchant_id, workflow_number, merchant_number, invoice_number, order_date, currency,
           customer, customer_email, customer_identity, lines, total, vat, paid, credited, status, step,
           workflow_started_at, due_date, on_hold_until, sandbox, additional_text, track_and_trace, file_token,
           check_uuid, created_at, custom_invoice_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
           $23, $24, $25, $26)
         ON CONFLICT DO NOTHING RETURNING id
       ), used AS (
         UPDATE credit_checks SET used_at = $27::timestamptz, invoice_id = inserted.id FROM inserted WHERE uuid = $28::text
       )
       SELECT id FROM inserted`,
      [
        invoice.merchantId, invoice.workflowNumber, invoice.merchantNumber, invoice.invoiceNumber, invoice.orderDate,
        invoice.currency, JSON.stringify(invoice.customer), invoice.customerKeys.email,
        invoice.customerKeys.identity ?? null, JSON.stringify(invoice.lines), invoice.total, invoice.vat, invoice.paid,
        invoice.credited, invoice.status, invoice.step, invoice.workflowStartedAt ?? null, invoice.dueDate ?? null,
        invoice.onHoldUntil ?? null, invoice.sandbox, invoice.additionalText ?? null, invoice.trackAndTrace ?? null,
        invoice.fileToken, invoice.checkUuid ?? null, invoice.createdAt, invoice.customInvoiceId ?? null,
        usedCheck?.at ?? null, usedCheck?.uuid ?? null,
      ],
    );
    return rows[0] ? { id: String(rows[0].id) } : 'duplicate';
  }

  async find(merchantId: string, number: string): Promise<Invoice | undefined> {
    return this.selectOne(merchantId, number, '');
  }

  async findForUpdate(merchantId: string, number: string): Promise<Invoice | undefined> {
    return this.selectOne(merchantId, number, 'FOR UPDATE');
  }

  async findManyForUpdate(merchantId: string, numbers: readonly string[]): Promise<Invoice[]> {
    if (numbers.length === 0) return [];
    // ORDER BY runs before the rows are locked, so every batch takes its locks in the same order.
    const rows = await this.db.query<InvoiceRow>(
      `SELECT ${INVOICE_COLUMNS} FROM invoices
       WHERE merchant_id = $1 AND (merchant_number = ANY($2) OR invoice_number = ANY($2))
       ORDER BY id FOR UPDATE`,
      [merchantId, numbers],
    );
    return rows.map(toInvoice);
  }

  async findStatusFacts(merchantId: string, numbers: readonly string[]): Promise<InvoiceStatusFacts[]> {
    if (numbers.length === 0) return [];
    // Only the columns a status answer reads: decoding customer and lines was most of its cost.
    // Named in the outer list too, so that the statement is prepared (store/preparable.ts).
    //
    // One probe of each unique index, (merchant_id, merchant_number) and (merchant_id,
    // invoice_number), per number asked, whatever the table's statistics say. The form before,
    // `merchant_id = $1 AND (merchant_number = ANY($2) OR invoice_number = ANY($2))`, is planned
    // as a read of all the merchant's invoices while the table has no statistics (PGlite never
    // gathers any; a PostgreSQL table has none until autovacuum's first ANALYZE): 2.3 ms per
    // status of ten at 5,000 invoices, against 0.1 ms for this form with or without statistics
    // (docs/benchmarks.md "Status of ten, profiled").
    const rows = await this.db.query<StatusFactsRow>(
      `SELECT ${STATUS_FACTS_OUTER} FROM unnest($2::text[]) AS asked(number) CROSS JOIN LATERAL (
         SELECT ${STATUS_FACTS_COLUMNS} FROM invoices WHERE merchant_id = $1 AND merchant_number = asked.number
         UNION ALL
         SELECT ${STATUS_FACTS_COLUMNS} FROM invoices WHERE merchant_id = $1 AND invoice_number = asked.number) AS i`,
      [merchantId, numbers],
    );
    // A number asked twice, or one that is an invoice's order number and its invoice number too,
    // finds its row more than once: each invoice is answered once, in the order of the ids.
    const unique = [...new Map(rows.map((row) => [String(row.id), row])).values()].sort((a, b) => Number(a.id) - Number(b.id));
    return unique.map((row) => ({
      id: String(row.id),
      merchantNumber: row.merchant_number,
      invoiceNumber: row.invoice_number,
      workflowNumber: row.workflow_number,
      status: row.status,
      step: row.step,
      workflowStartedAt: row.workflow_started_at ?? undefined,
      reminderNumber: row.reminder_number,
      paidOut: row.tracked ? row.paid_out : undefined,
      disputeOpen: row.dispute_open,
    }));
  }

  /** The invoice behind a PDF link; the token is its only credential. */
  async findByFileToken(token: string): Promise<Invoice | undefined> {
    const rows = await this.db.query<InvoiceRow>(`SELECT ${INVOICE_COLUMNS} FROM invoices WHERE file_token = $1`, [token]);
    return rows[0] && toInvoice(rows[0]);
  }

  async update(id: string, change: InvoiceChange): Promise<void> {
    await this.db.query(
      `UPDATE invoices SET paid = $2, credited = $3, status = $4, step = $5, workflow_started_at = $6, due_date = $7,
         on_hold_until = $8 WHERE id = $1`,
      [
        id, change.paid, change.credited, change.status, change.step, change.workflowStartedAt ?? null,
        change.dueDate ?? null, change.onHoldUntil ?? null,
      ],
    );
  }

  async setHold(id: string, until: Date | undefined, holdDaysUsed: number): Promise<void> {
    await this.db.query('UPDATE invoices SET on_hold_until = $2, hold_days_used = $3 WHERE id = $1', [
      id,
      until ?? null,
      holdDaysUsed,
    ]);
  }

  async numberTaken(merchantId: string, merchantNumber: string, invoiceNumber: string): Promise<boolean> {
    const rows = await this.db.query(
      'SELECT 1 FROM invoices WHERE merchant_id = $1 AND (merchant_number = $2 OR invoice_number = $3) LIMIT 1',
      [merchantId, merchantNumber, invoiceNumber],
    );
    return rows.length > 0;
  }

  async lockCustomer(keys: CustomerKeys): Promise<void> {
    // On PGlite no other transaction can run meanwhile, so there is nothing to wait for.
    if (this.db.exclusive) return;
    // Both keys are locked, always in the same order, so two decisions cannot deadlock. Queued:
    // the lock travels with the statement that reads the exposure, which still runs after it.
    const names = [keys.email, keys.identity].filter((key): key is string => Boolean(key)).sort();
    await queueStatement(
      this.db,
      `SELECT pg_advisory_xact_lock($1, hashtext(name)) FROM unnest($2::text[]) AS name ORDER BY name`,
      [LOCK_NAMESPACE, names],
    );
  }

  async exposure(keys: CustomerKeys, sandbox: boolean): Promise<Exposure> {
    const rows = await this.db.query<{ open: number | null; in_collection: boolean | null }>(
      `SELECT sum(total - paid - credited) AS open, bool_or(step = 'collection') AS in_collection
       FROM invoices
       WHERE status = 'open' AND sandbox = $3 AND (customer_email = $1 OR customer_identity = $2)`,
      [keys.email, keys.identity ?? null, sandbox],
    );
    return { open: Number(rows[0]?.open ?? 0), inCollection: rows[0]?.in_collection ?? false };
  }

  private async selectOne(merchantId: string, number: string, lock: string): Promise<Invoice | undefined> {
    // Two indexed probes instead of an OR, so either number finds the row by its unique index.
    const rows = await this.db.query<InvoiceRow>(
      `SELECT ${INVOICE_COLUMNS} FROM invoices WHERE id = (
         SELECT id FROM invoices WHERE merchant_id = $1 AND merchant_number = $2
         UNION ALL
         SELECT id FROM invoices WHERE merchant_id = $1 AND invoice_number = $2
         LIMIT 1) ${lock}`,
      [merchantId, number],
    );
    return rows[0] && toInvoice(rows[0]);
  }
}

export function toInvoice(row: InvoiceRow): Invoice {
  return {
    id: String(row.id),
    merchantId: row.merchant_id,
    workflowNumber: row.workflow_number,
    merchantNumber: row.merchant_number,
    invoiceNumber: row.invoice_number,
    orderDate: row.order_date,
    currency: row.currency,
    customer: row.customer,
    customerKeys: { email: row.customer_email, identity: row.customer_identity ?? undefined },
    lines: row.lines,
    total: row.total,
    vat: row.vat,
    paid: row.paid,
    credited: row.credited,
    status: row.status,
    step: row.step,
    workflowStartedAt: row.workflow_started_at ?? undefined,
    dueDate: row.due_date ?? undefined,
    onHoldUntil: row.on_hold_until ?? undefined,
    holdDaysUsed: row.hold_days_used,
    sandbox: row.sandbox,
    additionalText: row.additional_text ?? undefined,
    trackAndTrace: row.track_and_trace ?? undefined,
    fileToken: row.file_token,
    checkUuid: row.check_uuid ?? undefined,
    customInvoiceId: row.custom_invoice_id ?? undefined,
    createdAt: row.created_at,
    lifeCycle: decodeLifeCycle(row.life_cycle),
  };
}
