/**
 * One SQL dialect on two engines (house rule 7): PostgreSQL through `pg` in production, embedded
 * PGlite for zero set-up. Both hand back rows with the same JavaScript types: bigint as number
 * (amounts stay far below 2^53 cents), date as `YYYY-MM-DD` text, timestamptz as Date.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface Database extends Queryable {
  readonly engine: 'postgres' | 'pglite';
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs several statements at once, without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

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
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(options.schema)}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
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
    (await client.query(sql, params as unknown[])).rows as Row[];

  return {
    engine: 'postgres',
    query: (sql, params) => query(pool, sql, params),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({ query: (sql, params) => query(client, sql, params) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}

/**
 * PGlite keeps its files in `dataDir` (or in memory when none is given). It has no lock of its
 * own and two processes on one folder corrupt it, so a lock file refuses a second opener.
 */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  const releaseLock = dataDir ? takeDirectoryLock(dataDir) : () => {};
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir ? join(dataDir, 'pglite') : undefined, {
      parsers: { [INT8]: Number, [DATE]: (value: string) => value },
    });
  } catch (error) {
    releaseLock();
    throw error;
  }
  return {
    engine: 'pglite',
    query: async (sql, params) => (await db.query(sql, params as unknown[])).rows as never[],
    transaction: (work) =>
      db.transaction((tx) => work({ query: async (sql, params) => (await tx.query(sql, params as unknown[])).rows as never[] })),
    async exec(sql) {
      await db.exec(sql);
    },
    async close() {
      await db.close();
      releaseLock();
    },
  };
}

function takeDirectoryLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'achteraf.lock');
  try {
    writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
  } catch {
    const holder = Number(readFileSync(lockPath, 'utf8'));
    if (holder && holder !== process.pid && isRunning(holder)) {
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
