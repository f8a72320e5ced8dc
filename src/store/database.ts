/**
 * One SQL dialect on two engines (house rule 7): PostgreSQL through `pg` in production, embedded
 * PGlite for zero set-up. Both hand back rows with the same JavaScript types: bigint as number
 * (amounts stay far below 2^53 cents), date as `YYYY-MM-DD` text, timestamptz as Date.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { pipelinedTransaction } from './pipelined-transaction.js';

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

const INT8 = 20;
const DATE = 1082;

export interface PostgresOptions {
  url: string;
  /** A schema to create and work in, so several runs can share one database. */
  schema?: string | undefined;
  poolSize: number;
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
    // Lets a transaction send statements without waiting for the answer to the one before.
    pipeline: true,
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
  const query = async <Row>(client: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[]) =>
    (await client.query({ name: statementName(sql), text: sql, values: params as unknown[] })).rows as Row[];

  return {
    engine: 'postgres',
    query: (sql, params) => query(pool, sql, params),
    async transaction(work) {
      return pipelinedTransaction(await pool.connect(), query, work);
    },
    async exec(sql) {
      await pool.query(sql);
    },
    close: () => pool.end(),
    poolUse: () => ({ open: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: options.poolSize }),
  };
}

/**
 * Statement names by SQL text: a named statement is parsed and planned once per connection
 * instead of on every call, which halves the cost of a short statement (docs/benchmarks.md).
 * Only statements whose result columns cannot change get a name: a prepared `SELECT *` fails with
 * "cached plan must not change result type" once another node's migration adds a column, and
 * DDL runs once anyway. The cap keeps generated SQL from filling every connection's cache.
 */
const MAX_NAMED_STATEMENTS = 1_000;
const statementNames = new Map<string, string | undefined>();

function statementName(sql: string): string | undefined {
  const known = statementNames.get(sql);
  if (known !== undefined || statementNames.has(sql) || statementNames.size >= MAX_NAMED_STATEMENTS) return known;
  const stable = /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(sql) && !/(SELECT|RETURNING|,)\s*\*|\.\*/i.test(sql);
  const name = stable ? `achteraf_${statementNames.size}` : undefined;
  statementNames.set(sql, name);
  return name;
}

/**
 * PGlite's default of 128 MB is resident for the life of the process. The sandbox-sized data it is
 * meant for fits in 32 MB; below 16 MB every order reads pages back through the file system and
 * costs twice the CPU (docs/benchmarks.md).
 */
export const PGLITE_SHARED_BUFFERS = '32MB';

/**
 * PGlite keeps its files in `dataDir` (or in memory when none is given). It has no lock of its
 * own and two processes on one folder corrupt it, so a lock file refuses a second opener.
 */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  const releaseLock = dataDir ? takeDirectoryLock(dataDir) : () => {};
  let db: PGlite;
  try {
    if (dataDir) await createFolderInChild(join(dataDir, 'pglite'));
    // Loaded only when used: the module alone holds about 40 MB, which a server on PostgreSQL never needs.
    const { PGlite } = await import('@electric-sql/pglite');
    db = await PGlite.create(dataDir ? join(dataDir, 'pglite') : undefined, {
      parsers: { [INT8]: Number, [DATE]: (value: string) => value },
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
    });
  } catch (error) {
    releaseLock();
    throw error;
  }
  return {
    engine: 'pglite',
    exclusive: true,
    query: async (sql, params) => (await db.query(sql, params as unknown[])).rows as never[],
    transaction: (work) =>
      db.transaction((tx) =>
        work({ exclusive: true, query: async (sql, params) => (await tx.query(sql, params as unknown[])).rows as never[] }),
      ),
    async exec(sql) {
      await db.exec(sql);
    },
    async close() {
      await db.close();
      releaseLock();
    },
  };
}

/**
 * A new database folder is created (initdb) by a short-lived child process: the process that runs
 * initdb keeps about 500 MB more resident memory than a server needs, and would keep it as its
 * peak for good (docs/benchmarks.md). The server then opens the folder like any existing one.
 */
async function createFolderInChild(folder: string): Promise<void> {
  if (existsSync(join(folder, 'PG_VERSION'))) return;
  const script =
    `const { PGlite } = await import(${JSON.stringify(import.meta.resolve('@electric-sql/pglite'))});` +
    'const db = await PGlite.create(process.argv[1]); await db.close();';
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '--eval', script, folder], { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`Creating the embedded database in ${folder} failed: ${errors.trim() || `exit code ${code}`}`)),
    );
  });
}

function takeDirectoryLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'achteraf.lock');
  try {
    writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
  } catch {
    const holder = Number(readFileSync(lockPath, 'utf8'));
    // Our own pid means another server in this very process has the folder open.
    if (holder && isRunning(holder)) {
      throw new Error(
        `The embedded database in ${dataDir} is in use by process ${holder}. PGlite allows one process per folder; ` +
          'stop that process, choose another DATA_DIR, or use PostgreSQL (DATABASE_URL) to run several.',
      );
    }
    // The previous holder died without cleaning up (kill -9): take the lock over.
    writeFileSync(lockPath, String(process.pid));
  }
  return () => rmSync(lockPath, { force: true });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function quoteIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`Not a safe SQL identifier: ${name}`);
  return `"${name}"`;
}
