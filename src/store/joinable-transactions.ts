/**
 * One transaction that several steps join without knowing it: `inOneTransaction(db, work)` opens a
 * transaction and hands `work` a Database bound to it, whose statements run in it and whose own
 * transactions are savepoints of it. Idempotency keys need this: the key row, the use case's change
 * and the answer are one transaction, without the use cases knowing (docs/v2-api.md "Idempotency
 * keys"). So does a Buckaroo transaction: its use cases, its row and its push (docs/buckaroo.md
 * "One transaction").
 *
 * The caller passes the bound Database on itself (a store, a context built on it). It used to be
 * found through AsyncLocalStorage instead, but on Node 20 the first `AsyncLocalStorage.run` turns
 * on async hooks for the whole process, and from then on every promise, socket write and timer
 * pays them: about 0.35 µs per await in a loop, 19 kB of the 500 kB a Buckaroo Pay allocated
 * (docs/benchmarks.md "Buckaroo Pay: allocations and async hooks"), and after one keyed v2 write
 * every later legacy request of the process (docs/benchmarks.md "v2 idempotency keys without async
 * hooks").
 */
import { type Database, type Queryable, queueStatement } from './database.js';

interface Joined {
  tx: Queryable;
  open: boolean;
  savepoints: number;
}

/**
 * Runs `work` in one transaction of `db` and hands it a Database bound to that transaction. The
 * transaction is marked closed when `work` ends, so work that merely started inside it (a job woken
 * by a commit) falls back to the pool.
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

/** The transaction as a Database; after the transaction ends it falls back to the pool. */
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
