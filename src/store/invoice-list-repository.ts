/** The reconciliation list (spec §2.11): pages of a merchant's invoices by invoice date. */
import type { InvoiceListFilter, InvoiceListRepository, InvoiceSummary } from '../core/ports.js';
import type { Queryable } from './database.js';

interface SummaryRow {
  invoice_number: string;
  merchant_number: string;
  workflow_number: number;
  order_date: string;
  due_date: string | null;
  currency: InvoiceSummary['currency'];
  total: number;
  paid: number;
  credited: number;
  status: InvoiceSummary['status'];
  step: InvoiceSummary['step'];
  custom_invoice_id: string | null;
  created_at: Date;
  workflow_started_at: Date | null;
  reminder_number: number;
  costs: number;
  costs_paid: number;
  paid_out: boolean;
  tracked: boolean;
  settlements: { kind: 'payout' | 'clawback'; gross: number; fee: number; net: number; at: string }[] | string;
  matching: number;
}

export class SqlInvoiceListRepository implements InvoiceListRepository {
  constructor(private readonly db: Queryable) {}

  async page(
    merchantId: string,
    filter: InvoiceListFilter,
    offset: number,
    limit: number,
  ): Promise<{ invoices: InvoiceSummary[]; total: number }> {
    const where = `merchant_id = $1 AND ($2::date IS NULL OR order_date >= $2::date) AND ($3::date IS NULL OR order_date <= $3::date)`;
    const params = [merchantId, filter.from ?? null, filter.to ?? null];
    const rows = await this.db.query<SummaryRow>(
      `SELECT invoice_number, merchant_number, workflow_number, order_date, due_date, currency, total, paid, credited,
              status, step, custom_invoice_id, created_at, workflow_started_at, reminder_number, costs, costs_paid, paid_out,
              life_cycle IS NOT NULL AS tracked,
              (SELECT coalesce(json_agg(json_build_object('kind', s.kind, 'gross', s.gross, 'fee', s.fee, 'net', s.net, 'at', s.created_at) ORDER BY s.id), '[]'::json)
                 FROM settlements s WHERE s.invoice_id = invoices.id) AS settlements,
              count(*) OVER () AS matching
       FROM invoices WHERE ${where}
       ORDER BY order_date, id LIMIT $4 OFFSET $5`,
      [...params, limit, offset],
    );
    // A page past the end has no rows to carry the count; count separately only then.
    const total =
      rows[0] !== undefined
        ? Number(rows[0].matching)
        : Number((await this.db.query<{ n: number }>(`SELECT count(*) AS n FROM invoices WHERE ${where}`, params))[0]?.n ?? 0);
    return {
      total,
      invoices: rows.map((row) => ({
        invoiceNumber: row.invoice_number,
        merchantNumber: row.merchant_number,
        workflowNumber: row.workflow_number,
        orderDate: row.order_date,
        dueDate: row.due_date ?? undefined,
        currency: row.currency,
        total: row.total,
        paid: row.paid,
        credited: row.credited,
        status: row.status,
        step: row.step,
        customInvoiceId: row.custom_invoice_id ?? undefined,
        createdAt: row.created_at,
        workflowStartedAt: row.workflow_started_at ?? undefined,
        reminderNumber: row.reminder_number,
        costs: Number(row.costs),
        costsPaid: Number(row.costs_paid),
        paidOut: row.tracked ? row.paid_out : undefined,
        settlements: (typeof row.settlements === 'string' ? JSON.parse(row.settlements) : row.settlements).map(
          (settlement: { kind: 'payout' | 'clawback'; gross: number; fee: number; net: number; at: string }) => ({
            kind: settlement.kind,
            gross: Number(settlement.gross),
            fee: Number(settlement.fee),
            net: Number(settlement.net),
            at: new Date(settlement.at),
          }),
        ),
      })),
    };
  }
}
