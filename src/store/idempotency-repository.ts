/**
 * Idempotency keys in SQL (migration 014). The key row is the first statement of the request's
 * transaction: a repeat with the same key blocks on the primary key until the first commits (then
 * it reads the answer) or rolls back (then it runs itself). PGlite runs one transaction at a time,
 * which gives the same order. The work is handed a Database bound to that transaction
 * (`inOneTransaction`): what it does through that joins the transaction, and nothing else does.
 */
import { type IdempotencyKeys, type KeyedOutcome, type KeyedRequest, keyExpiry, type RecordedAnswer } from '../core/idempotency/idempotency-keys.js';
import type { Database } from './database.js';
import { inOneTransaction } from './joinable-transactions.js';

interface KeyRow {
  fingerprint: string;
  status: number;
  content_type: string;
  body: Uint8Array;
}

/** Thrown through the transaction to roll it back when the work keeps no answer. */
class NothingKept extends Error {}

export class SqlIdempotencyKeys implements IdempotencyKeys<Database> {
  constructor(private readonly db: Database) {}

  async runOnce(request: KeyedRequest, work: (inTransaction: Database) => Promise<RecordedAnswer | undefined>): Promise<KeyedOutcome> {
    const id = [request.scope, request.key];
    try {
      return await inOneTransaction(this.db, async (tx): Promise<KeyedOutcome> => {
        // An expired key is forgotten here already, so it can be used again before the prune runs.
        await tx.query('DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND expires_at <= $3', [...id, request.at]);
        const claimed = await tx.query(
          `INSERT INTO idempotency_keys (scope, key, fingerprint, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (scope, key) DO NOTHING RETURNING key`,
          [...id, request.fingerprint, request.at, keyExpiry(request.at)],
        );
        if (claimed.length === 0) {
          const [row] = await tx.query<KeyRow>(
            'SELECT fingerprint, status, content_type, body FROM idempotency_keys WHERE scope = $1 AND key = $2',
            id,
          );
          if (!row || row.fingerprint !== request.fingerprint) return { kind: 'mismatch' };
          return { kind: 'replay', answer: { status: row.status, contentType: row.content_type, body: new Uint8Array(row.body) } };
        }
        const answer = await work(tx);
        if (!answer) throw new NothingKept();
        await tx.query('UPDATE idempotency_keys SET status = $3, content_type = $4, body = $5 WHERE scope = $1 AND key = $2', [
          ...id,
          answer.status,
          answer.contentType,
          Buffer.from(answer.body),
        ]);
        return { kind: 'ran' };
      });
    } catch (error) {
      if (error instanceof NothingKept) return { kind: 'ran' };
      throw error;
    }
  }

  async prune(now: Date): Promise<number> {
    const [row] = await this.db.query<{ pruned: number }>(
      'WITH gone AS (DELETE FROM idempotency_keys WHERE expires_at <= $1 RETURNING 1) SELECT count(*)::int AS pruned FROM gone',
      [now],
    );
    return row?.pruned ?? 0;
  }
}
