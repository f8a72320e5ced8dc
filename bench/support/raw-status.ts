/**
 * The raw status baseline (BENCH_BASELINE=raw-status, bench/support/baseline-server.ts): the legacy
 * `Status` of ten invoices answered by a bare Fastify app. It parses the XML with fast-xml-parser,
 * sends the status query Achteraf's store sends (copied word for word from
 * `SqlInvoiceRepository.findStatusFacts`; prepared on PostgreSQL, as Achteraf's store prepares it),
 * and writes an answer of the same elements from the rows, without validation, authentication,
 * rate limit, request log or any other code of Achteraf's.
 * Achteraf sends one statement more, shared by the requests that wait at the same moment and sent
 * beside the status query: the rate limit's upsert. It no longer reads a sandbox merchant's test
 * clock for a Status (docs/benchmarks.md "Status of ten, in one wait").
 */
import type { FastifyInstance } from 'fastify';
import type { XMLParser } from 'fast-xml-parser';
import { MERCHANT, type RawDatabase } from './raw-sql.js';

/** Invoices the baseline seeds, numbered RAW-1 to RAW-5000, as many as the status row asks for. */
export const RAW_STATUS_INVOICES = 5_000;

const COLUMNS = `id, merchant_number, invoice_number, workflow_number, status, step, workflow_started_at, reminder_number,
  paid_out, dispute_open, life_cycle IS NOT NULL AS tracked`;
const OUTER = 'id, merchant_number, invoice_number, workflow_number, status, step, workflow_started_at, reminder_number, paid_out, dispute_open, tracked';

export const STATUS_FACTS = `SELECT ${OUTER} FROM unnest($2::text[]) AS asked(number) CROSS JOIN LATERAL (
         SELECT ${COLUMNS} FROM invoices WHERE merchant_id = $1 AND merchant_number = asked.number
         UNION ALL
         SELECT ${COLUMNS} FROM invoices WHERE merchant_id = $1 AND invoice_number = asked.number) AS i`;

/** The seeded invoices: placed, not started, as the ones the status row asks for. */
export const SEED_STATUS_INVOICES = `INSERT INTO invoices (merchant_id, workflow_number, merchant_number, invoice_number, order_date,
    currency, customer, customer_email, customer_identity, lines, total, vat, status, step, sandbox, file_token, created_at)
  SELECT '${MERCHANT}', 1, 'RAWORDER-' || i, 'RAW-' || i, '2026-01-01', 'EUR', '{}', 'raw-' || i || '@example.com', NULL, '[]',
    10485, 1820, 'open', 'not_started', true, 'raw-status-' || i, now()
  FROM generate_series(1, ${RAW_STATUS_INVOICES}) AS i`;

const HEAD = "<?xml version='1.0' encoding='UTF-8' ?>\n<API><RESULT>MSG</RESULT><MSG><CODE>200</CODE><INVOICES>";

/** Achteraf's description of a step not started yet (core/workflows/workflow-definition.ts), the step of every seeded invoice. */
const NOT_STARTED = 'No steps given';

interface Row {
  merchant_number: string;
  invoice_number: string;
  status: string;
  step: string;
}

export function registerRawStatus(app: FastifyInstance, db: RawDatabase, parser: XMLParser): void {
  app.post('/api/status', async (request, reply) => {
    const api = (parser.parse(request.body as string) as { API: { INVOICES: { ITEM: { INVOICENUMBER: string } | { INVOICENUMBER: string }[] } } }).API;
    const items = api.INVOICES.ITEM;
    const numbers = (Array.isArray(items) ? items : [items]).map((item) => String(item.INVOICENUMBER));
    // Prepared on PostgreSQL, as Achteraf prepares it: planning this statement anew each time cost the
    // baseline's PostgreSQL backends about twice the CPU per request of Achteraf's.
    const query = db.queryPrepared ? db.queryPrepared('raw-status', STATUS_FACTS, [MERCHANT, numbers]) : db.query(STATUS_FACTS, [MERCHANT, numbers]);
    const { rows } = (await query) as unknown as { rows: Row[] };
    let xml = HEAD;
    for (const number of numbers) {
      const row = rows.find((candidate) => candidate.invoice_number === number || candidate.merchant_number === number);
      xml += row
        ? `<INVOICE><INVOICENUMBER>${number}</INVOICENUMBER><STATUS>${row.status === 'open' ? 0 : 1}</STATUS><DESCRIPTION>${row.step === 'not_started' ? NOT_STARTED : row.step}</DESCRIPTION><PAIDOUT>0</PAIDOUT></INVOICE>`
        : `<INVOICE><INVOICENUMBER>${number}</INVOICENUMBER><STATUS>-1</STATUS><DESCRIPTION>Order not found</DESCRIPTION></INVOICE>`;
    }
    return reply.type('text/xml; charset=UTF-8').send(`${xml}</INVOICES></MSG></API>`);
  });
}
