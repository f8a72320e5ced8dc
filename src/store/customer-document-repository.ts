/**
 * What customer documents need beyond the invoice: the merchant's profile from partner create
 * (migration 002) and when the invoice e-mail went out (its issue date).
 */
import type { MerchantProfile } from '../core/merchants/create-merchant.js';
import type { Queryable } from './database.js';

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
}
