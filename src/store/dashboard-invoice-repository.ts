/**
 * The dashboard's invoice list (keyset pages over the invoice id, newest first) and the facts of
 * an invoice's timeline. Every query names the merchant, so one merchant never reads another's.
 * The indexes are in migrations 016 and 025; docs/dashboard.md "Invoice list" has the plans.
 */
import type {
  InvoiceRow,
  InvoiceRowPage,
  InvoiceSearch,
  InvoiceSearchRepository,
  TimelineFacts,
  TimelineRepository,
} from '../core/dashboard/dashboard-ports.js';
import type { InvoiceFlag } from '../core/dashboard/invoice-filters.js';
import type { Queryable } from './database.js';

/** Collects parameters and answers their placeholders. */
class Parameters {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** One predicate per flag, over the invoices table; the compiler asks for a line per new flag. */
const FLAG_PREDICATES = {
  paid: () => `status = 'paid'`,
  on_hold: (p: Parameters, query: InvoiceSearch) => `on_hold_until IS NOT NULL AND on_hold_until > ${p.add(query.now)}`,
  in_collection: () => `step = 'collection'`,
  disputed: () => 'dispute_open',
  paid_out: () => 'paid_out',
} satisfies Record<InvoiceFlag, (p: Parameters, query: InvoiceSearch) => string>;

interface Row {
  id: number;
  invoice_number: string;
  merchant_number: string;
  first_name: string | null;
  last_name: string | null;
  company_name: string | null;
  customer_email: string;
  order_date: string;
  currency: InvoiceRow['currency'];
  total: number;
  paid: number;
  credited: number;
  status: InvoiceRow['status'];
  step: InvoiceRow['step'];
  on_hold_until: Date | null;
}

/** LIKE's own characters in what the merchant typed match only themselves. */
function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

export class SqlInvoiceSearch implements InvoiceSearchRepository {
  constructor(private readonly db: Queryable) {}

  async search(merchantId: string, query: InvoiceSearch): Promise<InvoiceRowPage> {
    const p = new Parameters();
    const where = [`merchant_id = ${p.add(merchantId)}`];
    if (query.step) where.push(`step = ${p.add(query.step)}`);
    for (const flag of query.flags) where.push(FLAG_PREDICATES[flag](p, query));
    if (query.text) {
      const prefix = p.add(likePrefix(query.text));
      const lowerPrefix = p.add(likePrefix(query.text.toLowerCase()));
      const email = p.add(query.text.toLowerCase());
      where.push(
        `(invoice_number LIKE ${prefix} OR merchant_number LIKE ${prefix} OR lower(customer_email) = ${email}` +
          ` OR lower(customer ->> 'lastName') LIKE ${lowerPrefix})`,
      );
    }
    const backwards = query.before !== undefined && query.after === undefined;
    if (backwards) where.push(`id > ${p.add(query.before)}`);
    else if (query.after) where.push(`id < ${p.add(query.after)}`);
    const rows = await this.db.query<Row>(
      `SELECT id, invoice_number, merchant_number, customer ->> 'firstName' AS first_name, customer ->> 'lastName' AS last_name,
              customer ->> 'companyName' AS company_name, customer_email, order_date, currency, total, paid, credited, status, step,
              on_hold_until
       FROM invoices WHERE ${where.join(' AND ')}
       ORDER BY id ${backwards ? 'ASC' : 'DESC'} LIMIT ${p.add(query.limit + 1)}`,
      p.values,
    );
    const more = rows.length > query.limit;
    const page = rows.slice(0, query.limit).map(toRow);
    if (backwards) return { rows: page.reverse(), older: true, newer: more };
    return { rows: page, older: more, newer: query.after !== undefined };
  }
}

function toRow(row: Row): InvoiceRow {
  const person = [row.first_name, row.last_name].filter(Boolean).join(' ');
  return {
    id: String(row.id),
    invoiceNumber: row.invoice_number,
    merchantNumber: row.merchant_number,
    customerName: row.company_name ? `${row.company_name}${person ? ` (${person})` : ''}` : person,
    customerEmail: row.customer_email,
    orderDate: row.order_date as InvoiceRow['orderDate'],
    currency: row.currency,
    total: Number(row.total),
    paid: Number(row.paid),
    credited: Number(row.credited),
    status: row.status,
    step: row.step,
    onHoldUntil: row.on_hold_until ?? undefined,
  };
}

interface AttemptJson {
  number: number;
  started_at: string;
  http_status: number | null;
  error: string | null;
}

export class SqlTimeline implements TimelineRepository {
  constructor(private readonly db: Queryable) {}

  async facts(invoiceId: string): Promise<TimelineFacts> {
    const [ledger, messages, events, deliveries] = await Promise.all([
      this.db.query<{ kind: 'payment' | 'credit'; amount: number; description: string | null; created_at: Date }>(
        'SELECT kind, amount, description, created_at FROM ledger_entries WHERE invoice_id = $1 ORDER BY id',
        [invoiceId],
      ),
      this.db.query<{ body: string; created_at: Date }>('SELECT body, created_at FROM invoice_messages WHERE invoice_id = $1 ORDER BY id', [invoiceId]),
      this.db.query<{ id: number; type: string; created_at: Date }>('SELECT id, type, created_at FROM events WHERE invoice_id = $1 ORDER BY id', [invoiceId]),
      this.db.query<{
        id: number;
        event_id: number;
        event: string;
        url: string;
        state: string;
        created_at: Date;
        replay_of: number | null;
        attempts: AttemptJson[];
      }>(
        `SELECT d.id, d.event_id, d.event, d.url, d.state, d.created_at, d.replay_of,
                (SELECT coalesce(json_agg(a ORDER BY a.number), '[]'::json)
                   FROM (SELECT number, started_at, http_status, error FROM webhook_attempts WHERE delivery_id = d.id) a) AS attempts
         FROM webhook_deliveries d JOIN events e ON e.id = d.event_id
         WHERE e.invoice_id = $1 ORDER BY d.id`,
        [invoiceId],
      ),
    ]);
    return {
      ledger: ledger.map((row) => ({ kind: row.kind, amount: Number(row.amount), description: row.description ?? undefined, at: row.created_at })),
      messages: messages.map((row) => ({ body: row.body, at: row.created_at })),
      events: events.map((row) => ({ id: String(row.id), type: row.type, at: row.created_at })),
      deliveries: deliveries.map((row) => ({
        id: String(row.id),
        eventId: String(row.event_id),
        event: row.event,
        url: row.url,
        state: row.state,
        createdAt: row.created_at,
        replayOf: row.replay_of === null ? undefined : String(row.replay_of),
        attempts: row.attempts.map((attempt) => ({
          number: attempt.number,
          startedAt: new Date(attempt.started_at),
          httpStatus: attempt.http_status ?? undefined,
          error: attempt.error ?? undefined,
        })),
      })),
    };
  }
}
