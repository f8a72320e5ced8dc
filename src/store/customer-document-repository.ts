/**
 * What customer documents need beyond the invoice: the merchant's profile from partner create
 * (migration 002) and when the invoice e-mail went out (its issue date).
 */
import type { MerchantProfile } from '../core/merchants/create-merchant.js';
import type { Invoice } from '../core/orders/invoice.js';
import type { Queryable } from './database.js';
import { INVOICE_COLUMNS, type InvoiceRow, toInvoice } from './invoice-repository.js';

export class SqlCustomerDocumentFacts {
  constructor(private readonly db: Queryable) {}

  async profile(merchantId: string): Promise<MerchantProfile | undefined> {
    const rows = await this.db.query<{ profile: MerchantProfile }>('SELECT profile FROM merchant_profiles WHERE merchant_id = $1', [merchantId]);
    return rows[0]?.profile;
  }

  /** The business time of the first invoice e-mail queued for the invoice. */
  async invoiceMailedAt(invoiceId: string): Promise<Date | undefined> {
    const rows = await this.db.query<{ created_at: Date }>(
      `SELECT created_at FROM customer_mails WHERE invoice_id = $1 AND kind = 'invoice' ORDER BY id LIMIT 1`,
      [invoiceId],
    );
    return rows[0]?.created_at;
  }

  /**
   * What the mail job's batch renders from, one statement each for the whole batch instead of
   * one per mail (docs/benchmarks.md "Test clock advance and timer runner"): the invoices by id,
   * and the first invoice e-mail's time of each (absent: none queued).
   */
  async invoicesById(ids: readonly string[]): Promise<Map<string, Invoice>> {
    const rows = await this.db.query<InvoiceRow>(`SELECT ${INVOICE_COLUMNS} FROM invoices WHERE id = ANY($1::bigint[])`, [ids]);
    return new Map(rows.map((row) => {
      const invoice = toInvoice(row);
      return [invoice.id, invoice];
    }));
  }

  async invoicesMailedAt(ids: readonly string[]): Promise<Map<string, Date>> {
    const rows = await this.db.query<{ invoice_id: string | number; created_at: Date }>(
      `SELECT DISTINCT ON (invoice_id) invoice_id, created_at FROM customer_mails
       WHERE invoice_id = ANY($1::bigint[]) AND kind = 'invoice' ORDER BY invoice_id, id`,
      [ids],
    );
    return new Map(rows.map((row) => [String(row.invoice_id), row.created_at]));
  }
}
