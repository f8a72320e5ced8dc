/**
 * A PostgreSQL transaction on one pooled connection in pg's pipeline mode (the public `pipeline`
 * option of pg 8.23: a query is written as soon as it is issued, without waiting for the answer
 * to the one before). A statement whose result nobody reads does not wait for a round trip of its
 * own: BEGIN goes out with the first statement, a `queue`d statement (a lock, a mark) with
 * whatever statement or COMMIT follows it. PostgreSQL still runs the statements one after the
 * other in the order they were sent, so locks are taken and snapshots read exactly as before; only
 * the waiting is shared. Statements issued together, before anything is awaited, share one write.
 * A queued statement's failure surfaces, as its own error, from the next statement or from the
 * commit (docs/benchmarks.md).
 */
import { Socket } from 'node:net';
import pg from 'pg';
import type { Queryable } from './database.js';

export type RunStatement = <Row>(client: pg.PoolClient, sql: string, params?: readonly unknown[]) => Promise<Row[]>;

/**
 * A pool client that creates its own socket through pg's public `stream` option, so that a
 * transaction can cork it while it writes several statements: they then leave in one write
 * instead of one write each (pg corks each statement's own messages, not several statements).
 * Measured in docs/benchmarks.md ("Pipelining through public API"). Over TLS the socket carries
 * the encrypted stream and corking it changes nothing; the statements still go out pipelined.
 */
export class SocketOwningClient extends pg.Client {
  readonly socket: Socket;

  constructor(config?: pg.ClientConfig) {
    const socket = new Socket();
    super({ ...config, stream: () => socket });
    this.socket = socket;
  }
}

export async function pipelinedTransaction<T>(
  client: pg.PoolClient,
  run: RunStatement,
  work: (tx: Queryable) => Promise<T>,
): Promise<T> {
  let begun = false;
  /** Queued statements, waiting to go out with the next statement. */
  let held: (() => Promise<unknown>)[] = [];
  const socket = client instanceof SocketOwningClient ? client.socket : undefined;

  let corked = false;
  /**
   * Corks the socket until the code running now has issued what it issues together: statements
   * asked for before anything is awaited (two independent reads, say) then leave in one write
   * with what is held, as a single statement always did. In a profile under load a write to
   * PostgreSQL over loopback cost about 0.1 ms of the server's CPU, since the sender's system call
   * does the receiver's network work too (docs/benchmarks.md).
   */
  const corkUntilThisTurnEnds = () => {
    if (!socket || corked) return;
    corked = true;
    socket.cork();
    queueMicrotask(() => {
      corked = false;
      socket.uncork();
    });
  };

  /** Sends what is held and then `statement`, in one write to the socket with whatever else this turn sends. */
  const send = <R>(statement: () => Promise<R>) => {
    if (!begun) held.unshift(() => client.query('BEGIN'));
    begun = true;
    corkUntilThisTurnEnds();
    const earlier = held.map((hold) => hold());
    held = [];
    return { earlier, own: statement() };
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

/** The result of `last`, unless a statement sent before it failed: then that statement's error. */
async function firstFailureOr<R>(earlier: readonly Promise<unknown>[], last: Promise<R>): Promise<R> {
  // Most statements have nothing queued before them: their own result, without allSettled's
  // array and outcome objects (most of the 12 kB this function allocated per Buckaroo Pay,
  // docs/benchmarks.md "Buckaroo Pay: allocations and async hooks").
  if (earlier.length === 0) return last;
  const outcomes = await Promise.allSettled([...earlier, last]);
  const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  return (outcomes[outcomes.length - 1] as PromiseFulfilledResult<R>).value;
}
