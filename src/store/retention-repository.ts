/**
 * Deletes personal data that has outlived its retention (docs/security.md "Retention"), a batch
 * at a time so the embedded database is never held for long. Rows another transaction holds are
 * skipped, so several workers on one PostgreSQL can prune side by side. Invoices and their ledger
 * are never deleted here: bookkeeping law keeps them for seven years.
 */
import type { Database } from './database.js';

export class SqlRetentionRepository {
  constructor(private readonly db: Database) {}

  /** Finished webhook deliveries created before `before`, with their attempts; how many went. */
  pruneDeliveries(before: Date, limit: number): Promise<number> {
    return this.db.transaction(async (tx) => {
      const rows = await tx.query<{ id: number }>(
        `SELECT id FROM webhook_deliveries WHERE state <> 'pending' AND created_at < $1
         ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [before, limit],
      );
      const ids = rows.map((row) => row.id);
      if (ids.length === 0) return 0;
      // A newer replay of a pruned delivery stays, without the link to what it repeated.
      await tx.query('UPDATE webhook_deliveries SET replay_of = NULL WHERE replay_of = ANY($1::bigint[]) AND NOT (id = ANY($1::bigint[]))', [ids]);
      await tx.query('DELETE FROM webhook_attempts WHERE delivery_id = ANY($1::bigint[])', [ids]);
      await tx.query('DELETE FROM webhook_deliveries WHERE id = ANY($1::bigint[])', [ids]);
      return ids.length;
    });
  }

  /** Sent or failed merchant mail created before `before`: failure mails quote delivery bodies. */
  async pruneMail(before: Date, limit: number): Promise<number> {
    const rows = await this.db.query(
      `DELETE FROM mail_outbox WHERE id IN (
         SELECT id FROM mail_outbox WHERE state <> 'pending' AND created_at < $1
         ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      [before, limit],
    );
    return rows.length;
  }

  /** Checkout sessions decided or expired before `before`; an order a session placed stays. */
  async pruneSessions(before: Date, limit: number): Promise<number> {
    const rows = await this.db.query(
      `DELETE FROM checkout_sessions WHERE id IN (
         SELECT id FROM checkout_sessions WHERE status <> 'session_active' AND finished_at < $1
         ORDER BY finished_at LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      [before, limit],
    );
    return rows.length;
  }
}
