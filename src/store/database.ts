/**
 * One SQL dialect on two engines (house rule 7): PostgreSQL through `pg` in production, embedded
 * PGlite for zero set-up (pglite-database.ts). Both hand back rows with the same JavaScript types: bigint as number
 * (amounts stay far below 2^53 cents), date as `YYYY-MM-DD` text, timestamptz as Date.
 */
import pg from 'pg';
import { withoutValues } from './database-error.js';
import { pipelinedTransaction, SocketOwningClient } from './pipelined-transaction.js';
import { preparable } from './preparable.js';

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /**
   * Runs a statement whose result nobody reads. Inside a PostgreSQL transaction it travels with
   * the next statement instead of taking a round trip of its own, and a failure surfaces from that
   * statement or from the commit (store/pipelined-transaction.ts); elsewhere it is `query`.
   */
  queue?(sql: string, params?: readonly unknown[]): Promise<void>;
  /**
   * True when no other statement can run while this transaction is open (PGlite has one
   * connection and runs transactions one at a time), so locks that only order concurrent
   * transactions can be skipped.
   */
  readonly exclusive?: boolean;
}

/** `queue` where the connection offers it, `query` otherwise. */
export async function queueStatement(db: Queryable, sql: string, params?: readonly unknown[]): Promise<void> {
  if (db.queue) await db.queue(sql, params);
  else await db.query(sql, params);
}

export interface Database extends Queryable {
  readonly engine: 'postgres' | 'pglite';
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs several statements at once, without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  /** Connections of the pool (PostgreSQL only), for metrics. */
  poolUse?(): { open: number; idle: number; waiting: number; max: number };
}

/**
 * The advisory lock (one per database) under which a node creates its schema and migrates, so
 * nodes starting in the same instant take turns (docs/operations.md, "Several nodes").
 */
export const MIGRATION_LOCK = 7_381_001;

/** Type OIDs whose values both engines read the same way (see the top of this file). */
export const INT8 = 20;
export const DATE = 1082;

export interface PostgresOptions {
  url: string;
  /** A schema to create and work in, so several runs can share one database. */
  schema?: string | undefined;
  poolSize: number;
  /** Most a caller waits for a connection (a new one, or one of a busy pool); 0 waits for ever. */
  connectTimeoutMs?: number;
}

export async function openPostgres(options: PostgresOptions): Promise<Database> {
  if (options.schema) {
    const admin = new pg.Client({ connectionString: options.url });
    await admin.connect();
    try {
      // Two `CREATE SCHEMA IF NOT EXISTS` at the same instant collide on pg_namespace's unique index
      // (IF NOT EXISTS is checked before the insert, not under a lock); the migration lock orders them.
      await admin.query('BEGIN');
      await admin.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(options.schema)}`);
      await admin.query('COMMIT');
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    // Without a bound, a database that stops answering or a pool held by stuck transactions
    // leaves every request hanging; with it they fail with the contract's generic error instead.
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    // Lets a transaction send statements without waiting for the answer to the one before.
    pipeline: true,
    Client: SocketOwningClient,
    options: options.schema ? `-c search_path=${quoteIdentifier(options.schema)}` : undefined,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === INT8) return Number;
        if (oid === DATE) return (value: string) => value;
        return pg.types.getTypeParser(oid, format as 'text');
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its connection must not take the process down.
  pool.on('error', () => {});
  const query = async <Row>(client: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[]) => {
    try {
      return (await client.query({ name: statementName(sql), text: sql, values: params as unknown[] })).rows as Row[];
    } catch (error) {
      throw withoutValues(error, sql);
    }
  };

  return {
    engine: 'postgres',
    query: (sql, params) => query(pool, sql, params),
    async transaction(work) {
      return pipelinedTransaction(await pool.connect(), query, work);
    },
    async exec(sql) {
      await pool.query(sql).catch((error: unknown) => {
        throw withoutValues(error, sql);
      });
    },
    close: () => pool.end(),
    poolUse: () => ({ open: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: options.poolSize }),
  };
}

/**
 * Statement names by SQL text: a named statement is parsed and planned once per connection
 * instead of on every call, which halves the cost of a short statement (docs/benchmarks.md).
 * Only `preparable` statements get a name (another node's migration may add a column under a
 * running server). The cap keeps generated SQL from filling every connection's cache.
 */
const MAX_NAMED_STATEMENTS = 1_000;
const statementNames = new Map<string, string | undefined>();

function statementName(sql: string): string | undefined {
  const known = statementNames.get(sql);
  if (known !== undefined || statementNames.has(sql) || statementNames.size >= MAX_NAMED_STATEMENTS) return known;
  const name = preparable(sql) ? `achteraf_${statementNames.size}` : undefined;
  statementNames.set(sql, name);
  return name;
}

export function quoteIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`Not a safe SQL identifier: ${name}`);
  return `"${name}"`;
}
