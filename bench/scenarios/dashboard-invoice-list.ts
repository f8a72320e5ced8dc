/**
 * The dashboard's invoice list over 100,000 invoices of one merchant (docs/dashboard.md "Invoice
 * list"): page 1, a deep page near the oldest invoice (keyset, so as cheap as page 1), a search by
 * the whole e-mail address, a last-name prefix, and a filter. The server runs in this process on a
 * database filled with one INSERT … SELECT; each row is a bounded number of GETs on 4 connections.
 * On PostgreSQL the plans of the same queries are printed (EXPLAIN ANALYZE) for the docs.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../../src/config.js';
import { startServer } from '../../src/main.js';
import type { BenchRow, BenchScenario } from '../scenario.js';
import { type BenchEngine, benchEngines } from '../support/engines.js';
import { p50p99 } from '../support/stats.js';

export const INVOICE_LIST = 'dashboard invoice list, 100,000 invoices';
const INVOICES = 100_000;
const REQUESTS_PER_ROW = Number(process.env.BENCH_DASHBOARD_REQUESTS || 400);
const CONNECTIONS = 4;

const FILL = `INSERT INTO invoices (merchant_id, workflow_number, merchant_number, invoice_number, order_date, currency, customer,
    customer_email, lines, total, vat, paid, status, step, sandbox, file_token, created_at)
  SELECT 'm_usertest', 1, 'BENCH-' || g, '1TSTBENCH-' || g, date '2026-01-01' + (g % 300), 'EUR',
         jsonb_build_object('type', 'P', 'firstName', 'Anna', 'lastName', 'Naam' || (g % 5000), 'email', 'bench-' || g || '@example.com'),
         'bench-' || g || '@example.com', '[]'::jsonb, 10485, 1820,
         CASE WHEN g % 10 = 0 THEN 10485 ELSE 0 END,
         CASE WHEN g % 10 = 0 THEN 'paid' ELSE 'open' END,
         CASE g % 10 WHEN 0 THEN 'paid' WHEN 1 THEN 'collection' WHEN 2 THEN 'reminder' WHEN 3 THEN 'not_started' ELSE 'wait_for_payment' END,
         true, md5('bench' || g), timestamptz '2026-01-01' + g * interval '1 minute'
  FROM generate_series(1, ${INVOICES}) g`;

const dashboardList: BenchScenario = async () => {
  const rows: BenchRow[] = [];
  for (const engine of await benchEngines()) rows.push(...(await onEngine(engine)));
  return rows;
};
export default dashboardList;

async function onEngine(engine: BenchEngine): Promise<BenchRow[]> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    DATA_DIR: ':memory:',
    SANDBOX_SEED: 'on',
    JOBS: 'off',
    DASHBOARD_SIGN_IN_LIMIT_PER_MINUTE: '1000',
    ...(engine.name === 'postgres' ? { DATABASE_URL: engine.url, DATABASE_SCHEMA: schema } : {}),
  });
  const server = await startServer(config);
  try {
    await server.store.db.query(FILL);
    await server.store.db.query('ANALYZE invoices');
    const cookie = await signIn(server.url);
    const [oldest] = await server.store.db.query<{ id: number }>("SELECT min(id) + 25 AS id FROM invoices WHERE merchant_id = 'm_usertest'");
    const paths: [string, string][] = [
      ['page 1', '/dashboard/invoices'],
      ['deep page (keyset near the oldest)', `/dashboard/invoices?after=${oldest!.id}`],
      ['search by e-mail', '/dashboard/invoices?q=bench-54321%40example.com'],
      ['search by last-name prefix', '/dashboard/invoices?q=naam4999'],
      ['filter in collection, deep', `/dashboard/invoices?flag=in_collection&after=${oldest!.id + 5000}`],
    ];
    if (engine.name === 'postgres') await printPlans(engine.url, schema, oldest!.id);
    const rows: BenchRow[] = [];
    for (const [name, path] of paths) {
      await measure(server.url + path, cookie, 20);
      const { seconds, latencies } = await measure(server.url + path, cookie, REQUESTS_PER_ROW);
      rows.push({ scenario: `${INVOICE_LIST}: ${name}`, engine: engine.name, requestsPerSecond: latencies.length / seconds, ...p50p99(latencies), note: `${CONNECTIONS} connections` });
    }
    return rows;
  } finally {
    await server.close();
    if (engine.name === 'postgres') await dropSchema(engine.url, schema);
  }
}

async function signIn(url: string): Promise<string> {
  const answer = await fetch(`${url}/dashboard/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
    body: 'username=usertest&password=sandbox-usertest',
  });
  if (answer.status !== 303) throw new Error(`sign-in answered ${answer.status}`);
  return answer.headers.get('set-cookie')!.split(';')[0]!;
}

/** `count` GETs spread over the connections, each checked for a page with rows. */
async function measure(url: string, cookie: string, count: number): Promise<{ seconds: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      next += 1;
      const begun = performance.now();
      const answer = await fetch(url, { headers: { cookie } });
      const html = await answer.text();
      if (answer.status !== 200 || !html.includes('data-testid="invoice-row"')) throw new Error(`${url} answered ${answer.status} without rows`);
      latencies.push(performance.now() - begun);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  return { seconds: (performance.now() - started) / 1000, latencies };
}

async function printPlans(url: string, schema: string, oldest: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET search_path TO "${schema}"`);
    const columns = 'id, invoice_number, merchant_number, customer_email, total, status, step';
    const queries: [string, string, unknown[]][] = [
      ['page 1', `SELECT ${columns} FROM invoices WHERE merchant_id = $1 ORDER BY id DESC LIMIT 51`, ['m_usertest']],
      ['deep page', `SELECT ${columns} FROM invoices WHERE merchant_id = $1 AND id < $2 ORDER BY id DESC LIMIT 51`, ['m_usertest', oldest]],
      [
        'search',
        `SELECT ${columns} FROM invoices WHERE merchant_id = $1 AND (invoice_number LIKE $2 OR merchant_number LIKE $2 OR lower(customer_email) = $3 OR lower(customer ->> 'lastName') LIKE $4) ORDER BY id DESC LIMIT 51`,
        ['m_usertest', 'naam4999%', 'naam4999', 'naam4999%'],
      ],
      ['filter', `SELECT ${columns} FROM invoices WHERE merchant_id = $1 AND step = 'collection' AND id < $2 ORDER BY id DESC LIMIT 51`, ['m_usertest', oldest + 5000]],
    ];
    for (const [name, sql, params] of queries) {
      const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, params);
      console.error(`\n-- ${name}\n${plan.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n')}`);
    }
  } finally {
    await client.end();
  }
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
