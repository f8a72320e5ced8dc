/**
 * GET /metrics in Prometheus' text format (prom-client; docs/operations.md, "Metrics"). Each
 * server has a registry of its own. Requests are counted by their histogram (`_count`), per
 * method, route pattern, HTTP status and the contract's own code; the children of each label set
 * are kept, so a request costs two map lookups and one observation. Outbox and pool figures are
 * read when scraped, not kept up to date on every change.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { JobObserver } from '../jobs/background-jobs.js';
import type { Database } from '../store/database.js';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

type Observe = (seconds: number) => void;

export class Metrics implements JobObserver {
  readonly registry = new Registry();
  private readonly requests: Histogram<'method' | 'route' | 'status' | 'code'>;
  private readonly byLabels = new Map<string, Observe>();
  private readonly jobRounds: Counter<'job' | 'result'>;
  private readonly webhookAttempts: Counter<'outcome'>;

  constructor(db: Database, clock: { now(): Date }) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Histogram({
      name: 'achteraf_http_request_duration_seconds',
      help: 'Time to answer a request, per method, route pattern, HTTP status and wire code (the legacy or v2 result code); _count counts requests',
      labelNames: ['method', 'route', 'status', 'code'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.jobRounds = new Counter({
      name: 'achteraf_job_runs_total',
      help: 'Rounds of background jobs run by this process, by job and result (ok or error)',
      labelNames: ['job', 'result'],
      registers,
    });
    this.webhookAttempts = new Counter({
      name: 'achteraf_webhook_deliveries_total',
      help: 'Webhook delivery attempts made by this process, by outcome: delivered, retry (will be tried again) or failed (retries ran out)',
      labelNames: ['outcome'],
      registers,
    });
    new Gauge({
      name: 'achteraf_outbox_depth',
      help: 'Work waiting in the outbox of the whole database, by kind (webhook deliveries, mail)',
      labelNames: ['kind'],
      registers,
      async collect() {
        for (const [kind, row] of await outbox(db)) this.set({ kind }, row.pending);
      },
    });
    new Gauge({
      name: 'achteraf_outbox_oldest_age_seconds',
      help: 'Age of the oldest waiting item of the outbox, by kind; 0 when none waits',
      labelNames: ['kind'],
      registers,
      async collect() {
        const now = clock.now().getTime();
        for (const [kind, row] of await outbox(db)) this.set({ kind }, row.oldest ? Math.max(0, (now - row.oldest.getTime()) / 1000) : 0);
      },
    });
    if (db.poolUse) {
      const poolUse = db.poolUse;
      new Gauge({
        name: 'achteraf_db_pool_connections',
        help: 'PostgreSQL connections of this process: open, idle, waiting (requests queued for a connection) and max (DATABASE_POOL_SIZE)',
        labelNames: ['state'],
        registers,
        collect() {
          const use = poolUse();
          this.set({ state: 'open' }, use.open);
          this.set({ state: 'idle' }, use.idle);
          this.set({ state: 'waiting' }, use.waiting);
          this.set({ state: 'max' }, use.max);
        },
      });
    }
  }

  observeRequest(method: string, route: string, status: number, code: string, seconds: number): void {
    const key = `${method} ${status} ${code} ${route}`;
    let observe = this.byLabels.get(key);
    if (!observe) {
      const child = this.requests.labels({ method, route, status: String(status), code });
      observe = (value) => child.observe(value);
      this.byLabels.set(key, observe);
    }
    observe(seconds);
  }

  jobRound(job: string, ok: boolean): void {
    this.jobRounds.inc({ job, result: ok ? 'ok' : 'error' });
  }

  webhookAttempt(next: 'delivered' | 'pending' | 'failed'): void {
    this.webhookAttempts.inc({ outcome: next === 'pending' ? 'retry' : next });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}

interface OutboxRow {
  pending: number;
  oldest: Date | null;
}

/** Both gauges of one scrape read the same figures: one query per scrape, not per gauge. */
const scrapes = new WeakMap<Database, { at: number; rows: Promise<Map<string, OutboxRow>> }>();

function outbox(db: Database): Promise<Map<string, OutboxRow>> {
  const now = performance.now();
  const recent = scrapes.get(db);
  if (recent && now - recent.at < 1_000) return recent.rows;
  const rows = db
    .query<OutboxRow & { kind: string }>(
      `SELECT 'webhook' AS kind, count(*)::int AS pending, min(created_at) AS oldest FROM webhook_deliveries WHERE state = 'pending'
       UNION ALL
       SELECT 'mail', count(*)::int, min(created_at) FROM mail_outbox WHERE state = 'pending'`,
    )
    .then((found) => new Map(found.map((row) => [row.kind, row])))
    // A database that does not answer leaves the outbox gauges out of this scrape; /ready says why.
    .catch(() => new Map<string, OutboxRow>());
  scrapes.set(db, { at: now, rows });
  return rows;
}
