/**
 * A PostgreSQL transaction on one pooled connection in pg's pipeline mode. A statement whose
 * result nobody reads does not wait for a round trip of its own: BEGIN goes out with the first
 * statement, a `queue`d statement (a lock, a mark) with whatever statement or COMMIT follows it.
 * PostgreSQL still runs the statements one after the other in the order they were sent, so locks
 * are taken and snapshots read exactly as before; only the waiting is shared. A queued
 * statement's failure surfaces, as its own error, from the next statement or from the commit
 * (docs/benchmarks.md).
 */
import type pg from 'pg';
import type { Queryable } from './database.js';

export type RunStatement = <Row>(client: pg.PoolClient, sql: string, params?: readonly unknown[]) => Promise<Row[]>;

export async function pipelinedTransaction<T>(
  client: pg.PoolClient,
  run: RunStatement,
  work: (tx: Queryable) => Promise<T>,
): Promise<T> {
  let begun = false;
  /** Queued statements, waiting to go out with the next statement. */
  let held: (() => Promise<unknown>)[] = [];

  /** Sends what is held and then `statement`, in one write to the socket. */
  const send = <R>(statement: () => Promise<R>) => {
    if (!begun) held.unshift(() => client.query('BEGIN'));
    begun = true;
    const socket = socketOf(client);
    socket?.cork();
    try {
      const earlier = held.map((hold) => hold());
      held = [];
      return { earlier, own: statement() };
    } finally {
      socket?.uncork();
    }
  };

  const tx: Queryable = {
    query<Row>(sql: string, params?: readonly unknown[]) {
      const { earlier, own } = send(() => run<Row>(client, sql, params));
      return firstFailureOr(earlier, own);
    },
    async queue(sql: string, params?: readonly unknown[]) {
      held.push(() => run(client, sql, params));
    },
  };

  try {
    const result = await work(tx);
    if (begun || held.length > 0) {
      // If a queued statement failed, PostgreSQL answers this COMMIT with a rollback.
      const { earlier, own } = send(() => client.query('COMMIT'));
      await firstFailureOr(earlier, own);
    }
    return result;
  } catch (error) {
    if (begun) await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

type Corkable = { cork(): void; uncork(): void };

/**
 * The connection's socket, corked while several statements are written so that they leave in one
 * packet. pg does not document it; without it the statements still go out together, in more writes.
 */
function socketOf(client: pg.PoolClient): Corkable | undefined {
  return (client as unknown as { connection?: { stream?: Corkable } }).connection?.stream;
}

/** The result of `last`, unless a statement sent before it failed: then that statement's error. */
async function firstFailureOr<R>(earlier: readonly Promise<unknown>[], last: Promise<R>): Promise<R> {
  const outcomes = await Promise.allSettled([...earlier, last]);
  const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  return (outcomes[outcomes.length - 1] as PromiseFulfilledResult<R>).value;
}
