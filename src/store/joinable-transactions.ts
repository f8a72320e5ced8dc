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
 * `inOneTransaction` gives the same joining to a caller that can pass the transaction on itself.
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
 * Runs `work` in one transaction of `db` and hands it a Database bound to that transaction: its
 * statements run in it and its transactions are savepoints of it, as `joined` does, but the
 * transaction is passed on by the caller (the Buckaroo gateway builds its store on it) instead of
 * found through AsyncLocalStorage. On Node 20 the first `AsyncLocalStorage.run` turns on async
 * hooks for the whole process, and from then on every promise, socket write and timer pays them:
 * about 0.35 µs per await in a loop, 19 kB of the 500 kB a Buckaroo Pay allocated
 * (docs/benchmarks.md "Buckaroo Pay: allocations and async hooks").
 */
export function inOneTransaction<T>(db: Database, work: (bound: Database) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const joined: Joined = { tx, open: true, savepoints: 0 };
    try {
      return await work(boundTo(db, joined));
    } finally {
      joined.open = false;
    }
  });
}

/** What `joined` gives the code inside it, as an object: after the transaction ends it falls back to the pool, as `joined` does. */
function boundTo(db: Database, joined: Joined): Database {
  const on = (): Queryable => (joined.open ? joined.tx : db);
  return {
    ...db,
    query: (sql, params) => on().query(sql, params),
    queue: (sql, params) => queueStatement(on(), sql, params),
    transaction: (work) => (joined.open ? inSavepoint(joined, work) : db.transaction(work)),
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
