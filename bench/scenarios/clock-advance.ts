/**
 * The collection workflow at scale (docs/benchmarks.md "Test clock advance and timer runner"):
 *
 * 1. One sandbox merchant with 10,000 started invoices and ONE `POST /v2/sandbox/clock/advance`
 *    of 4 days, which moves every invoice through its first step, the invoice e-mail at start + 3
 *    days, with its PDF rendered and handed to a real SMTP server. Reported: the whole advance's
 *    time and steps per second. Target on PostgreSQL: under 30 s.
 * 2. The background timer runner in real time (JOBS on): 10,000 started invoices whose first step
 *    falls due at once (the merchant's clock is set 4 days ahead in SQL, so nothing runs them but
 *    the runner), timed until every timer is applied; the mail job sends their e-mails meanwhile.
 *
 * The invoices are real: one is placed and started through the legacy API (check, order, start
 * workflow), and the rest are copies of its rows (invoice, credit check, timer rows) made with one
 * INSERT … SELECT each, differing only in what must be unique (numbers, e-mail address, identity,
 * tokens). The scenario checks that a copy equals the original in every other column before it
 * measures, and afterwards that every invoice got exactly one step and one e-mail with a PDF.
 *
 * BENCH_ADVANCE_INVOICES changes the 10,000 (1,000 with --quick); BENCH_ADVANCE_PARTS=advance (or runner) measures one
 * of the two, e.g. for a CPU profile of the advance alone. PDF_WORKERS is handed to the server as set.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { type RunningServer, startServer } from '../../src/main.js';
import type { BenchRow, BenchScenario } from '../scenario.js';
import { type BenchEngine, benchEngines } from '../support/engines.js';
import { checkXml, newCustomer, newOrderNumber, orderXml, startWorkflowXml } from '../support/legacy-xml.js';
import { recordUnsuccessful } from '../support/report.js';
import { QUICK } from '../support/settings.js';
import { type SmtpSinkProcess, startSmtpSinkProcess } from '../support/smtp-sink-process.js';

export const CLOCK_ADVANCE = 'sandbox clock advance: 1 step + e-mail + PDF per invoice';
export const TIMER_RUNNER = 'background timer runner: timers due now, JOBS on';

export const ADVANCE_INVOICES = Number(process.env.BENCH_ADVANCE_INVOICES || (QUICK ? 1_000 : 10_000));
const INVOICES = ADVANCE_INVOICES;
const MERCHANT = { id: 'm_usertest', username: 'usertest', clientId: 'd38a3439590889df026367bf01d621e687b8d278' };
/** Past the invoice e-mail at start + 3 days (09:00 Amsterdam), before the payout at start + 14. */
const ADVANCE_DAYS = 4;
const DAY_MS = 86_400_000;
const DRAIN_TIMEOUT_MS = 15 * 60_000;
/** Longer than the mail job needs to mark its last batch sent; a mail still pending after it is reported. */
const MARK_TIMEOUT_MS = 30_000;
const PARTS = (process.env.BENCH_ADVANCE_PARTS || 'advance,runner').split(',');

const clockAdvance: BenchScenario = async () => {
  const sink = await startSmtpSinkProcess();
  const rows: BenchRow[] = [];
  try {
    for (const engine of await benchEngines()) {
      if (PARTS.includes('advance')) rows.push(await measureAdvance(engine, sink));
      if (PARTS.includes('runner')) rows.push(await measureRunner(engine, sink));
    }
  } finally {
    await sink.stop();
  }
  return rows;
};
export default clockAdvance;

async function measureAdvance(engine: BenchEngine, sink: SmtpSinkProcess): Promise<BenchRow> {
  return withServer(engine, sink, 'off', async (server) => {
    await fillStartedInvoices(server);
    const mailsBefore = (await sink.counts()).mails;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const answer = await postJson(`${server.url}/v2/sandbox/clock/advance`, { billinkUsername: MERCHANT.username, billinkID: MERCHANT.clientId, days: ADVANCE_DAYS });
    const seconds = (performance.now() - started) / 1000;
    const cpuMs = cpuMsSince(cpuBefore);
    console.error(`  clock advance (${engine.name}): ${INVOICES} steps in ${seconds.toFixed(1)} s, ${(cpuMs / INVOICES).toFixed(2)} ms CPU per step`);
    const body = JSON.parse(answer) as { code?: string; steps?: Record<string, number>; emails?: number };
    const steps = Object.values(body.steps ?? {}).reduce((sum, count) => sum + count, 0);
    await checkEveryInvoiceMailedOnce(server, sink, mailsBefore, `clock advance (${engine.name})`, [
      [body.code === '200', `the advance answered ${answer.slice(0, 300)}`],
      [steps === INVOICES, `the advance applied ${steps} steps, not ${INVOICES}`],
      [body.emails === INVOICES, `the advance handed over ${body.emails} e-mails, not ${INVOICES}`],
    ]);
    return {
      scenario: CLOCK_ADVANCE,
      engine: engine.name,
      requestsPerSecond: INVOICES / seconds,
      p50Ms: NaN,
      p99Ms: NaN,
      seconds,
      rssMb: process.memoryUsage().rss / 1024 / 1024,
      note: `steps/s; ${INVOICES} invoices, one advance took ${seconds.toFixed(1)} s; server CPU ${(cpuMs / INVOICES).toFixed(2)} ms per step; target < 30 s on PostgreSQL`,
    };
  });
}

async function measureRunner(engine: BenchEngine, sink: SmtpSinkProcess): Promise<BenchRow> {
  return withServer(engine, sink, 'on', async (server) => {
    await fillStartedInvoices(server);
    const mailsBefore = (await sink.counts()).mails;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    // The merchant's time moves without an advance, so only the background runner applies the steps.
    await server.store.db.query('UPDATE merchants SET test_clock_offset_ms = $2 WHERE id = $1', [MERCHANT.id, ADVANCE_DAYS * DAY_MS]);
    await until(async () => (await count(server, "SELECT count(*) AS n FROM invoice_timers WHERE merchant_id = $1 AND kind = 'send_invoice'")) === 0);
    const seconds = (performance.now() - started) / 1000;
    await until(async () => (await sink.counts()).mails - mailsBefore >= INVOICES);
    const mailSeconds = (performance.now() - started) / 1000;
    const cpuMs = cpuMsSince(cpuBefore);
    // The mail job marks a batch sent after its last mail went: the SMTP server can have them all
    // a moment before the last batch is marked, which the check below would count as unsent.
    await until(async () => (await count(server, "SELECT count(*) AS n FROM customer_mails WHERE merchant_id = $1 AND state = 'pending'")) === 0, MARK_TIMEOUT_MS).catch(() => {
      // Still pending: the check below reports it.
    });
    console.error(`  timer runner (${engine.name}): ${INVOICES} timers in ${seconds.toFixed(1)} s, their e-mails after ${mailSeconds.toFixed(1)} s`);
    await checkEveryInvoiceMailedOnce(server, sink, mailsBefore, `timer runner (${engine.name})`, []);
    return {
      scenario: TIMER_RUNNER,
      engine: engine.name,
      requestsPerSecond: INVOICES / seconds,
      p50Ms: NaN,
      p99Ms: NaN,
      seconds,
      rssMb: process.memoryUsage().rss / 1024 / 1024,
      note: `timers/s; all ${INVOICES} applied in ${seconds.toFixed(1)} s, their e-mails sent by the mail job after ${mailSeconds.toFixed(1)} s; server CPU ${(cpuMs / INVOICES).toFixed(2)} ms per timer with its e-mail`,
    };
  });
}

async function withServer<T>(engine: BenchEngine, sink: SmtpSinkProcess, jobs: 'on' | 'off', run: (server: RunningServer) => Promise<T>): Promise<T> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const server = await startServer(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DATA_DIR: ':memory:',
      SANDBOX_SEED: 'on',
      JOBS: jobs,
      SMTP_URL: sink.url,
      // PDF_WORKERS=0 against the default, for an A/B of the PDF rendering threads.
      ...(process.env.PDF_WORKERS !== undefined ? { PDF_WORKERS: process.env.PDF_WORKERS } : {}),
      ...(engine.name === 'postgres' ? { DATABASE_URL: engine.url, DATABASE_SCHEMA: schema } : {}),
    }),
  );
  try {
    return await run(server);
  } finally {
    await server.close();
    if (engine.name === 'postgres') await dropSchema(engine.url, schema);
  }
}

/** One invoice through the API, then INVOICES - 1 copies of its rows. */
async function fillStartedInvoices(server: RunningServer): Promise<void> {
  const customer = newCustomer();
  const check = await postXml(`${server.url}/api/check`, checkXml(customer));
  const uuid = /<UUID>([^<]+)<\/UUID>/.exec(check)?.[1];
  if (!uuid) throw new Error(`check answered ${check}`);
  const order = await postXml(`${server.url}/api/order`, orderXml(customer, uuid, newOrderNumber()));
  const invoiceNumber = /<INVOICE>([^<]+)<\/INVOICE>/.exec(order)?.[1];
  if (!invoiceNumber) throw new Error(`order answered ${order}`);
  const start = await postXml(`${server.url}/api/start-workflow`, startWorkflowXml([invoiceNumber]));
  if (!start.includes('<CODE>500</CODE>')) throw new Error(`start workflow answered ${start}`);
  const [template] = await server.store.db.query<{ id: string }>('SELECT id::text AS id FROM invoices WHERE invoice_number = $1', [invoiceNumber]);
  const db = server.store.db;
  const params = [template!.id, INVOICES - 1];
  // Copy g of the invoice: its own numbers, e-mail address, house number (so its identity), check
  // and file token; everything else, the stored life-cycle state included, as the API wrote it.
  await db.query(
    `INSERT INTO credit_checks (uuid, merchant_id, workflow_number, amount, customer_email, customer_identity, decided_by, created_at, expires_at, used_at, invoice_id)
     SELECT c.uuid || '-' || g, c.merchant_id, c.workflow_number, c.amount, 'copy-' || g || '-' || c.customer_email,
            split_part(c.customer_identity, '|', 1) || '|' || split_part(c.customer_identity, '|', 2) || '|c' || g,
            c.decided_by, c.created_at, c.expires_at, c.used_at, NULL
     FROM credit_checks c JOIN invoices i ON i.check_uuid = c.uuid, generate_series(1, $2::int) g WHERE i.id = $1`,
    params,
  );
  await db.query(
    `INSERT INTO invoices (merchant_id, workflow_number, merchant_number, invoice_number, order_date, currency, customer, customer_email,
       customer_identity, lines, total, vat, paid, credited, status, step, workflow_started_at, due_date, on_hold_until, sandbox,
       additional_text, track_and_trace, file_token, check_uuid, custom_invoice_id, created_at, hold_days_used, life_cycle, costs,
       costs_paid, paid_out, reminder_number, dispute_open)
     SELECT merchant_id, workflow_number, merchant_number || '-c' || g, invoice_number || '-c' || g, order_date, currency,
       jsonb_set(jsonb_set(customer, '{email}', to_jsonb('copy-' || g || '-' || customer_email)), '{address,houseNumber}', to_jsonb('c' || g)),
       'copy-' || g || '-' || customer_email,
       split_part(customer_identity, '|', 1) || '|' || split_part(customer_identity, '|', 2) || '|c' || g,
       lines, total, vat, paid, credited, status, step, workflow_started_at, due_date, on_hold_until, sandbox,
       additional_text, track_and_trace, md5(file_token || g), check_uuid || '-' || g, custom_invoice_id, created_at, hold_days_used,
       life_cycle, costs, costs_paid, paid_out, reminder_number, dispute_open
     FROM invoices, generate_series(1, $2::int) g WHERE id = $1`,
    params,
  );
  await db.query(
    `UPDATE credit_checks c SET invoice_id = i.id FROM invoices i
     WHERE i.check_uuid = c.uuid AND c.invoice_id IS NULL AND i.merchant_id = $1`,
    [MERCHANT.id],
  );
  await db.query(
    `INSERT INTO invoice_timers (invoice_id, kind, merchant_id, due_at)
     SELECT copy.id, t.kind, t.merchant_id, t.due_at FROM invoice_timers t
       JOIN invoices original ON original.id = t.invoice_id
       JOIN invoices copy ON copy.merchant_id = original.merchant_id AND copy.invoice_number LIKE original.invoice_number || '-c%'
     WHERE original.id = $1`,
    [template!.id],
  );
  await db.query('ANALYZE');
  await expectCopiesEqual(server, template!.id);
}

/** A copy differs from the invoice the API made only in the columns that must be unique. */
async function expectCopiesEqual(server: RunningServer, templateId: string): Promise<void> {
  const unique = ['id', 'merchant_number', 'invoice_number', 'customer', 'customer_email', 'customer_identity', 'file_token', 'check_uuid'];
  const rows = await server.store.db.query<{ row: Record<string, unknown>; timers: unknown }>(
    `SELECT to_jsonb(i) - $2::text[] AS row,
            (SELECT jsonb_agg(jsonb_build_array(t.kind, t.due_at) ORDER BY t.kind) FROM invoice_timers t WHERE t.invoice_id = i.id) AS timers
     FROM invoices i WHERE i.id IN ($1, (SELECT max(id) FROM invoices)) ORDER BY i.id`,
    [templateId, unique],
  );
  const [original, copy] = rows.map((row) => JSON.stringify(row));
  const total = await count(server, 'SELECT count(*) AS n FROM invoices WHERE merchant_id = $1 AND life_cycle IS NOT NULL', [MERCHANT.id]);
  if (rows.length !== 2 || original !== copy || total !== INVOICES) {
    throw new Error(`the copied invoices are not equal to the one the API made:\n${original}\n${copy}\n(${total} invoices)`);
  }
}

/** Every invoice has exactly one customer e-mail, sent; the sink got as many, each with a PDF. */
async function checkEveryInvoiceMailedOnce(server: RunningServer, sink: SmtpSinkProcess, mailsBefore: number, measurement: string, more: [boolean, string][]): Promise<void> {
  const sent = await count(server, "SELECT count(*) AS n FROM customer_mails WHERE merchant_id = $1 AND kind = 'invoice' AND state = 'sent' AND channel = 'smtp'", [MERCHANT.id]);
  const mailed = await count(server, 'SELECT count(DISTINCT invoice_id) AS n FROM customer_mails WHERE merchant_id = $1', [MERCHANT.id]);
  const all = await count(server, 'SELECT count(*) AS n FROM customer_mails WHERE merchant_id = $1', [MERCHANT.id]);
  const left = await count(server, "SELECT count(*) AS n FROM invoice_timers WHERE merchant_id = $1 AND kind = 'send_invoice'", [MERCHANT.id]);
  const counts = await sink.counts();
  const problems = [
    ...more,
    [sent === INVOICES && mailed === INVOICES && all === INVOICES, `${all} customer e-mails for ${mailed} invoices, ${sent} sent over SMTP; expected ${INVOICES} of each`],
    [left === 0, `${left} invoice e-mail timers left`],
    [counts.mails - mailsBefore === INVOICES, `the SMTP server received ${counts.mails - mailsBefore} mails, not ${INVOICES}`],
    [counts.withPdf - mailsBefore === INVOICES, `${counts.withPdf - mailsBefore} of the received mails carry a PDF`],
  ] as [boolean, string][];
  const failed = problems.filter(([ok]) => !ok).map(([, text]) => text);
  recordUnsuccessful(measurement, failed.length, failed);
}

/** CPU time of this process, where the server runs (the SMTP server is a process of its own). */
function cpuMsSince(before: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

async function count(server: RunningServer, sql: string, params: unknown[] = [MERCHANT.id]): Promise<number> {
  const [row] = await server.store.db.query<{ n: string | number }>(sql, params);
  return Number(row!.n);
}

async function until(done: () => Promise<boolean>, timeoutMs = DRAIN_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`not done within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function postXml(url: string, body: string): Promise<string> {
  return post(url, body, 'application/xml');
}

function postJson(url: string, body: unknown): Promise<string> {
  return post(url, JSON.stringify(body), 'application/json');
}

/** node:http rather than fetch: fetch gives up waiting for headers after 300 s, and PGlite's advance may take longer. */
function post(url: string, body: string, contentType: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { method: 'POST', headers: { 'content-type': contentType } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      response.on('error', reject);
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
