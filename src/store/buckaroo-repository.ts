/** Buckaroo's credentials, nonces and transactions (migration 010, docs/buckaroo.md). */
import type {
  NonceRegistry,
  PspCredential,
  PspCredentialDirectory,
  PspTransaction,
  PspTransactionRepository,
  QueuedPush,
} from '../core/psp/psp-transactions.js';
import type { PspCredentialRepository } from '../core/ports.js';
import type { PspCredentialPair } from '../core/psp/psp-credentials.js';
import type { Database, Queryable } from './database.js';
import { markDeliveriesQueued } from './webhook-commit-signal.js';
import { DELIVERY_CHANNEL } from './webhook-fan-out.js';

export class SqlBuckarooCredentials implements PspCredentialDirectory {
  constructor(private readonly db: Queryable) {}

  async findByWebsiteKey(websiteKey: string): Promise<PspCredential | undefined> {
    const [row] = await this.db.query<{ website_key: string; merchant_id: string; secret: string; push_url: string | null }>(
      'SELECT website_key, merchant_id, secret, push_url FROM buckaroo_credentials WHERE website_key = $1',
      [websiteKey],
    );
    return row && { websiteKey: row.website_key, merchantId: row.merchant_id, secret: row.secret, pushUrl: row.push_url ?? undefined };
  }

  async findByMerchantId(merchantId: string): Promise<PspCredential | undefined> {
    const [row] = await this.db.query<{ website_key: string }>('SELECT website_key FROM buckaroo_credentials WHERE merchant_id = $1', [merchantId]);
    return row && this.findByWebsiteKey(row.website_key);
  }
}

/** Saves a merchant's own pair (core/psp/psp-credentials.ts); the website key is the table's primary key. */
export class SqlPspCredentialRepository implements PspCredentialRepository {
  constructor(private readonly db: Queryable) {}

  async save(merchantId: string, pair: PspCredentialPair, at: Date): Promise<'website_key_taken' | undefined> {
    // Checked first rather than caught: a failed INSERT would abort the surrounding transaction on PostgreSQL.
    const taken = await this.db.query('SELECT 1 FROM buckaroo_credentials WHERE website_key = $1 AND merchant_id <> $2', [pair.websiteKey, merchantId]);
    if (taken.length > 0) return 'website_key_taken';
    await this.db.query(
      `INSERT INTO buckaroo_credentials (website_key, merchant_id, secret, push_url, created_at) VALUES ($1, $2, $3, NULL, $4)
       ON CONFLICT (merchant_id) DO UPDATE SET website_key = excluded.website_key, secret = excluded.secret, created_at = excluded.created_at`,
      [pair.websiteKey, merchantId, pair.secretKey, at],
    );
    return undefined;
  }

  async pushUrl(merchantId: string): Promise<string | null | undefined> {
    const [row] = await this.db.query<{ push_url: string | null }>('SELECT push_url FROM buckaroo_credentials WHERE merchant_id = $1', [merchantId]);
    return row ? row.push_url : undefined;
  }

  async setPushUrl(merchantId: string, url: string | null): Promise<boolean> {
    const rows = await this.db.query('UPDATE buckaroo_credentials SET push_url = $2 WHERE merchant_id = $1 RETURNING merchant_id', [merchantId, url]);
    return rows.length === 1;
  }
}

/** Inserts a merchant's pair unless the merchant or the website key has one already. */
export async function insertBuckarooCredential(db: Queryable, credential: PspCredential, at: Date): Promise<void> {
  await db.query(
    `INSERT INTO buckaroo_credentials (website_key, merchant_id, secret, push_url, created_at)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
    [credential.websiteKey, credential.merchantId, credential.secret, credential.pushUrl ?? null, at],
  );
}

/** Old nonces are dropped every this many requests per process, so the table stays the size of the window. */
const PRUNE_EVERY = 500;

export class SqlBuckarooNonces implements NonceRegistry {
  private sincePrune = 0;

  constructor(private readonly db: Queryable) {}

  async remember(websiteKey: string, nonce: string, at: Date, forgetBefore: Date): Promise<boolean> {
    if (++this.sincePrune >= PRUNE_EVERY) {
      this.sincePrune = 0;
      await this.db.query('DELETE FROM buckaroo_nonces WHERE seen_at < $1', [forgetBefore]);
    }
    const rows = await this.db.query(
      'INSERT INTO buckaroo_nonces (website_key, nonce, seen_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING nonce',
      [websiteKey, nonce, at],
    );
    return rows.length === 1;
  }
}

interface TransactionRow {
  key: string;
  merchant_id: string;
  invoice_id: number | null;
  invoice_number: string | null;
  service: string;
  action: string;
  client_invoice: string | null;
  client_order: string | null;
  description: string | null;
  currency: string;
  amount_debit: number | null;
  amount_credit: number | null;
  status_code: number;
  sub_code: string | null;
  transaction_type: string | null;
  mutation_type: number;
  related_key: string | null;
  relation_type: string | null;
  is_test: boolean;
  payment_key: string | null;
  push_url: string | null;
  created_at: Date;
  cancelled_at: Date | null;
}

export class SqlBuckarooTransactions implements PspTransactionRepository {
  constructor(private readonly db: Database) {}

  async insert(t: PspTransaction, push?: QueuedPush): Promise<void> {
    if (!push) return insertTransaction(this.db, t);
    await this.db.transaction(async (tx) => {
      await insertTransaction(tx, t);
      // The push joins the outbox that the delivery job drains, signed by the Buckaroo signer.
      await tx.query(
        `WITH queued AS (
           INSERT INTO webhook_deliveries (merchant_id, event_id, contract, kind, event, url, signed, body, state, next_attempt_at, created_at)
           VALUES ($1, NULL, 'buckaroo', 'push', $2, $3, true, $4, 'pending', now(), now()) RETURNING id
         )
         SELECT pg_notify('${DELIVERY_CHANNEL}', '') FROM queued`,
        [t.merchantId, push.event, push.url, push.body],
      );
      markDeliveriesQueued(tx);
    });
  }

  async find(merchantId: string, key: string): Promise<PspTransaction | undefined> {
    const [row] = await this.db.query<TransactionRow>('SELECT * FROM buckaroo_transactions WHERE merchant_id = $1 AND key = $2', [
      merchantId,
      key.toUpperCase(),
    ]);
    return row && toTransaction(row);
  }

  async related(merchantId: string, key: string): Promise<PspTransaction[]> {
    const rows = await this.db.query<TransactionRow>(
      'SELECT * FROM buckaroo_transactions WHERE merchant_id = $1 AND related_key = $2 ORDER BY created_at, key',
      [merchantId, key.toUpperCase()],
    );
    return rows.map(toTransaction);
  }

  async markCancelled(merchantId: string, key: string, at: Date): Promise<boolean> {
    const rows = await this.db.query(
      'UPDATE buckaroo_transactions SET cancelled_at = $3 WHERE merchant_id = $1 AND key = $2 AND cancelled_at IS NULL RETURNING key',
      [merchantId, key.toUpperCase(), at],
    );
    return rows.length === 1;
  }
}

async function insertTransaction(db: Queryable, t: PspTransaction): Promise<void> {
  await db.query(
    `INSERT INTO buckaroo_transactions (key, merchant_id, invoice_id, invoice_number, service, action, client_invoice,
       client_order, description, currency, amount_debit, amount_credit, status_code, sub_code, transaction_type,
       mutation_type, related_key, relation_type, is_test, push_url, created_at, cancelled_at, payment_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)`,
    [
      t.key, t.merchantId, t.invoiceId ?? null, t.invoiceNumber ?? null, t.service, t.action, t.invoice ?? null,
      t.order ?? null, t.description ?? null, t.currency, t.amountDebit ?? null, t.amountCredit ?? null, t.statusCode,
      t.subCode ?? null, t.transactionType ?? null, t.mutationType, t.relatedKey ?? null, t.relationType ?? null,
      t.isTest, t.pushUrl ?? null, t.createdAt, t.cancelledAt ?? null, t.paymentKey ?? null,
    ],
  );
}

/** A row as to_jsonb(row) writes it inside SQL: times as ISO text. */
export function transactionFromJson(json: Record<string, unknown>): PspTransaction {
  const row = json as unknown as TransactionRow & { created_at: string; cancelled_at: string | null };
  return toTransaction({ ...row, created_at: new Date(row.created_at), cancelled_at: row.cancelled_at === null ? null : new Date(row.cancelled_at) });
}

function toTransaction(row: TransactionRow): PspTransaction {
  return {
    key: row.key,
    merchantId: row.merchant_id,
    invoiceId: row.invoice_id === null ? undefined : String(row.invoice_id),
    invoiceNumber: row.invoice_number ?? undefined,
    service: row.service,
    action: row.action,
    invoice: row.client_invoice ?? undefined,
    order: row.client_order ?? undefined,
    description: row.description ?? undefined,
    currency: row.currency,
    amountDebit: row.amount_debit ?? undefined,
    amountCredit: row.amount_credit ?? undefined,
    statusCode: row.status_code,
    subCode: row.sub_code ?? undefined,
    transactionType: row.transaction_type ?? undefined,
    mutationType: row.mutation_type,
    relatedKey: row.related_key ?? undefined,
    relationType: row.relation_type ?? undefined,
    isTest: row.is_test,
    paymentKey: row.payment_key ?? undefined,
    pushUrl: row.push_url ?? undefined,
    createdAt: row.created_at,
    cancelledAt: row.cancelled_at ?? undefined,
  };
}
