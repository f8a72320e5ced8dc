/**
 * Wakes the in-process delivery job right after a transaction that queued deliveries commits, so
 * delivery lag is the time of one claim, not of a poll interval. Writers mark their transaction;
 * the wrapped Database calls `onCommit` once the transaction is durable (never before: a job woken
 * early would look for rows it cannot see yet).
 */
import type { Database, Queryable } from './database.js';

const marked = new WeakSet<Queryable>();

/** Notes that this transaction wrote deliveries; a no-op outside a signalling transaction. */
export function markDeliveriesQueued(tx: Queryable): void {
  marked.add(tx);
}

export function signalDeliveriesOnCommit(db: Database, onCommit: () => void): Database {
  return {
    ...db,
    async transaction(work) {
      let seen: Queryable | undefined;
      const result = await db.transaction((tx) => {
        seen = tx;
        return work(tx);
      });
      if (seen && marked.has(seen)) onCommit();
      return result;
    },
  };
}
