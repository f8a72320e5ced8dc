/**
 * A crash in the middle of a sandbox clock advance loses nothing (docs/collection.md "What the
 * end-to-end tests prove"): a real server process on PostgreSQL is killed with SIGKILL twice while
 * one large advance runs, once while it applies the steps and once while it sends their e-mails;
 * a new process on the same schema repeats the advance, and every invoice ends on exactly the
 * expected step with each step, e-mail row, event and payout once, every e-mail row received over
 * SMTP and every webhook delivery received. PGlite is single-process and not crash-durable
 * (docs/operations.md), so this runs on PostgreSQL only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { CUSTOMER_MAIL_BATCH } from '../../src/jobs/customer-mail-job.js';
import { Legacy, USERTEST, orderFields } from '../support/legacy-client.js';
import { freshCustomer } from '../support/fresh-customer.js';
import { listeningUrl, type ServerProcess, spawnServer } from '../support/server-process.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { dropSchema, TEST_DATABASE_URL, uniqueSchema } from '../support/test-server.js';
import { subscribe, WebhookReceiver } from '../support/webhook-receiver.js';
import { postJson } from '../v2/v2-client.js';

const INVOICES = 150;
const START = '2030-09-02T10:00:00+02:00';
const ITEMS = [{ CODE: 'SKU-1', DESCRIPTION: 'Lamp', ORDERQUANTITY: '1', PRICEINCL: '50.00', BTW: '21' }];
/** 25 days from the start: each invoice's e-mail, payout, Reminder 1 and final notice (docs/collection.md "The default course"). */
const ADVANCE_DAYS = 25;
const MAIL_KINDS = ['final_notice', 'invoice', 'reminder'];
const EVENTS = ['invoice_sent', 'order_paid_out', 'order_placed', 'order_workflow_started', 'workflow_step_changed', 'workflow_step_changed'];

describe('a crash in the middle of a clock advance', { skip: TEST_DATABASE_URL ? false : 'needs TEST_DATABASE_URL: PGlite is one process and not crash-durable' }, () => {
  const schema = uniqueSchema();
  let sink: SmtpSink;
  let receiver: WebhookReceiver;
  let db: pg.Client;
  let server: ServerProcess | undefined;
  before(async () => {
    sink = await new SmtpSink().start();
    receiver = await new WebhookReceiver().start();
    db = new pg.Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema}` });
  });
  after(async () => {
    await server?.stop();
    await db.end().catch(() => undefined);
    await dropSchema(TEST_DATABASE_URL!, schema);
    await receiver.close();
    await sink.close();
  });

  /** A server process on the shared schema, its jobs off so that only the advance does the work. */
  async function start(): Promise<string> {
    server = spawnServer({
      testDatabase: false,
      env: {
        DATABASE_URL: TEST_DATABASE_URL!, DATABASE_SCHEMA: schema, JOBS: 'off', SMTP_URL: sink.url, WEBHOOK_ALLOW_PRIVATE: '1', HOST: '127.0.0.1',
        // Short leases, so the repeated advance takes up what the killed process held within seconds.
        CUSTOMER_MAIL_LEASE_SECONDS: '3', WEBHOOK_TIMEOUT_SECONDS: '2',
      },
    });
    return listeningUrl(server);
  }

  const count = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0]!.n);

  /** Starts an advance, waits until `ready` holds and kills the server with SIGKILL before the advance answers. */
  async function killDuring(url: string, move: Record<string, unknown>, ready: () => Promise<boolean>): Promise<void> {
    let answered = false;
    const advance = postJson(url, '/v2/sandbox/clock/advance', { billinkUsername: USERTEST.username, billinkID: USERTEST.clientId, ...move }).then(
      () => (answered = true),
      () => undefined,
    );
    while (!(await ready())) {
      assert.equal(answered, false, 'the advance answered before the kill');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    server!.child.kill('SIGKILL');
    assert.equal(await server!.exited, 'SIGKILL');
    await advance;
    assert.equal(answered, false, 'the advance was cut off');
  }

  test('killed while steps are applied and again while their e-mails go out, the repeated advance ends every invoice in collection with nothing twice and nothing lost', async () => {
    let url = await start();
    await db.connect();
    const legacy = new Legacy(url);
    await subscribe(url, USERTEST, { url: receiver.url('/crash') });
    assert.equal((await postJson(url, '/v2/sandbox/clock/advance', { billinkUsername: USERTEST.username, billinkID: USERTEST.clientId, to: START })).body.code, '200');

    const numbers: string[] = [];
    for (let from = 0; from < INVOICES; from += 10) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(10, INVOICES - from) }, async (_, offset) => {
          const customer = freshCustomer();
          const uuid = await legacy.check({ ...customer, ORDERAMOUNT: '50.00' });
          const number = `CR${from + offset}-${Math.random().toString(36).slice(2, 6)}`;
          const placed = await legacy.call('/api/order', 'Order', orderFields(uuid, number, customer), { ORDERITEMS: ITEMS });
          assert.equal(placed.code, '200', placed.text);
          return number;
        }),
      );
      const started = await legacy.call('/api/start-workflow', 'activate order', {}, { INVOICES: batch.map((number) => ({ INVOICENUMBER: number })) });
      assert.equal(started.code, '500', started.text);
      numbers.push(...batch);
    }

    // First crash: some steps applied and committed (at least the invoice e-mails), not all of them.
    await killDuring(url, { days: ADVANCE_DAYS }, async () => (await count("SELECT count(*) AS n FROM customer_mails WHERE kind = 'reminder'")) > 0);
    const stepsAtFirstKill = await count('SELECT count(*) AS n FROM customer_mails');
    assert.ok(stepsAtFirstKill < INVOICES * MAIL_KINDS.length, `killed before the last step (${stepsAtFirstKill} mails queued)`);

    // Second crash: every step applied by the repeated advance, and part of the e-mails handed to SMTP.
    url = await start();
    await killDuring(url, { hours: 1 }, async () => sink.mails.length >= 100);
    assert.ok(sink.mails.length < INVOICES * MAIL_KINDS.length, 'killed before the last e-mail');

    url = await start();
    const repeated = await postJson(url, '/v2/sandbox/clock/advance', { billinkUsername: USERTEST.username, billinkID: USERTEST.clientId, hours: 1 });
    assert.equal(repeated.body.code, '200', repeated.text);

    // Every invoice on exactly the expected step, as legacy Status answers it.
    for (let from = 0; from < numbers.length; from += 100) {
      const status = await new Legacy(url).call('/api/status', 'Status', {}, { INVOICES: numbers.slice(from, from + 100).map((number) => ({ INVOICENUMBER: number })) });
      for (const invoice of status.api.MSG.INVOICES.INVOICE) assert.equal(invoice.DESCRIPTION, 'Final notice', invoice.INVOICENUMBER);
    }
    // Each step's rows once per invoice: e-mails, events and the payout; only the collection timer left.
    const perInvoice = await db.query<{ merchant_number: string; mails: string[]; events: string[]; payouts: number; timers: string[] }>(
      `SELECT i.merchant_number,
         ARRAY(SELECT m.kind FROM customer_mails m WHERE m.invoice_id = i.id ORDER BY m.kind) AS mails,
         ARRAY(SELECT e.type FROM events e WHERE e.invoice_id = i.id ORDER BY e.type) AS events,
         (SELECT count(*)::int FROM settlements s WHERE s.invoice_id = i.id AND s.kind = 'payout') AS payouts,
         ARRAY(SELECT t.kind FROM invoice_timers t WHERE t.invoice_id = i.id) AS timers
       FROM invoices i WHERE i.merchant_number = ANY($1)`,
      [numbers],
    );
    assert.equal(perInvoice.rows.length, INVOICES);
    for (const row of perInvoice.rows) {
      assert.deepEqual([row.mails, row.events, row.payouts, row.timers], [MAIL_KINDS, EVENTS, 1, ['collection']], row.merchant_number);
    }

    // Every e-mail row sent, and received over SMTP. Mails are sent and marked sent in batches, and
    // a batch's mark runs while the next batch is sent: what the process killed while sending had
    // handed over and not yet marked (at most those two batches) arrives twice, as at-least-once
    // delivery allows. The kill while steps are applied comes before any mail is sent.
    const mailRows = await db.query<{ recipient: string; subject: string; state: string }>('SELECT recipient, subject, state FROM customer_mails');
    assert.deepEqual([...new Set(mailRows.rows.map((row) => row.state))], ['sent']);
    const received = new Map<string, number>();
    for (const mail of sink.mails) received.set(`${mail.to[0]} ${mail.subject}`, (received.get(`${mail.to[0]} ${mail.subject}`) ?? 0) + 1);
    assert.equal(received.size, INVOICES * MAIL_KINDS.length, 'every e-mail row reached the SMTP server');
    assert.ok(sink.mails.length - received.size <= 2 * CUSTOMER_MAIL_BATCH, `${sink.mails.length - received.size} mails arrived twice`);

    // Every webhook delivery row delivered, and each received under its own id.
    const deliveries = await db.query<{ id: string; state: string }>('SELECT id::text, state FROM webhook_deliveries');
    assert.equal(deliveries.rows.length, INVOICES * EVENTS.length);
    assert.deepEqual([...new Set(deliveries.rows.map((row) => row.state))], ['delivered']);
    const ids = new Set(receiver.at('/crash').map((hook) => hook.webhookId));
    assert.equal(ids.size, deliveries.rows.length, 'every delivery received');
  });
});
