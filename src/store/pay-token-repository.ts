/**
 * Pay tokens (migration 020): the credential of an invoice's customer pay page, given out once
 * and kept. Two workers giving out a token at once keep whichever was written first.
 */
import type { Queryable } from './database.js';

export interface PayTokenInvoice {
  merchantId: string;
  invoiceNumber: string;
}

export class SqlPayTokens {
  constructor(private readonly db: Queryable) {}

  /** The invoice's pay token; `candidate` (128 random bits) becomes it when it has none yet. */
  async tokenFor(invoiceId: string, candidate: string): Promise<string> {
    const rows = await this.db.query<{ pay_token: string }>(
      'UPDATE invoices SET pay_token = coalesce(pay_token, $2) WHERE id = $1 RETURNING pay_token',
      [invoiceId, candidate],
    );
    if (!rows[0]) throw new Error(`invoice ${invoiceId} does not exist`);
    return rows[0].pay_token;
  }

  /**
   * The pay tokens of several invoices, each given its candidate when it has none yet, in one
   * statement and so one commit (the mail job's batch; docs/benchmarks.md "Test clock advance and
   * timer runner"). Invoices that do not exist are missing from the answer.
   */
  async tokensFor(candidates: ReadonlyMap<string, string>): Promise<Map<string, string>> {
    if (candidates.size === 0) return new Map();
    const rows = await this.db.query<{ id: number | string; pay_token: string }>(
      `UPDATE invoices i SET pay_token = coalesce(i.pay_token, c.candidate)
       FROM unnest($1::bigint[], $2::text[]) AS c(id, candidate)
       WHERE i.id = c.id RETURNING i.id, i.pay_token`,
      [[...candidates.keys()], [...candidates.values()]],
    );
    return new Map(rows.map((row) => [String(row.id), row.pay_token]));
  }

  async findInvoice(token: string): Promise<PayTokenInvoice | undefined> {
    const rows = await this.db.query<{ merchant_id: string; invoice_number: string }>(
      'SELECT merchant_id, invoice_number FROM invoices WHERE pay_token = $1',
      [token],
    );
    return rows[0] && { merchantId: rows[0].merchant_id, invoiceNumber: rows[0].invoice_number };
  }
}
