/**
 * What customer documents need beyond the invoice: the merchant's profile from partner create
 * (migration 002), when the invoice e-mail went out (its issue date) and the costs the latest
 * customer e-mail stated.
 */
import type { MerchantProfile } from '../core/merchants/create-merchant.js';
import type { Cents } from '../core/shared/money.js';
import type { Queryable } from './database.js';

export interface StatedCosts {
  costsDue: Cents;
  amountDue: Cents;
  at: Date;
}

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

  /** The open costs and total the latest customer e-mail of the invoice stated. */
  async latestStatedCosts(invoiceId: string): Promise<StatedCosts | undefined> {
    const rows = await this.db.query<{ details: { costsDue?: Cents; amountDue?: Cents }; created_at: Date }>(
      'SELECT details, created_at FROM customer_mails WHERE invoice_id = $1 ORDER BY id DESC LIMIT 1',
      [invoiceId],
    );
    const row = rows[0];
    return row && { costsDue: row.details.costsDue ?? 0, amountDue: row.details.amountDue ?? 0, at: row.created_at };
  }
}
