/**
 * What the raw baselines share (bench/support/baseline-server.ts): a database handle without any
 * of Achteraf's code, and the statements Achteraf's store sends, copied word for word from a run
 * with every statement logged (docs/benchmarks.md, "What each raw baseline sends"). Identical text
 * means identical plans and identical work in the database; only the code around them differs.
 */
import { randomBytes } from 'node:crypto';

export type Query = (sql: string, params: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

export interface RawDatabase {
  engine: 'postgres' | 'pglite';
  query: Query;
  /** On PostgreSQL a named statement, prepared once per connection as Achteraf's store does; the same as `query` on PGlite. */
  queryPrepared?(name: string, sql: string, params: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  transaction<T>(work: (query: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export const MERCHANT = 'm_usertest';

/** The v2 API reads the merchant's test clock offset for every call (its request clock). */
export const CLOCK_OFFSET = 'SELECT test_clock_offset_ms FROM merchants WHERE id = $1';

export const CHECK_COLUMNS =
  'uuid, merchant_id, workflow_number, amount, customer_email, customer_identity, decided_by, created_at, expires_at, used_at, invoice_id';
export const LOCK_CHECK = `SELECT ${CHECK_COLUMNS} FROM credit_checks WHERE uuid = $1 AND merchant_id = $2 FOR UPDATE`;
/** The customer lock Achteraf takes on PostgreSQL only; PGlite runs one transaction at a time. */
export const LOCK_CUSTOMER = 'SELECT pg_advisory_xact_lock($1, hashtext(name)) FROM unnest($2::text[]) AS name ORDER BY name';
export const CUSTOMER_LOCK_CLASS = 7_381_002;
export const EXPOSURE = `SELECT sum(total - paid - credited) AS open, bool_or(step = 'collection') AS in_collection FROM invoices
  WHERE status = 'open' AND sandbox = $3 AND (customer_email = $1 OR customer_identity = $2)`;
export const INSERT_CHECK = `INSERT INTO credit_checks (uuid, merchant_id, workflow_number, amount, customer_email, customer_identity,
  decided_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;
export const ORDER_NUMBER_TAKEN = 'SELECT 1 FROM invoices WHERE merchant_id = $1 AND (merchant_number = $2 OR invoice_number = $3) LIMIT 1';
/** The invoice insert with the check marked used inside it, as Achteraf's store folds them. */
export const INSERT_INVOICE_MARK_CHECK = `WITH inserted AS ( INSERT INTO invoices (merchant_id, workflow_number, merchant_number,
    invoice_number, order_date, currency, customer, customer_email, customer_identity, lines, total, vat, paid, credited, status,
    step, workflow_started_at, due_date, on_hold_until, sandbox, additional_text, track_and_trace, file_token, check_uuid,
    created_at, custom_invoice_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)
  ON CONFLICT DO NOTHING RETURNING id ), used AS ( UPDATE credit_checks SET used_at = $27::timestamptz, invoice_id = inserted.id
  FROM inserted WHERE uuid = $28::text ) SELECT id FROM inserted`;
/**
 * The event insert that also reads, in the same statement, every delivery the event fans out to:
 * the merchant's webhook subscriptions, the Buckaroo push of a paid transaction, a BillBlend
 * callback. The sandbox merchant has no subscription and no push URL, so it returns no row and no
 * delivery is inserted, for Achteraf and for the baseline alike.
 */
export const INSERT_EVENT_WITH_DELIVERIES = `WITH event AS ( INSERT INTO events (merchant_id, invoice_id, session_id, type, data,
    created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id )
  SELECT event.id AS event_id, s.contract, s.kind, s.url, s.signed, NULL::jsonb AS transaction, NULL::jsonb AS sale,
    NULL::boolean AS invoice_open_unstarted, i.invoice_number, i.merchant_number, i.workflow_number, i.custom_invoice_id
  FROM event JOIN webhook_subscriptions s ON s.merchant_id = $1 LEFT JOIN invoices i ON i.id = $2
  UNION ALL SELECT event.id, 'buckaroo', 'push', coalesce(t.push_url, c.push_url), true, to_jsonb(t), NULL,
    i.status = 'open' AND i.step = 'not_started', NULL, NULL, NULL, NULL
  FROM event JOIN buckaroo_transactions t ON t.invoice_id = $2 AND t.merchant_id = $1 AND t.action IN ('Pay', 'Authorize')
    AND t.status_code = 190 JOIN buckaroo_credentials c ON c.merchant_id = t.merchant_id JOIN invoices i ON i.id = $2
  WHERE coalesce(t.push_url, c.push_url) IS NOT NULL
  UNION ALL SELECT event.id, 'billblend', 'callback', e.callback_url, true, NULL, jsonb_build_object('reference', p.reference,
    'controlKey', e.control_key, 'total', cs.total, 'currency', cs.currency), NULL, NULL, NULL, NULL, NULL
  FROM event JOIN psp_sales p ON p.session_id = $3 JOIN psp_endpoints e ON e.id = p.endpoint_id AND e.merchant_id = $1
    JOIN checkout_sessions cs ON cs.id = p.session_id WHERE e.callback_url IS NOT NULL`;

export function invoiceRow(fields: {
  number: string;
  customer: unknown;
  email: string;
  identity: string;
  lines: unknown;
  total: number;
  vat: number;
  checkUuid: string;
  now: Date;
}): unknown[] {
  return [
    MERCHANT, 1, fields.number, `1TST${fields.number}`, fields.now.toISOString().slice(0, 10), 'EUR', JSON.stringify(fields.customer),
    fields.email, fields.identity, JSON.stringify(fields.lines), fields.total, fields.vat, 0, 0, 'open', 'not_started', null, null,
    null, true, null, null, randomHex(16), fields.checkUuid, fields.now, null, fields.now, fields.checkUuid,
  ];
}

export function eventRow(invoiceId: unknown, type: string, now: Date): unknown[] {
  return [MERCHANT, invoiceId, null, type, null, now];
}

function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}
