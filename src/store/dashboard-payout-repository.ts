/**
 * The reconciliation page's payouts: a merchant's settlements of a period with their invoices,
 * and the period's sums per currency. Both walk `settlements_by_merchant (merchant_id,
 * created_at)` (migration 018), so a month costs its own rows, not the merchant's history.
 */
import type { PayoutRepository, PayoutRow, PayoutTotals } from '../core/dashboard/dashboard-ports.js';
import type { Queryable } from './database.js';

interface Row {
  invoice_number: string;
  merchant_number: string;
  workflow_number: number;
  currency: PayoutRow['currency'];
  kind: PayoutRow['kind'];
  gross: number | string;
  fee: number | string;
  net: number | string;
  created_at: Date | string;
  fee_basis_points: number | string | null;
  fee_fixed: number | string | null;
  file_token: string;
}

interface TotalRow {
  currency: PayoutRow['currency'];
  count: number | string;
  gross: number | string;
  fee: number | string;
  net: number | string;
}

export class SqlPayoutList implements PayoutRepository {
  constructor(private readonly db: Queryable) {}

  async period(merchantId: string, from: Date, until: Date, offset: number, limit: number): Promise<{ rows: PayoutRow[]; totals: PayoutTotals[] }> {
    const params = [merchantId, from, until];
    const rows = await this.db.query<Row>(
      `SELECT i.invoice_number, i.merchant_number, i.workflow_number, i.currency, s.kind, s.gross, s.fee, s.net, s.created_at,
              i.life_cycle -> 'course' -> 'payout' ->> 'feeBasisPoints' AS fee_basis_points,
              i.life_cycle -> 'course' -> 'payout' ->> 'feeFixed' AS fee_fixed,
              i.file_token
       FROM settlements s JOIN invoices i ON i.id = s.invoice_id AND i.merchant_id = s.merchant_id
       WHERE s.merchant_id = $1 AND s.created_at >= $2 AND s.created_at < $3
       ORDER BY s.created_at, s.id LIMIT $4 OFFSET $5`,
      [...params, limit, offset],
    );
    // Sums in SQL over bigint cents: exact, and one pass however many pages the period has.
    const totals = await this.db.query<TotalRow>(
      `SELECT i.currency, count(*) AS count, sum(s.gross) AS gross, sum(s.fee) AS fee, sum(s.net) AS net
       FROM settlements s JOIN invoices i ON i.id = s.invoice_id AND i.merchant_id = s.merchant_id
       WHERE s.merchant_id = $1 AND s.created_at >= $2 AND s.created_at < $3
       GROUP BY i.currency ORDER BY i.currency`,
      params,
    );
    return {
      rows: rows.map((row) => ({
        invoiceNumber: row.invoice_number,
        merchantNumber: row.merchant_number,
        workflowNumber: row.workflow_number,
        currency: row.currency,
        kind: row.kind,
        gross: Number(row.gross),
        fee: Number(row.fee),
        net: Number(row.net),
        at: new Date(row.created_at),
        startedTerms:
          row.fee_basis_points === null || row.fee_fixed === null ? undefined : { feeBasisPoints: Number(row.fee_basis_points), feeFixed: Number(row.fee_fixed) },
        fileToken: row.file_token,
      })),
      totals: totals.map((row) => ({ currency: row.currency, count: Number(row.count), gross: Number(row.gross), fee: Number(row.fee), net: Number(row.net) })),
    };
  }
}
