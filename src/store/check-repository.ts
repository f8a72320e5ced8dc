import type { CreditCheck } from '../core/credit/credit-check.js';
import type { CheckRepository } from '../core/ports.js';
import type { Queryable } from './database.js';

interface CheckRow {
  uuid: string;
  merchant_id: string;
  workflow_number: number;
  amount: number;
  customer_email: string;
  customer_identity: string | null;
  decided_by: 'rules' | 'backdoor';
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  invoice_id: number | null;
}

/** Named rather than `*`, so the statement can be prepared once per connection (store/database.ts). */
const CHECK_COLUMNS =
  'uuid, merchant_id, workflow_number, amount, customer_email, customer_identity, decided_by, created_at, expires_at, used_at, invoice_id';

export class SqlCheckRepository implements CheckRepository {
  constructor(private readonly db: Queryable) {}

  async insert(check: CreditCheck): Promise<void> {
    await this.db.query(
      `INSERT INTO credit_checks (uuid, merchant_id, workflow_number, amount, customer_email, customer_identity,
                                  decided_by, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        check.uuid, check.merchantId, check.workflowNumber, check.amount, check.customerKeys.email,
        check.customerKeys.identity ?? null, check.decidedBy, check.createdAt, check.expiresAt,
      ],
    );
  }

  async find(merchantId: string, uuid: string): Promise<CreditCheck | undefined> {
    return this.select(merchantId, uuid, '');
  }

  async findForUpdate(merchantId: string, uuid: string): Promise<CreditCheck | undefined> {
    return this.select(merchantId, uuid, 'FOR UPDATE');
  }

  private async select(merchantId: string, uuid: string, lock: string): Promise<CreditCheck | undefined> {
    const rows = await this.db.query<CheckRow>(
      `SELECT ${CHECK_COLUMNS} FROM credit_checks WHERE uuid = $1 AND merchant_id = $2 ${lock}`,
      [uuid, merchantId],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      uuid: row.uuid,
      merchantId: row.merchant_id,
      workflowNumber: row.workflow_number,
      amount: row.amount,
      customerKeys: { email: row.customer_email, identity: row.customer_identity ?? undefined },
      decidedBy: row.decided_by,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      usedAt: row.used_at ?? undefined,
      invoiceId: row.invoice_id === null ? undefined : String(row.invoice_id),
    };
  }
}
