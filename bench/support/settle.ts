/**
 * Lets PostgreSQL write out what the scenario before left dirty, before the next one measures.
 * The clock advance leaves hundreds of MB of dirty buffers and WAL behind; the checkpoint that
 * then comes due (checkpoint_timeout, or max_wal_size) writes them out while the next scenario
 * runs, and the next scenario pays for it (docs/benchmarks.md "Ratios measured beside their
 * baselines, tried"). A CHECKPOINT does that write now, between the measurements; a role that may not
 * (neither superuser nor pg_checkpoint) waits a moment instead.
 */
import pg from 'pg';
import { benchEngines } from './engines.js';

/** Without the right to CHECKPOINT: long enough for the background writer to catch up on a burst. */
const WAIT_WITHOUT_CHECKPOINT_MS = 5_000;

let checkpointRefused = false;

export async function settlePostgres(): Promise<void> {
  const postgres = (await benchEngines()).find((engine) => engine.name === 'postgres');
  if (!postgres) return;
  if (checkpointRefused) return wait(WAIT_WITHOUT_CHECKPOINT_MS);
  const client = new pg.Client({ connectionString: postgres.url });
  await client.connect();
  try {
    const started = performance.now();
    await client.query('CHECKPOINT');
    const ms = performance.now() - started;
    if (ms > 500) console.error(`  CHECKPOINT before the next scenario took ${(ms / 1000).toFixed(1)} s`);
  } catch (error) {
    checkpointRefused = true;
    console.error(`  CHECKPOINT refused (${(error as Error).message}); waiting ${WAIT_WITHOUT_CHECKPOINT_MS / 1000} s between scenarios instead`);
    await wait(WAIT_WITHOUT_CHECKPOINT_MS);
  } finally {
    await client.end();
  }
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
