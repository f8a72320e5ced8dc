/**
 * The baselines, run as a child process like the real server (docs/benchmarks.md). Bare Fastify 5
 * apps, plain pg Pool (Achteraf's default size) or PGlite, no validation and no domain logic:
 *
 * - BENCH_BASELINE=bare: reads the body as text and answers a constant XML document.
 * - BENCH_BASELINE=raw-order: parses the order XML with fast-xml-parser and, in one transaction,
 *   does the writes Achteraf's order does on the same tables: insert the invoice, mark the credit
 *   check used, append the outbox event.
 * - BENCH_BASELINE=raw-pair: check and order sending the same SQL statements as Achteraf's store
 *   does for them, one round trip each: the floor of the pair's own database work.
 * - BENCH_BASELINE=raw-v2-pair: the v2 JSON check and order (docs/v2-api.md), JSON in and out, with
 *   the statements Achteraf sends for them (raw-v2-pair.ts).
 * - BENCH_BASELINE=raw-pay: a signed Buckaroo Pay, the HMAC checked with node:crypto and the
 *   statements Achteraf sends for it, answered with a signed JSON body of the same size (raw-pay.ts).
 * - BENCH_BASELINE=raw-status: the legacy Status of ten invoices, fast-xml-parser, Achteraf's status
 *   query and an answer of the same elements (raw-status.ts), on invoices it seeds.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { XMLParser } from 'fast-xml-parser';
import Fastify from 'fastify';
import pg from 'pg';
import { PGLITE_SHARED_BUFFERS } from '../../src/store/pglite-database.js';
import type { RawDatabase } from './raw-sql.js';
import { registerRawPay } from './raw-pay.js';
import { registerRawStatus, SEED_STATUS_INVOICES } from './raw-status.js';
import { registerRawV2Pair } from './raw-v2-pair.js';
import { SEEDED_CHECKS } from './settings.js';

const MERCHANT = 'm_usertest';
const MIGRATIONS = join(import.meta.dirname, '../../src/store/migrations');
const POOL_SIZE = 10;
const XML_HEAD = "<?xml version='1.0' encoding='UTF-8' ?>\n<API><RESULT>MSG</RESULT>";

type Api = Record<string, string | Record<string, unknown>>;

const mode = process.env.BENCH_BASELINE;
const parser = new XMLParser({ parseTagValue: false });
const app = Fastify({ logger: false });
// Every body as text, JSON too: the raw Pay hashes the bytes it was sent (spec §2.2), and each mode parses what it reads itself.
app.removeAllContentTypeParsers();
app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
app.get('/health', async () => ({ status: 'ok' }));
const sendXml = (xml: string) => (_request: unknown, reply: { type(t: string): { send(body: string): unknown } }) =>
  reply.type('text/xml; charset=UTF-8').send(xml);
const apiOf = (body: unknown) => (parser.parse(body as string) as { API: Api }).API;

let database: RawDatabase | undefined;
if (mode === 'bare') {
  app.post('/api/:service', async (request, reply) => sendXml(`${XML_HEAD}<MSG><CODE>500</CODE><DESCRIPTION>Advies=1</DESCRIPTION></MSG></API>`)(request, reply));
} else if (mode === 'raw-order' || mode === 'raw-pair') {
  const db = await openDatabase();
  database = db;
  app.post('/api/order', async (request, reply) => {
    const api = apiOf(request.body);
    const number = String(api.ORDERNUMBER);
    await db.transaction(async (query) => {
      if (mode === 'raw-pair') {
        await query(`SELECT ${CHECK_COLUMNS} FROM credit_checks WHERE uuid = $1 AND merchant_id = $2 FOR UPDATE`, [api.CHECKUUID, MERCHANT]);
        // Achteraf takes this lock on PostgreSQL only; PGlite runs one transaction at a time.
        if (db.engine === 'postgres') await query(LOCK, [7_381_002, [String(api.EMAIL), identityOf(api)].sort()]);
        await query(EXPOSURE, [api.EMAIL, identityOf(api), true]);
      }
      const now = new Date();
      const { rows } = await query(INSERT_INVOICE, [
        MERCHANT, 1, number, `TST-${number}`, '2026-01-01', 'EUR', JSON.stringify(api), String(api.EMAIL), identityOf(api),
        JSON.stringify((api.ORDERITEMS as { ITEM: unknown }).ITEM), 10_485, 1_820, 0, 0, 'open', 'not_started', null, null,
        null, true, null, null, randomBytes(16).toString('hex'), String(api.CHECKUUID), now, null,
      ]);
      await query('UPDATE credit_checks SET used_at = $2, invoice_id = $3 WHERE uuid = $1', [String(api.CHECKUUID), now, rows[0]!.id]);
      await query(
        'INSERT INTO events (merchant_id, invoice_id, session_id, type, data, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [MERCHANT, rows[0]!.id, null, 'order_placed', null, now],
      );
    });
    const msg = `<MSG><CODE>200</CODE><DESCRIPTION>Order successfully added</DESCRIPTION><INVOICE>TST-${number}</INVOICE></MSG>`;
    return sendXml(`${XML_HEAD}${msg}</API>`)(request, reply);
  });
  if (mode === 'raw-pair') {
    app.post('/api/check', async (request, reply) => {
      const api = apiOf(request.body);
      await db.query(EXPOSURE, [api.EMAIL, identityOf(api), true]);
      const uuid = randomUUID();
      const now = Date.now();
      await db.query(
        `INSERT INTO credit_checks (uuid, merchant_id, workflow_number, amount, customer_email, customer_identity,
           decided_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [uuid, MERCHANT, 1, 10_485, api.EMAIL, identityOf(api), 'rules', new Date(now), new Date(now + 86_400_000)],
      );
      const msg = '<MSG><CODE>500</CODE><DESCRIPTION>Advies=1</DESCRIPTION></MSG>';
      return sendXml(`${XML_HEAD}${msg}<UUID>${uuid}</UUID></API>`)(request, reply);
    });
  }
} else if (mode === 'raw-status') {
  const db = await openDatabase();
  database = db;
  registerRawStatus(app, db, parser);
} else if (mode === 'raw-v2-pair' || mode === 'raw-pay') {
  const db = await openDatabase();
  database = db;
  if (mode === 'raw-v2-pair') registerRawV2Pair(app, db);
  else registerRawPay(app, db);
} else {
  throw new Error('BENCH_BASELINE must be bare, raw-order, raw-pair, raw-v2-pair, raw-pay or raw-status');
}

function identityOf(api: Api): string {
  return `${String(api.BIRTHDATE)}|${String(api.POSTALCODE)}|${String(api.HOUSENUMBER)}`;
}

const CHECK_COLUMNS =
  'uuid, merchant_id, workflow_number, amount, customer_email, customer_identity, decided_by, created_at, expires_at, used_at, invoice_id';
const LOCK = 'SELECT pg_advisory_xact_lock($1, hashtext(name)) FROM unnest($2::text[]) AS name ORDER BY name';
const EXPOSURE = `SELECT sum(total - paid - credited) AS open, bool_or(step = 'collection') AS in_collection FROM invoices
  WHERE status = 'open' AND sandbox = $3 AND (customer_email = $1 OR customer_identity = $2)`;
const INSERT_INVOICE = `INSERT INTO invoices (merchant_id, workflow_number, merchant_number, invoice_number, order_date,
    currency, customer, customer_email, customer_identity, lines, total, vat, paid, credited, status, step,
    workflow_started_at, due_date, on_hold_until, sandbox, additional_text, track_and_trace, file_token, check_uuid,
    created_at, custom_invoice_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24,
    $25, $26)
  ON CONFLICT DO NOTHING RETURNING id`;

/** Achteraf's own migrations, the sandbox merchant, and for the raw order the checks it marks used. */
async function openDatabase(): Promise<RawDatabase> {
  const setup = readdirSync(MIGRATIONS)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => readFileSync(join(MIGRATIONS, name), 'utf8'));
  // mode is required since migration 008 (merchant-mode).
  setup.push(`INSERT INTO merchants (id, username, client_id, code, name, email, mode)
    VALUES ('${MERCHANT}', 'usertest', 'd38a3439590889df026367bf01d621e687b8d278', 'TST', 'Test', 'test@example.com', 'live')`);
  if (mode === 'raw-pay') {
    // The sandbox seed's Buckaroo pair and workflows of usertest, so the Pay's credential and merchant reads find the same rows.
    setup.push(`INSERT INTO buckaroo_credentials (website_key, merchant_id, secret, created_at) VALUES ('USERTEST01', '${MERCHANT}', 'usertest-buckaroo-secret', now())`);
    setup.push(`INSERT INTO workflows (merchant_id, number, name, guaranteed, max_amount, customer_types, payment_term_days, course) VALUES
      ('${MERCHANT}', 1, 'Guaranteed, private and small business', true, 40000, 'P,B', 14, '{}'),
      ('${MERCHANT}', 2, 'Guaranteed, large orders', true, 250000, 'P,B', 14, '{}'),
      ('${MERCHANT}', 3, 'No guarantee', false, NULL, 'P,B', 14, '{}')`);
  }
  if (mode === 'raw-status') setup.push(SEED_STATUS_INVOICES);
  if (mode === 'raw-order') {
    setup.push(`INSERT INTO credit_checks (uuid, merchant_id, workflow_number, amount, customer_email, decided_by, created_at, expires_at)
      SELECT 'raw-' || i, '${MERCHANT}', 1, 10485, 'raw-' || i || '@example.com', 'rules', now(), now() + interval '1 day'
      FROM generate_series(1, ${SEEDED_CHECKS}) AS i`);
  }

  if (process.env.DATABASE_URL) {
    const schema = process.env.DATABASE_SCHEMA!;
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: POOL_SIZE, options: `-c search_path="${schema}"` });
    await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    for (const sql of setup) await pool.query(sql);
    return {
      engine: 'postgres',
      query: (sql, params) => pool.query(sql, params),
      queryPrepared: (name, sql, params) => pool.query({ name, text: sql, values: params }),
      async transaction(work) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const result = await work((sql, params) => client.query(sql, params));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        } finally {
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }
  // The same memory setting as Achteraf's store, so both run the same database.
  const db = await PGlite.create(join(process.env.DATA_DIR!, 'pglite'), {
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
  });
  for (const sql of setup) await db.exec(sql);
  return {
    engine: 'pglite',
    query: (sql, params) => db.query(sql, params),
    transaction: (work) => db.transaction((tx) => work((sql, params) => tx.query(sql, params))),
    close: () => db.close(),
  };
}

await app.listen({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT) });
process.once('SIGTERM', () => {
  void app
    .close()
    .then(() => database?.close())
    .then(() => process.exit(0));
});
