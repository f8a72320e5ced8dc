/**
 * The baselines, run as a child process like the real server (see docs/benchmarks.md):
 *
 * - BENCH_BASELINE=bare: a bare Fastify 5 app whose POST route reads the body as text and answers
 *   a constant XML document. The ceiling of HTTP on this machine.
 * - BENCH_BASELINE=raw-order: a bare Fastify 5 app that parses the order XML with fast-xml-parser
 *   and, in one transaction, does the writes Achteraf's order does (insert the invoice, mark the
 *   credit check used, append the outbox event) on the same tables, without validation or domain
 *   logic. PostgreSQL through a pg Pool of Achteraf's default size, or PGlite.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { XMLParser } from 'fast-xml-parser';
import Fastify from 'fastify';
import pg from 'pg';
import { SEEDED_CHECKS } from './settings.js';

const RAW_MERCHANT_ID = 'm_usertest';
const MIGRATIONS = join(import.meta.dirname, '../../src/store/migrations');
const POOL_SIZE = 10;

type Query = (sql: string, params: unknown[]) => Promise<{ rows: unknown[] }>;

interface RawDatabase {
  transaction<T>(work: (query: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const CONSTANT = "<?xml version='1.0' encoding='UTF-8' ?>\n<API><RESULT>MSG</RESULT><MSG><CODE>500</CODE><DESCRIPTION>Advies=1</DESCRIPTION></MSG></API>";

const app = Fastify({ logger: false });
app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
app.get('/health', async () => ({ status: 'ok' }));

let database: RawDatabase | undefined;
if (process.env.BENCH_BASELINE === 'bare') {
  app.post('/api/:service', async (_request, reply) => reply.type('text/xml; charset=UTF-8').send(CONSTANT));
} else if (process.env.BENCH_BASELINE === 'raw-order') {
  const db = await openDatabase();
  database = db;
  const parser = new XMLParser({ parseTagValue: false });
  app.post('/api/order', async (request, reply) => {
    const api = (parser.parse(request.body as string) as { API: Record<string, unknown> }).API;
    const number = String(api.ORDERNUMBER);
    const now = new Date();
    const invoice = await db.transaction(async (query) => {
      const { rows } = await query(
        `INSERT INTO invoices (merchant_id, workflow_number, merchant_number, invoice_number, order_date, currency,
           customer, customer_email, customer_identity, lines, total, vat, paid, credited, status, step,
           workflow_started_at, due_date, on_hold_until, sandbox, additional_text, track_and_trace, file_token,
           check_uuid, created_at, custom_invoice_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
           $23, $24, $25, $26)
         ON CONFLICT DO NOTHING RETURNING id`,
        [
          RAW_MERCHANT_ID, 1, number, `TST-${number}`, '2026-01-01', 'EUR', JSON.stringify(api), String(api.EMAIL),
          `${String(api.BIRTHDATE)}|${String(api.POSTALCODE)}|${String(api.HOUSENUMBER)}`,
          JSON.stringify((api.ORDERITEMS as { ITEM: unknown }).ITEM), 10_485, 1_820, 0, 0, 'open', 'not_started', null,
          null, null, true, null, null, randomBytes(16).toString('hex'), String(api.CHECKUUID), now, null,
        ],
      );
      const id = (rows[0] as { id: number }).id;
      await query('UPDATE credit_checks SET used_at = $2, invoice_id = $3 WHERE uuid = $1', [String(api.CHECKUUID), now, id]);
      await query(
        'INSERT INTO events (merchant_id, invoice_id, session_id, type, data, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
        [RAW_MERCHANT_ID, id, null, 'order_placed', null, now],
      );
      return `TST-${number}`;
    });
    return reply
      .type('text/xml; charset=UTF-8')
      .send(
        "<?xml version='1.0' encoding='UTF-8' ?>\n<API><RESULT>MSG</RESULT><MSG><CODE>200</CODE>" +
          `<DESCRIPTION>Order successfully added</DESCRIPTION><INVOICE>${invoice}</INVOICE></MSG></API>`,
      );
  });
} else {
  throw new Error('BENCH_BASELINE must be bare or raw-order');
}

async function openDatabase(): Promise<RawDatabase> {
  const migrations = readdirSync(MIGRATIONS)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => readFileSync(join(MIGRATIONS, name), 'utf8'));
  const seed = `
    INSERT INTO merchants (id, username, client_id, code, name, email)
      VALUES ('${RAW_MERCHANT_ID}', 'usertest', 'd38a3439590889df026367bf01d621e687b8d278', 'TST', 'Test', 'test@example.com');
    INSERT INTO credit_checks (uuid, merchant_id, workflow_number, amount, customer_email, decided_by, created_at, expires_at)
      SELECT 'raw-' || i, '${RAW_MERCHANT_ID}', 1, 10485, 'raw-' || i || '@example.com', 'rules', now(), now() + interval '1 day'
      FROM generate_series(1, ${SEEDED_CHECKS}) AS i;`;

  if (process.env.DATABASE_URL) {
    const schema = process.env.DATABASE_SCHEMA!;
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: POOL_SIZE, options: `-c search_path="${schema}"` });
    await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    for (const sql of [...migrations, seed]) await pool.query(sql);
    return {
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
  const db = await PGlite.create(join(process.env.DATA_DIR!, 'pglite'));
  for (const sql of [...migrations, seed]) await db.exec(sql);
  return {
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
