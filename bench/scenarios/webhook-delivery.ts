/**
 * Webhook delivery (docs/webhooks.md): how many deliveries per second the real delivery job posts
 * to a local receiver, and the lag from the commit that queued a delivery to its arrival at half
 * the measured rate and at half the target rate (500/s). Targets: at least 1,000 deliveries/s, and
 * a p99 lag under 1 s. On PGlite the events are written in the same thread as the job delivers
 * them, as in the server, so the producer's own cost is part of the lag figure.
 *
 * Events go in through the real store (SqlEventRepository, so the fan-out writes the delivery
 * rows) and the real job delivers them, signed (webhook v3), through the real transport. The job
 * runs in this process as it runs inside the server; the receiver answers from a worker thread so
 * it does not share the job's event loop.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SessionEvent } from '../../src/core/shared/events.js';
import { loadConfig } from '../../src/config.js';
import { type BackgroundJobs, startBackgroundJobs } from '../../src/jobs/background-jobs.js';
import { coreContext } from '../../src/main.js';
import { newWebhookSecret } from '../../src/outbound/webhook-transport.js';
import { systemClock } from '../../src/runtime/system-clock.js';
import { type Database, openPglite, openPostgres, quoteIdentifier } from '../../src/store/database.js';
import { migrate } from '../../src/store/migrate.js';
import { seedSandbox } from '../../src/store/seed-sandbox.js';
import { createSqlStore, type SqlStore } from '../../src/store/sql-store.js';
import { notificationBuilders, notificationSigners } from '../../src/main.js';
import { signalDeliveriesOnCommit } from '../../src/store/webhook-commit-signal.js';
import { SqlWebhookSettingsRepository } from '../../src/store/webhook-settings-repository.js';
import type { BenchRow, BenchScenario } from '../scenario.js';
import { type BenchEngine, benchEngines } from '../support/engines.js';
import { recordUnsuccessful } from '../support/report.js';
import { MEASURE_SECONDS } from '../support/settings.js';
import { p50p99 } from '../support/stats.js';

export const DELIVERY_MAX = 'webhook deliveries, backlog at full speed';
export const DELIVERY_LAG = 'webhook delivery lag at 50% of max';
export const DELIVERY_LAG_TARGET = 'webhook delivery lag at 500/s';

/** Deliveries queued before the job starts, for the throughput figure. */
const BACKLOG = 5_000;
const INSERT_BATCH = 500;
/** The producer's tick for the paced run: events due by now are committed every few milliseconds. */
const TICK_MS = 5;
const DRAIN_TIMEOUT_MS = 120_000;
const MERCHANT = 'm_usertest';

const scenario: BenchScenario = async () => {
  const receiver = await startReceiver();
  const rows: BenchRow[] = [];
  try {
    for (const engine of await benchEngines()) rows.push(...(await measure(engine, receiver)));
  } finally {
    await receiver.stop();
  }
  return rows;
};
export default scenario;

async function measure(engine: BenchEngine, receiver: Receiver): Promise<BenchRow[]> {
  const database = await openBenchDatabase(engine);
  let jobs: BackgroundJobs | undefined;
  const store = createSqlStore(signalDeliveriesOnCommit(database.db, () => jobs?.wakeDeliveries()), notificationBuilders);
  try {
    await migrate(store.db);
    await seedSandbox(store.db);
    const settings = new SqlWebhookSettingsRepository(store.db);
    await settings.saveSecret(MERCHANT, newWebhookSecret(), new Date());
    await settings.subscribe({ merchantId: MERCHANT, kind: 'session', url: receiver.url, signed: true, at: new Date() });

    // Throughput: a backlog queued through the real store, then the job started and timed until
    // every result is written.
    for (let queued = 0; queued < BACKLOG; queued += INSERT_BATCH) {
      await store.transaction(async (tx) => {
        for (let i = queued; i < queued + INSERT_BATCH; i++) await tx.events.append(sessionEvent(`max-${i}`));
      });
    }
    const started = performance.now();
    jobs = startJobs(store);
    await until(async () => (await pendingCount(store)) === 0, 'the backlog to drain');
    const seconds = (performance.now() - started) / 1000;
    const perSecond = BACKLOG / seconds;
    const latencies = await store.db.query<{ latency_ms: number }>('SELECT latency_ms FROM webhook_attempts');
    const failed = await store.db.query<{ count: number }>("SELECT count(*)::int AS count FROM webhook_deliveries WHERE state <> 'delivered'");
    recordUnsuccessful(`webhook backlog (${engine.name})`, failed[0]?.count ?? 0, ['deliveries not delivered']);

    // Lag: events committed at half that rate, each timed from its commit to its arrival.
    const lags = await pacedLag(store, receiver, Math.max(1, perSecond / 2));
    const atTarget = await pacedLag(store, receiver, 500);
    const rss = process.memoryUsage().rss / 1024 / 1024;
    return [
      { scenario: DELIVERY_MAX, engine: engine.name, requestsPerSecond: perSecond, ...p50p99(latencies.map((row) => row.latency_ms)), rssMb: rss, note: 'deliveries/s, latency per POST; target >= 1,000/s' },
      { scenario: DELIVERY_LAG, engine: engine.name, requestsPerSecond: lags.perSecond, ...p50p99(lags.samples), rssMb: rss, note: 'commit to arrival; target p99 < 1,000 ms' },
      { scenario: DELIVERY_LAG_TARGET, engine: engine.name, requestsPerSecond: atTarget.perSecond, ...p50p99(atTarget.samples), rssMb: rss, note: 'commit to arrival; target p99 < 1,000 ms' },
    ];
  } finally {
    await jobs?.stop();
    await database.close();
  }
}

let pacedRuns = 0;

async function pacedLag(store: SqlStore, receiver: Receiver, perSecond: number): Promise<{ perSecond: number; samples: number[] }> {
  const run = (pacedRuns += 1);
  const committedAt = new Map<string, number>();
  const arrived = new Map<string, number>();
  receiver.onArrival = (id, at) => arrived.set(id, at);
  const start = Date.now();
  const end = start + MEASURE_SECONDS * 1000;
  let produced = 0;
  while (Date.now() < end) {
    const due = Math.floor(((Date.now() - start) / 1000) * perSecond);
    const ids: string[] = [];
    for (; produced < due; produced++) ids.push(`lag-${run}-${produced}`);
    if (ids.length > 0) {
      await store.transaction(async (tx) => {
        for (const id of ids) await tx.events.append(sessionEvent(id));
      });
      const now = Date.now();
      for (const id of ids) committedAt.set(id, now);
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  await until(async () => arrived.size >= committedAt.size, 'every paced delivery to arrive');
  receiver.onArrival = undefined;
  const samples = [...committedAt].map(([id, at]) => arrived.get(id)! - at);
  return { perSecond: committedAt.size / MEASURE_SECONDS, samples };
}

function startJobs(store: SqlStore): BackgroundJobs {
  return startBackgroundJobs({
    db: store.db,
    // The bench receiver listens on loopback.
    settings: {
      webhookRetrySchedule: [60, 300, 1800],
      webhookTimeoutMs: 10_000,
      webhookConcurrency: 64,
      webhookAllowPrivate: true,
      smtpUrl: undefined,
      mailFrom: 'bench',
      sessionExpiryIntervalMs: 60_000,
    },
    clock: systemClock,
    core: coreContext(loadConfig({}), store),
    log: { error: (details, message) => console.error(message, details.err) },
    signers: notificationSigners(store.db),
  });
}

function sessionEvent(transactionId: string): SessionEvent {
  return {
    type: 'session_status_changed',
    merchantId: MERCHANT,
    sessionId: `ses-${transactionId}`,
    status: 'order_created',
    invoiceId: undefined,
    orderNumber: `ORDER-${transactionId}`,
    billinkInvoiceNumber: `1TSTORDER-${transactionId}`,
    transactionId,
    at: new Date(),
  };
}

async function pendingCount(store: SqlStore): Promise<number> {
  const [row] = await store.db.query<{ count: number }>("SELECT count(*)::int AS count FROM webhook_deliveries WHERE state = 'pending'");
  return row?.count ?? 0;
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + DRAIN_TIMEOUT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function openBenchDatabase(engine: BenchEngine): Promise<{ db: Database; close(): Promise<void> }> {
  if (engine.name === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'achteraf-bench-webhooks-'));
    const db = await openPglite(dir);
    return { db, close: async () => (await db.close(), rmSync(dir, { recursive: true, force: true })) };
  }
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const db = await openPostgres({ url: engine.url, schema, poolSize: 10 });
  return {
    db,
    async close() {
      await db.exec(`DROP SCHEMA ${quoteIdentifier(schema)} CASCADE`);
      await db.close();
    },
  };
}

interface Receiver {
  url: string;
  onArrival: ((transactionId: string, at: number) => void) | undefined;
  stop(): Promise<void>;
}

/** An HTTP endpoint in a worker thread that answers 204 and reports each body's transactionId with its arrival time. */
async function startReceiver(): Promise<Receiver> {
  const worker = new Worker(
    `
    const { parentPort } = require('node:worker_threads');
    const http = require('node:http');
    let arrivals = [];
    const server = http.createServer((request, response) => {
      const chunks = [];
      request.on('data', (chunk) => chunks.push(chunk));
      request.on('end', () => {
        arrivals.push([JSON.parse(Buffer.concat(chunks).toString()).transactionId, Date.now()]);
        response.writeHead(204).end();
      });
    });
    server.keepAliveTimeout = 60000;
    server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
    setInterval(() => {
      if (arrivals.length > 0) parentPort.postMessage({ arrivals });
      arrivals = [];
    }, 10).unref();
    parentPort.on('message', () => server.close(() => process.exit(0)));
    `,
    { eval: true },
  );
  const receiver: Receiver = { url: '', onArrival: undefined, stop: async () => {} };
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (message: { port?: number; arrivals?: [string, number][] }) => {
      if (message.port) resolve(message.port);
      for (const [id, at] of message.arrivals ?? []) receiver.onArrival?.(id, at);
    });
  });
  receiver.url = `http://127.0.0.1:${port}/webhooks`;
  receiver.stop = async () => {
    await worker.terminate();
  };
  return receiver;
}
