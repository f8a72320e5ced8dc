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
  StoredCustomerMail,
  TimelineFacts,
  TimelineMail,
  TimelineRepository,
} from '../core/dashboard/dashboard-ports.js';
import type { LifeCycleMail } from '../core/invoices/life-cycle/types.js';
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

/** Each list of the timeline, as json_agg hands it back: timestamps as ISO text, bigints as numbers. */
interface FactsRow {
  ledger: { kind: TimelineFacts['ledger'][number]['kind']; amount: number; to_costs: number; channel: 'merchant' | 'platform' | null; description: string | null; at: string }[];
  messages: { body: string; at: string }[];
  events: { id: number; type: string; step: string | null; at: string }[];
  deliveries: {
    id: number;
    event_id: number;
    event: string;
    url: string;
    state: string;
    at: string;
    replay_of: number | null;
    attempts: { number: number; started_at: string; http_status: number | null; error: string | null }[];
  }[];
  mails: {
    id: number;
    kind: TimelineMail['mail'];
    reminder_number: number | null;
    subject: string | null;
    recipient: string;
    state: TimelineMail['state'];
    channel: TimelineMail['channel'] | null;
    attempts: number;
    last_error: string | null;
    at: string;
    sent_at: string | null;
  }[];
  disputes: { id: string; category: number; message: string; opened_at: string; resolved_at: string | null; resolution: string | null }[];
  settlements: { kind: 'payout' | 'clawback'; gross: number; fee: number; net: number; at: string }[];
  timers: { kind: TimelineFacts['timers'][number]['kind']; due_at: string }[];
}

const date = (text: string) => new Date(text);
const optionalDate = (text: string | null) => (text === null ? undefined : new Date(text));

/**
 * Every list in one statement, one round trip: each is a sub-select of the invoice row, which is
 * found by id and merchant together, so another merchant's invoice id answers empty lists.
 */
const FACTS_SQL = `
SELECT
  (SELECT coalesce(json_agg(json_build_object('kind', l.kind, 'amount', l.amount, 'to_costs', l.to_costs, 'channel', l.channel,
            'description', l.description, 'at', l.created_at) ORDER BY l.id), '[]'::json)
     FROM ledger_entries l WHERE l.invoice_id = i.id) AS ledger,
  (SELECT coalesce(json_agg(json_build_object('body', m.body, 'at', m.created_at) ORDER BY m.id), '[]'::json)
     FROM invoice_messages m WHERE m.invoice_id = i.id) AS messages,
  (SELECT coalesce(json_agg(json_build_object('id', e.id, 'type', e.type, 'step', e.data ->> 'step', 'at', e.created_at) ORDER BY e.id), '[]'::json)
     FROM events e WHERE e.invoice_id = i.id AND e.merchant_id = i.merchant_id) AS events,
  (SELECT coalesce(json_agg(json_build_object('id', d.id, 'event_id', d.event_id, 'event', d.event, 'url', d.url, 'state', d.state,
            'at', d.created_at, 'replay_of', d.replay_of,
            'attempts', (SELECT coalesce(json_agg(json_build_object('number', a.number, 'started_at', a.started_at,
                                   'http_status', a.http_status, 'error', a.error) ORDER BY a.number), '[]'::json)
                         FROM webhook_attempts a WHERE a.delivery_id = d.id)) ORDER BY d.id), '[]'::json)
     FROM webhook_deliveries d JOIN events e ON e.id = d.event_id WHERE e.invoice_id = i.id AND e.merchant_id = i.merchant_id) AS deliveries,
  (SELECT coalesce(json_agg(json_build_object('id', c.id, 'kind', c.kind, 'reminder_number', (c.details ->> 'reminderNumber')::integer,
            'subject', c.subject, 'recipient', c.recipient, 'state', c.state, 'channel', c.channel, 'attempts', c.attempts,
            'last_error', c.last_error, 'at', c.created_at, 'sent_at', c.sent_at) ORDER BY c.id), '[]'::json)
     FROM customer_mails c WHERE c.invoice_id = i.id AND c.merchant_id = i.merchant_id) AS mails,
  (SELECT coalesce(json_agg(json_build_object('id', p.public_id, 'category', p.category, 'message', p.message,
            'opened_at', p.opened_at, 'resolved_at', p.resolved_at, 'resolution', p.resolution) ORDER BY p.id), '[]'::json)
     FROM disputes p WHERE p.invoice_id = i.id AND p.merchant_id = i.merchant_id) AS disputes,
  (SELECT coalesce(json_agg(json_build_object('kind', s.kind, 'gross', s.gross, 'fee', s.fee, 'net', s.net, 'at', s.created_at) ORDER BY s.id), '[]'::json)
     FROM settlements s WHERE s.invoice_id = i.id AND s.merchant_id = i.merchant_id) AS settlements,
  (SELECT coalesce(json_agg(json_build_object('kind', t.kind, 'due_at', t.due_at) ORDER BY t.due_at, t.kind), '[]'::json)
     FROM invoice_timers t WHERE t.invoice_id = i.id AND t.merchant_id = i.merchant_id) AS timers
FROM invoices i WHERE i.id = $1 AND i.merchant_id = $2`;

const NO_FACTS: TimelineFacts = { ledger: [], messages: [], events: [], deliveries: [], mails: [], disputes: [], settlements: [], timers: [] };

interface MailRow {
  id: number;
  recipient: string;
  kind: LifeCycleMail['kind'];
  language: LifeCycleMail['language'];
  details: Omit<LifeCycleMail, 'kind' | 'language'>;
  state: StoredCustomerMail['state'];
  subject: string | null;
  body: string | null;
  created_at: Date;
  sent_at: Date | null;
}

export class SqlTimeline implements TimelineRepository {
  constructor(private readonly db: Queryable) {}

  async facts(merchantId: string, invoiceId: string): Promise<TimelineFacts> {
    if (!/^\d{1,18}$/.test(invoiceId)) return NO_FACTS;
    const [row] = await this.db.query<FactsRow>(FACTS_SQL, [invoiceId, merchantId]);
    if (!row) return NO_FACTS;
    return {
      ledger: row.ledger.map((entry) => ({
        kind: entry.kind,
        amount: Number(entry.amount),
        toCosts: Number(entry.to_costs),
        channel: entry.channel ?? undefined,
        description: entry.description ?? undefined,
        at: date(entry.at),
      })),
      messages: row.messages.map((message) => ({ body: message.body, at: date(message.at) })),
      events: row.events.map((event) => ({ id: String(event.id), type: event.type, step: event.step ?? undefined, at: date(event.at) })),
      deliveries: row.deliveries.map((delivery) => ({
        id: String(delivery.id),
        eventId: String(delivery.event_id),
        event: delivery.event,
        url: delivery.url,
        state: delivery.state,
        createdAt: date(delivery.at),
        replayOf: delivery.replay_of === null ? undefined : String(delivery.replay_of),
        attempts: delivery.attempts.map((attempt) => ({
          number: attempt.number,
          startedAt: date(attempt.started_at),
          httpStatus: attempt.http_status ?? undefined,
          error: attempt.error ?? undefined,
        })),
      })),
      mails: row.mails.map((mail) => ({
        id: String(mail.id),
        mail: mail.kind,
        reminderNumber: mail.reminder_number ?? undefined,
        subject: mail.subject ?? undefined,
        recipient: mail.recipient,
        state: mail.state,
        channel: mail.channel ?? undefined,
        attempts: mail.attempts,
        lastError: mail.last_error ?? undefined,
        createdAt: date(mail.at),
        sentAt: optionalDate(mail.sent_at),
      })),
      disputes: row.disputes.map((dispute) => ({
        id: dispute.id,
        category: dispute.category,
        message: dispute.message,
        openedAt: date(dispute.opened_at),
        resolvedAt: optionalDate(dispute.resolved_at),
        resolution: dispute.resolution ?? undefined,
      })),
      settlements: row.settlements.map((settlement) => ({
        kind: settlement.kind,
        gross: Number(settlement.gross),
        fee: Number(settlement.fee),
        net: Number(settlement.net),
        at: date(settlement.at),
      })),
      timers: row.timers.map((timer) => ({ kind: timer.kind, dueAt: date(timer.due_at) })),
    };
  }

  async mail(merchantId: string, invoiceId: string, mailId: string): Promise<StoredCustomerMail | undefined> {
    if (!/^\d{1,18}$/.test(mailId) || !/^\d{1,18}$/.test(invoiceId)) return undefined;
    const [row] = await this.db.query<MailRow>(
      `SELECT id, recipient, kind, language, details, state, subject, body, created_at, sent_at FROM customer_mails
       WHERE id = $1 AND invoice_id = $2 AND merchant_id = $3`,
      [mailId, invoiceId, merchantId],
    );
    if (!row) return undefined;
    return {
      id: String(row.id),
      recipient: row.recipient,
      mail: { kind: row.kind, language: row.language, ...row.details },
      state: row.state,
      subject: row.subject ?? undefined,
      body: row.body ?? undefined,
      createdAt: new Date(row.created_at),
      sentAt: row.sent_at === null ? undefined : new Date(row.sent_at),
    };
  }
}
