/**
 * The databases a benchmark runs on: embedded PGlite always, and PostgreSQL at BENCH_DATABASE_URL
 * (default: the local server CI uses) when it answers. An unreachable PostgreSQL is reported, not
 * hidden: its rows are missing and its targets print as "not measured".
 */
import pg from 'pg';

export type BenchEngine = { name: 'postgres'; url: string } | { name: 'pglite' };

export const DEFAULT_BENCH_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

let cached: Promise<BenchEngine[]> | undefined;

export function benchEngines(): Promise<BenchEngine[]> {
  cached ??= findEngines();
  return cached;
}

/** BENCH_ENGINES=pglite (or postgres) runs one engine only, for a quick look at one row. */
async function findEngines(): Promise<BenchEngine[]> {
  const only = process.env.BENCH_ENGINES?.split(',').map((name) => name.trim());
  const engines = await reachableEngines();
  return only ? engines.filter((engine) => only.includes(engine.name)) : engines;
}

async function reachableEngines(): Promise<BenchEngine[]> {
  const url = process.env.BENCH_DATABASE_URL || DEFAULT_BENCH_DATABASE_URL;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return [{ name: 'postgres', url }, { name: 'pglite' }];
  } catch (error) {
    console.warn(`PostgreSQL at ${url} is not reachable (${(error as Error).message}): PostgreSQL rows are skipped.`);
    return [{ name: 'pglite' }];
  } finally {
    await client.end().catch(() => {});
  }
}
