/**
 * A Database whose transactions can be joined: `joined(work)` opens one transaction, and every
 * statement and transaction started on this database while `work` runs (through any repository,
 * however deep) runs inside it, a nested transaction (or a nested `joined`) as a savepoint.
 * Idempotency keys need this: the key row, the use case's change and the answer are one
 * transaction, without the use cases knowing (docs/v2-api.md "Idempotency keys"). So does a
 * Buckaroo transaction: its use cases, its row and its push (docs/buckaroo.md "One transaction").
 *
 * The joined transaction is found through AsyncLocalStorage. It is marked closed when `work` ends,
 * so work that merely started inside it (a job woken by a commit) falls back to the pool.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { type Database, type Queryable, queueStatement } from './database.js';

interface Joined {
  tx: Queryable;
  open: boolean;
  savepoints: number;
}

const current = new AsyncLocalStorage<Joined>();

export interface JoinableDatabase extends Database {
  joined<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
}

export function joinableTransactions(db: Database): JoinableDatabase {
  const active = (): Joined | undefined => {
    const joined = current.getStore();
    return joined?.open ? joined : undefined;
  };
  return {
    ...db,
    query: (sql, params) => (active()?.tx ?? db).query(sql, params),
    queue: (sql, params) => queueStatement(active()?.tx ?? db, sql, params),
    transaction(work) {
      const joined = active();
      return joined ? inSavepoint(joined, work) : db.transaction(work);
    },
    joined(work) {
      // Joined again from inside (a Buckaroo Capture's own steps inside its request's transaction):
      // a savepoint of the open one, never a second transaction that could not see its writes.
      const outer = active();
      if (outer) return inSavepoint(outer, work);
      return db.transaction(async (tx) => {
        const joined: Joined = { tx, open: true, savepoints: 0 };
        try {
          return await current.run(joined, () => work(tx));
        } finally {
          joined.open = false;
        }
      });
    },
  };
}

/**
 * A use case's transaction inside the joined one: its failure undoes its own writes only. Savepoints
 * nest but must not overlap, which holds because use cases run their transactions one after the
 * other (none starts two at once).
 */
async function inSavepoint<T>(joined: Joined, work: (tx: Queryable) => Promise<T>): Promise<T> {
  const name = `joined_${++joined.savepoints}`;
  await joined.tx.query(`SAVEPOINT ${name}`);
  try {
    const result = await work(joined.tx);
    await joined.tx.query(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (error) {
    await joined.tx.query(`ROLLBACK TO SAVEPOINT ${name}`);
    throw error;
  }
}
