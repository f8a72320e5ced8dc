/**
 * The raw Buckaroo Pay (BENCH_BASELINE=raw-pay): the signed `POST /json/Transaction` of
 * bench/scenarios/buckaroo-pay.ts, checked with node:crypto as spec §2.2 describes (content MD5,
 * HMAC-SHA256 over key, method, URI, time and nonce), the statements Achteraf sends for a Pay one
 * round trip each, and a signed JSON answer of the same fields and size. No code of Achteraf's:
 * no validation, no credit rules, no workflow engine, no Fastify plugins (docs/benchmarks.md).
 */
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  CUSTOMER_LOCK_CLASS, EXPOSURE, eventRow, INSERT_CHECK, INSERT_EVENT_WITH_DELIVERIES, INSERT_INVOICE_MARK_CHECK, invoiceRow,
  LOCK_CHECK, LOCK_CUSTOMER, MERCHANT, ORDER_NUMBER_TAKEN, type RawDatabase,
} from './raw-sql.js';

const CREDENTIALS = 'SELECT website_key, merchant_id, secret, push_url FROM buckaroo_credentials WHERE website_key = $1';
const NONCE = 'INSERT INTO buckaroo_nonces (website_key, nonce, seen_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING nonce';
const MERCHANT_WITH_WORKFLOWS = ` SELECT m.id, m.username, m.client_id, m.code, m.name, m.email, m.mode, m.test_clock_offset_ms,
  (SELECT json_agg(w ORDER BY w.number) FROM workflows w WHERE w.merchant_id = m.id) AS workflows FROM merchants m WHERE m.id = $1`;
const LOCK_INVOICES = `SELECT id, merchant_id, workflow_number, merchant_number, invoice_number, order_date, currency, customer,
  customer_email, customer_identity, lines, total, vat, paid, credited, status, step, workflow_started_at, due_date, on_hold_until,
  hold_days_used, sandbox, additional_text, track_and_trace, file_token, check_uuid, custom_invoice_id, created_at, life_cycle
  FROM invoices WHERE merchant_id = $1 AND (merchant_number = ANY($2) OR invoice_number = ANY($2)) ORDER BY id FOR UPDATE`;
const START_INVOICE = `UPDATE invoices SET life_cycle = $2, status = $3, step = $4, reminder_number = $5, paid = $6, credited = $7,
  costs = $8, costs_paid = $9, due_date = $10, on_hold_until = $11, workflow_started_at = $12, paid_out = $13, dispute_open = $14
  WHERE id = $1`;
const TIMERS = `INSERT INTO invoice_timers (invoice_id, merchant_id, kind, due_at) SELECT $1, $2, kind, due_at
  FROM unnest($3::text[], $4::timestamptz[]) AS t(kind, due_at) ON CONFLICT (invoice_id, kind) DO UPDATE SET due_at = excluded.due_at`;
const INSERT_TRANSACTION = `INSERT INTO buckaroo_transactions (key, merchant_id, invoice_id, invoice_number, service, action,
  client_invoice, client_order, description, currency, amount_debit, amount_credit, status_code, sub_code, transaction_type,
  mutation_type, related_key, relation_type, is_test, push_url, created_at, cancelled_at, payment_key)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)`;

const DAY_MS = 86_400_000;
/** Spec §2.2: a request signed more than this far from the server's time is refused. */
const TIMESTAMP_WINDOW_SECONDS = 300;

interface PayRequest {
  Currency: string;
  AmountDebit: number;
  Invoice: string;
  Order: string;
  Services: { ServiceList: { Parameters: { Name: string; GroupType: string; GroupID?: number; Value: unknown }[] }[] };
}

const key = () => randomUUID().replaceAll('-', '').toUpperCase();

function sign(secret: string, websiteKey: string, uri: string, timestamp: string, nonce: string, body: string): string {
  const content = body.length === 0 ? '' : createHash('md5').update(body).digest('base64');
  return createHmac('sha256', secret).update(`${websiteKey}POST${uri}${timestamp}${nonce}${content}`, 'utf8').digest('base64');
}

export function registerRawPay(app: FastifyInstance, db: RawDatabase): void {
  app.post('/json/Transaction', async (request, reply) => {
    const body = String(request.body);
    const [websiteKey = '', given = '', nonce = '', timestamp = ''] = String(request.headers.authorization).replace(/^hmac\s+/i, '').split(':');
    const { rows: credentials } = await db.query(CREDENTIALS, [websiteKey]);
    const secret = String(credentials[0]?.secret);
    if (Math.abs(Date.now() / 1000 - Number(timestamp)) > TIMESTAMP_WINDOW_SECONDS) return reply.code(401).send({ Message: 'time' });
    // Spec §2.2 allows JavaScript's and PHP's URL encoding; both are tried, as a gateway must.
    const js = encodeURIComponent(`${request.headers.host}${request.url}`);
    const php = js.replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
    let uri: string | undefined;
    for (const candidate of [js.toLowerCase(), php.toLowerCase()]) {
      const expected = Buffer.from(sign(secret, websiteKey, candidate, timestamp, nonce, body));
      if (expected.length === Buffer.byteLength(given) && timingSafeEqual(expected, Buffer.from(given))) uri = candidate;
    }
    if (!uri) return reply.code(401).send({ Message: 'signature' });
    const { rows: fresh } = await db.query(NONCE, [websiteKey, nonce, new Date()]);
    if (fresh.length === 0) return reply.code(401).send({ Message: 'nonce' });
    await db.query(MERCHANT_WITH_WORKFLOWS, [MERCHANT]);

    const pay = JSON.parse(body) as PayRequest;
    const customer: Record<string, unknown> = {};
    const lines: Record<number, Record<string, unknown>> = {};
    for (const parameter of pay.Services.ServiceList[0]!.Parameters) {
      if (parameter.GroupType === 'BillingCustomer') customer[parameter.Name] = parameter.Value;
      else if (parameter.GroupType === 'Article') (lines[parameter.GroupID ?? 0] ??= {})[parameter.Name] = parameter.Value;
    }
    const email = String(customer.Email);
    const identity = `${String(customer.BirthDate)}|${String(customer.PostalCode)}|${String(customer.StreetNumber)}`;
    const total = Math.round(pay.AmountDebit * 100);
    const number = pay.Invoice;
    const transactionKey = key();
    const paymentKey = key();

    await db.transaction(async (query) => {
      // The check, then the order and the workflow start, each a savepoint inside the one transaction.
      const now = new Date();
      await query(EXPOSURE, [email, identity, true]);
      const checkUuid = randomUUID();
      await query(INSERT_CHECK, [checkUuid, MERCHANT, 1, total, email, identity, 'rules', now, new Date(now.getTime() + DAY_MS)]);
      await query('SAVEPOINT joined_1', []);
      await query(LOCK_CHECK, [checkUuid, MERCHANT]);
      if (db.engine === 'postgres') await query(LOCK_CUSTOMER, [CUSTOMER_LOCK_CLASS, [email, identity].sort()]);
      await query(EXPOSURE, [email, identity, true]);
      await query(ORDER_NUMBER_TAKEN, [MERCHANT, number, `1TST${number}`]);
      const { rows } = await query(
        INSERT_INVOICE_MARK_CHECK,
        invoiceRow({ number, customer, email, identity, lines: Object.values(lines), total, vat: 1_741, checkUuid, now }),
      );
      const invoiceId = rows[0]!.id;
      await query(INSERT_EVENT_WITH_DELIVERIES, eventRow(invoiceId, 'order_placed', now));
      await query('RELEASE SAVEPOINT joined_1', []);
      await query('SAVEPOINT joined_2', []);
      await query(LOCK_INVOICES, [MERCHANT, [number]]);
      const sendInvoice = new Date(now.getTime() + 3 * DAY_MS);
      const payout = new Date(now.getTime() + 14 * DAY_MS);
      const dueDate = new Date(now.getTime() + 17 * DAY_MS).toISOString().slice(0, 10);
      await query(START_INVOICE, [
        invoiceId, JSON.stringify(lifeCycle(total, now, sendInvoice, payout, dueDate)), 'open', 'wait_for_payment', 0, 0, 0, 0, 0, dueDate, null, now, 0, false,
      ]);
      await query(TIMERS, [invoiceId, MERCHANT, ['send_invoice', 'payout'], [sendInvoice, payout]]);
      await query(INSERT_EVENT_WITH_DELIVERIES, eventRow(invoiceId, 'order_workflow_started', now));
      await query('RELEASE SAVEPOINT joined_2', []);
      await query(INSERT_TRANSACTION, [
        transactionKey, MERCHANT, invoiceId, `1TST${number}`, 'Billink', 'Pay', pay.Invoice, pay.Order, null, pay.Currency, total, null,
        190, 'S990', 'C068', 1, null, null, true, null, now, null, paymentKey,
      ]);
    });

    const answer = JSON.stringify(payAnswer(transactionKey, paymentKey, pay));
    const answerNonce = randomUUID().replaceAll('-', '');
    const answerTime = String(Math.floor(Date.now() / 1000));
    reply.header('authorization', `hmac ${websiteKey}:${sign(secret, websiteKey, uri, answerTime, answerNonce, answer)}:${answerNonce}:${answerTime}`);
    return reply.type('application/json; charset=utf-8').send(answer);
  });
}

/** The invoice's workflow state as Achteraf stores it after the start (the same fields, so the same bytes written). */
function lifeCycle(total: number, now: Date, sendInvoice: Date, payout: Date, dueDate: string) {
  return {
    v: 1, paid: 0, step: 'wait_for_payment', costs: 0, total,
    course: {
      payout: { feeFixed: 0, feeBasisPoints: 0, guaranteedAfterDays: 14 }, maxAmount: 40_000, reminders: [{ fee: 0, waitDays: 7 }],
      guaranteed: true, customerTypes: ['P', 'B'], startDelayDays: 3, paymentTermDays: 14, finalNoticeWaitDays: 14, businessCompensation: 4_000,
    },
    regime: 'nl_consumer',
    timers: [
      { day: sendInvoice.toISOString().slice(0, 10), kind: 'send_invoice', dueAt: sendInvoice.toISOString() },
      { day: payout.toISOString().slice(0, 10), kind: 'payout', dueAt: payout.toISOString() },
    ],
    dueDate, paidOut: 0, payouts: 0, credited: 0, language: 'nl', costsPaid: 0, costsBasis: 0, daysPaused: 0, disputeOpen: false,
    paidToMerchant: 0, reminderNumber: 0, collectionCosts: 0, workflowStartedAt: now.toISOString(),
  };
}

/** The fields of Achteraf's Pay answer (spec §4), in its order. */
function payAnswer(transactionKey: string, paymentKey: string, pay: PayRequest) {
  return {
    Key: transactionKey,
    Status: {
      Code: { Code: 190, Description: 'Success' },
      SubCode: { Code: 'S990', Description: 'The request was successful.' },
      DateTime: new Date().toISOString().slice(0, 19),
    },
    RequiredAction: null, Services: null, CustomParameters: null, AdditionalParameters: null, RequestErrors: null,
    Invoice: pay.Invoice, ServiceCode: 'Billink', IsTest: true, Currency: pay.Currency, AmountDebit: pay.AmountDebit,
    TransactionType: 'C068', MutationType: 1, RelatedTransactions: null, ConsumerMessage: null, Order: pay.Order,
    IssuingCountry: null, StartRecurrent: false, Recurring: false, CustomerName: null, PayerHash: null, PaymentKey: paymentKey,
  };
}
