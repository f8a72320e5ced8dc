/**
 * The timer runner's guarantees (docs/collection.md "The timer runner"): two runners racing over
 * the same due timers on PostgreSQL, each on its own connection pool, apply every step once; a
 * runner transaction that fails half way loses nothing, and the next run applies the rest.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DAY, ManualClock } from '../../src/core/shared/clock.js';
import { applyDueSteps } from '../../src/core/invoices/life-cycle/apply-due-steps.js';
import { merchantNow } from '../../src/core/shared/merchant-clocks.js';
import { LifeCycleTimerJob } from '../../src/jobs/life-cycle-timer-job.js';
import { coreContext, type RunningServer, startServer } from '../../src/main.js';
import { Legacy, USERTEST, orderFields } from '../support/legacy-client.js';
import { freshCustomer } from '../support/fresh-customer.js';
import { startTestServer, TEST_DATABASE_URL, testConfig, type TestServer } from '../support/test-server.js';

const ITEMS = [{ CODE: 'SKU-1', DESCRIPTION: 'Lamp', ORDERQUANTITY: '1', PRICEINCL: '50.00', BTW: '21' }];

async function startedInvoices(legacy: Legacy, count: number, emailOf: (index: number) => string): Promise<string[]> {
  const numbers: string[] = [];
  for (let index = 0; index < count; index++) {
    const customer = freshCustomer({ EMAIL: emailOf(index) });
    const uuid = await legacy.check({ ...customer, ORDERAMOUNT: '50.00' });
    const number = `RUN-${index}-${Math.random().toString(36).slice(2, 8)}`;
    const placed = await legacy.call('/api/order', 'Order', orderFields(uuid, number, customer), { ORDERITEMS: ITEMS });
    assert.equal(placed.code, '200', placed.text);
    numbers.push(number);
  }
  for (let from = 0; from < numbers.length; from += 10) {
    const started = await legacy.call('/api/start-workflow', 'activate order', {}, { INVOICES: numbers.slice(from, from + 10).map((number) => ({ INVOICENUMBER: number })) });
    assert.equal(started.code, '500');
  }
  return numbers;
}

async function invoiceMails(server: { store: TestServer['store'] }, numbers: string[]): Promise<Map<string, number>> {
  const rows = await server.store.db.query<{ merchant_number: string; mails: number; sent: number }>(
    `SELECT i.merchant_number,
       (SELECT count(*)::int FROM customer_mails m WHERE m.invoice_id = i.id AND m.kind = 'invoice') AS mails,
       (SELECT count(*)::int FROM events e WHERE e.invoice_id = i.id AND e.type = 'invoice_sent') AS sent
     FROM invoices i WHERE i.merchant_number = ANY($1)`,
    [numbers],
  );
  for (const row of rows) assert.equal(row.mails, row.sent, `${row.merchant_number}: one event per e-mail`);
  return new Map(rows.map((row) => [row.merchant_number, row.mails]));
}

describe('two timer runners on PostgreSQL', { skip: TEST_DATABASE_URL ? false : 'needs TEST_DATABASE_URL' }, () => {
  let first: TestServer;
  let second: RunningServer;
  const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
  before(async () => {
    first = await startTestServer({ env: { JOBS: 'off' }, overrides: { clock } });
    // The same schema through a second server with its own connection pool.
    second = await startServer(testConfig({ JOBS: 'off', DATABASE_SCHEMA: first.config.databaseSchema! }), { clock });
  });
  after(async () => {
    await second?.close();
    await first?.close();
  });

  test('racing over the same due timers, they apply each invoice e-mail exactly once between them', async () => {
    const numbers = await startedInvoices(new Legacy(first.url), 40, (index) => `race-${index}@example.com`);
    clock.advance(3 * DAY + 3_600_000);
    const merchant = (await first.store.merchants.findByUsername(USERTEST.username))!;
    const contexts = [coreContext(first.config, first.store, { clock }), coreContext(first.config, second.store, { clock })];
    const results = await Promise.all(contexts.map((context) => applyDueSteps(context, merchant, merchantNow(context, merchant), { batchSize: 4 })));
    const applied = results.reduce((sum, result) => sum + (result.steps['Wait for payment'] ?? 0), 0);
    assert.equal(applied, 40);
    assert.deepEqual([...(await invoiceMails(first, numbers)).values()], numbers.map(() => 1));
  });

  test('two background jobs racing apply the next step once each', async () => {
    const numbers = await startedInvoices(new Legacy(first.url), 12, (index) => `job-${index}@example.com`);
    clock.advance(3 * DAY + 3_600_000);
    const jobs = [new LifeCycleTimerJob(coreContext(first.config, first.store, { clock }), { batchSize: 3 }), new LifeCycleTimerJob(coreContext(first.config, second.store, { clock }), { batchSize: 3 })];
    // Rounds until neither finds work left (each round applies at least one step or says none is due).
    for (let round = 0; round < 50; round++) {
      const more = await Promise.all(jobs.map((job) => job.runOnce()));
      if (!more.some(Boolean)) break;
    }
    assert.deepEqual([...(await invoiceMails(first, numbers)).values()], numbers.map(() => 1));
  });
});

describe('a runner transaction that fails half way', () => {
  let server: TestServer;
  const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
  before(async () => {
    server = await startTestServer({ env: { JOBS: 'off' }, overrides: { clock } });
  });
  after(() => server.close());

  test('loses nothing: the failed batch applies nothing, its timers stay, and the next run applies them once', async () => {
    const numbers = await startedInvoices(new Legacy(server.url), 9, (index) => `crash-${index}@example.com`);
    clock.advance(3 * DAY + 3_600_000);
    // A real failure inside the runner's transaction: the database refuses the fifth invoice's e-mail.
    await server.store.db.query(`CREATE FUNCTION refuse_mail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.recipient = 'crash-4@example.com' THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$`);
    await server.store.db.query('CREATE TRIGGER refuse_mail BEFORE INSERT ON customer_mails FOR EACH ROW EXECUTE FUNCTION refuse_mail()');
    const context = coreContext(server.config, server.store, { clock });
    const merchant = (await server.store.merchants.findByUsername(USERTEST.username))!;
    await assert.rejects(applyDueSteps(context, merchant, merchantNow(context, merchant), { batchSize: 3 }));

    const mails = await invoiceMails(server, numbers);
    const waiting = await server.store.db.query<{ merchant_number: string }>(
      `SELECT i.merchant_number FROM invoice_timers t JOIN invoices i ON i.id = t.invoice_id WHERE t.kind = 'send_invoice' AND i.merchant_number = ANY($1)`,
      [numbers],
    );
    // The first batch (three invoices) committed; the failed one and those after it are still due.
    assert.deepEqual(numbers.map((number) => mails.get(number)), [1, 1, 1, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(waiting.map((row) => row.merchant_number).sort(), numbers.slice(3).sort());

    await server.store.db.query('DROP TRIGGER refuse_mail ON customer_mails');
    const rerun = await applyDueSteps(context, merchant, merchantNow(context, merchant), { batchSize: 3 });
    assert.equal(rerun.steps['Wait for payment'], 6);
    assert.deepEqual([...(await invoiceMails(server, numbers)).values()], numbers.map(() => 1));
  });
});
