/**
 * Webhook delivery (docs/webhooks.md): how many deliveries per second the real delivery job posts
 * to a local receiver from a backlog; how fast events can be produced and delivered together (the
 * producer committing back to back while the job delivers); and the lag from the commit that
 * queued a delivery to its arrival at half of that together-rate and at half the target rate
 * (500/s). Targets: at least 1,000 deliveries/s, and a p99 lag under 1 s. On PGlite the events are
 * written in the same thread and on the same connection as the job delivers them, as in the
 * server, so half the backlog rate is not half of what the machine can do while producing: the
 * together-rate is the maximum that the lag's "half" is taken of. The producer's own CPU per event
 * (this process, so on PGlite including the database's work for the inserts) is reported too.
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
import { type Database, openPostgres, quoteIdentifier } from '../../src/store/database.js';
import { openPglite } from '../../src/store/pglite-database.js';
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
export const DELIVERY_TOGETHER = 'webhook events produced and delivered together';
export const DELIVERY_PRODUCER = 'webhook events committed, producer alone';

/** Deliveries queued before the job starts, for the throughput figure. */
const BACKLOG = 5_000;
/**
 * Events per producer transaction for the backlog and the together-run: about what the paced run
 * commits per tick at 2,000/s, so the producer's CPU per event is that of the paced run.
 */
const INSERT_BATCH = 10;
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
    // every result is written. The queueing, with no job running, gives the producer's own cost.
    const producerCpuBefore = process.cpuUsage();
    const producerStarted = performance.now();
    const commitMs: number[] = [];
    for (let queued = 0; queued < BACKLOG; queued += INSERT_BATCH) {
      const commitStarted = performance.now();
      await store.transaction(async (tx) => {
        for (let i = queued; i < queued + INSERT_BATCH; i++) await tx.events.append(sessionEvent(`max-${i}`));
      });
      commitMs.push(performance.now() - commitStarted);
    }
    const producerSeconds = (performance.now() - producerStarted) / 1000;
    const producerCpu = process.cpuUsage(producerCpuBefore);
    const producerCpuUsPerEvent = (producerCpu.user + producerCpu.system) / BACKLOG;
    const started = performance.now();
    jobs = startJobs(store);
    await until(async () => (await pendingCount(store)) === 0, 'the backlog to drain');
    const seconds = (performance.now() - started) / 1000;
    const perSecond = BACKLOG / seconds;
    const latencies = await store.db.query<{ latency_ms: number }>('SELECT latency_ms FROM webhook_attempts');
    const failed = await store.db.query<{ count: number }>("SELECT count(*)::int AS count FROM webhook_deliveries WHERE state <> 'delivered'");
    recordUnsuccessful(`webhook backlog (${engine.name})`, failed[0]?.count ?? 0, ['deliveries not delivered']);

    // The maximum the lag's half is taken of: producing and delivering at once, as fast as both go.
    const together = await togetherRate(store, receiver);
    // Lag: events committed at half that rate, each timed from its commit to its arrival.
    const lags = await pacedLag(store, receiver, Math.max(1, together.perSecond / 2));
    const atTarget = await pacedLag(store, receiver, 500);
    const rss = process.memoryUsage().rss / 1024 / 1024;
    return [
      { scenario: DELIVERY_MAX, engine: engine.name, requestsPerSecond: perSecond, ...p50p99(latencies.map((row) => row.latency_ms)), rssMb: rss, note: 'deliveries/s, latency per POST; target >= 1,000/s' },
      {
        scenario: DELIVERY_PRODUCER,
        engine: engine.name,
        requestsPerSecond: BACKLOG / producerSeconds,
        ...p50p99(commitMs),
        rssMb: rss,
        note: `events/s, latency per commit of ${INSERT_BATCH}; CPU ${producerCpuUsPerEvent.toFixed(0)} µs/event in this process`,
      },
      { scenario: DELIVERY_TOGETHER, engine: engine.name, requestsPerSecond: together.perSecond, ...p50p99(together.samples), rssMb: rss, note: 'arrivals/s while producing; latency commit to arrival' },
      { scenario: DELIVERY_LAG, engine: engine.name, requestsPerSecond: lags.perSecond, ...p50p99(lags.samples), rssMb: rss, note: 'max = produced and delivered together; commit to arrival; target p99 < 1,000 ms' },
      { scenario: DELIVERY_LAG_TARGET, engine: engine.name, requestsPerSecond: atTarget.perSecond, ...p50p99(atTarget.samples), rssMb: rss, note: 'commit to arrival; target p99 < 1,000 ms' },
    ];
  } finally {
    await jobs?.stop();
    await database.close();
  }
}

let pacedRuns = 0;

/**
 * The producer commits transactions of INSERT_BATCH events back to back while the job delivers;
 * the rate is the arrivals within the window, the slower of the two sides. Everything produced is
 * then waited for, so the paced run after it starts with nothing queued.
 */
async function togetherRate(store: SqlStore, receiver: Receiver): Promise<{ perSecond: number; samples: number[] }> {
  const run = (pacedRuns += 1);
  const committedAt = new Map<string, number>();
  const arrived = new Map<string, number>();
  receiver.onArrival = (id, at) => arrived.set(id, at);
  const seconds = Math.max(1, MEASURE_SECONDS / 2);
  const start = Date.now();
  const end = start + seconds * 1000;
  let produced = 0;
  while (Date.now() < end) {
    const ids: string[] = [];
    for (let i = 0; i < INSERT_BATCH; i++) ids.push(`together-${run}-${(produced += 1)}`);
    await store.transaction(async (tx) => {
      for (const id of ids) await tx.events.append(sessionEvent(id));
    });
    const now = Date.now();
    for (const id of ids) committedAt.set(id, now);
    // A server's producers are requests, which arrive through the event loop. A loop of commits on
    // the embedded database alone never reaches it (PGlite answers through promises only), so
    // without this the job's posts and timers wait for the whole window (measured: no arrival).
    await new Promise((resolve) => setImmediate(resolve));
  }
  await until(async () => everyArrived(committedAt, arrived), 'every delivery produced at full speed to arrive');
  let inWindow = 0;
  for (const id of committedAt.keys()) if (arrived.get(id)! <= end) inWindow += 1;
  receiver.onArrival = undefined;
  return { perSecond: inWindow / seconds, samples: [...committedAt].map(([id, at]) => arrived.get(id)! - at) };
}

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
  await until(async () => everyArrived(committedAt, arrived), 'every paced delivery to arrive');
  receiver.onArrival = undefined;
  const samples = [...committedAt].map(([id, at]) => arrived.get(id)! - at);
  return { perSecond: committedAt.size / MEASURE_SECONDS, samples };
}

/** By id, not by count: a delivery of an earlier phase may still be reported during this one. */
function everyArrived(committedAt: ReadonlyMap<string, number>, arrived: ReadonlyMap<string, number>): boolean {
  for (const id of committedAt.keys()) if (!arrived.has(id)) return false;
  return true;
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
