/**
 * The collection workflow wired into the running server (docs/collection.md): invoices placed
 * and started over the legacy API move through their steps on a manual clock as the timers are
 * applied, with the right costs by law, their customer e-mails and events queued at each step,
 * PAIDOUT and the settlement rows, and payments, holds and credits going through the same life
 * cycle. JOBS=off, so every step here is applied by the test's own call of applyDueSteps.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ManualClock } from '../../src/core/shared/clock.js';
import { Legacy, type Fields, USERTEST, orderFields } from '../support/legacy-client.js';
import { freshCustomer } from '../support/fresh-customer.js';
import { applyDue } from '../support/life-cycle.js';
import { postJson } from '../v2/v2-client.js';
import { subscribe } from '../support/webhook-receiver.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const BELGIAN: Fields = { COUNTRYCODE: 'BE', POSTALCODE: '1000', CITY: 'Brussel' };
const BUSINESS: Fields = { TYPE: 'B', COMPANYNAME: 'Bakkerij de Vries', CHAMBEROFCOMMERCE: '12345678', BIRTHDATE: undefined };
const ITEM_300 = [{ CODE: 'SKU-9', DESCRIPTION: 'Fiets', ORDERQUANTITY: '1', PRICEINCL: '300.00', BTW: '21' }];

describe('the invoice life cycle in the running server', () => {
  let server: TestServer;
  let legacy: Legacy;
  // Monday 2 March 2026, 10:00 in Amsterdam: the course of docs/collection.md "The default course".
  const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
  before(async () => {
    server = await startTestServer({ env: { JOBS: 'off' }, overrides: { clock } });
    legacy = new Legacy(server.url);
  });
  after(() => server.close());

  const started = async (fields: Fields = {}, workflow = '1') => {
    const customer = freshCustomer(fields);
    const uuid = await legacy.check({ ...customer, WORKFLOWNUMBER: workflow, ORDERAMOUNT: '300.00' });
    const orderNumber = `LC-${Math.random().toString(36).slice(2, 10)}`;
    const placed = await legacy.call('/api/order', 'Order', orderFields(uuid, orderNumber, { ...customer, WORKFLOWNUMBER: workflow }), { ORDERITEMS: ITEM_300 });
    assert.equal(placed.code, '200', placed.text);
    const answer = await legacy.call('/api/start-workflow', 'activate order', {}, { INVOICES: [{ INVOICENUMBER: orderNumber }] });
    assert.equal(answer.api.MSG.STATUSES.ITEM[0].CODE, '500');
    return orderNumber;
  };
  const advanceTo = async (iso: string) => {
    clock.set(new Date(iso));
    return applyDue(server, clock, USERTEST.username);
  };
  const status = async (number: string) =>
    (await legacy.call('/api/status', 'Status', {}, { INVOICES: [{ INVOICENUMBER: number }] })).api.MSG.INVOICES.INVOICE[0];
  const invoiceId = async (number: string) =>
    (await server.store.db.query<{ id: number }>('SELECT id FROM invoices WHERE merchant_number = $1', [number]))[0]!.id;
  const mails = async (number: string) =>
    (await server.store.db.query<{ kind: string; language: string; recipient: string; details: any }>(
      'SELECT kind, language, recipient, details FROM customer_mails WHERE invoice_id = $1 ORDER BY id',
      [await invoiceId(number)],
    )).map((row) => ({ kind: row.kind, language: row.language, recipient: row.recipient, ...(typeof row.details === 'string' ? JSON.parse(row.details) : row.details) }));
  const events = async (number: string) =>
    (await server.store.db.query<{ type: string }>('SELECT type FROM events WHERE invoice_id = $1 ORDER BY id', [await invoiceId(number)])).map(
      (row) => row.type,
    );
  const ledger = async (number: string) =>
    (await server.store.db.query<{ kind: string; amount: number }>(
      'SELECT kind, amount FROM ledger_entries WHERE invoice_id = $1 ORDER BY id',
      [await invoiceId(number)],
    )).map((row) => [row.kind, Number(row.amount)]);
  const settlements = async (number: string) =>
    (await server.store.db.query<{ kind: string; gross: number; fee: number; net: number }>(
      'SELECT kind, gross, fee, net FROM settlements WHERE invoice_id = $1 ORDER BY id',
      [await invoiceId(number)],
    )).map((row) => [row.kind, Number(row.gross), Number(row.fee), Number(row.net)]);
  const listed = async (number: string) =>
    (await postJson(server.url, '/v2/client/invoices?page=1', { billinkUsername: USERTEST.username, billinkId: USERTEST.clientId })).body.invoices.find(
      (invoice: { invoice_number_clean: string }) => invoice.invoice_number_clean === number,
    );
  const timers = async (number: string) =>
    (await server.store.db.query<{ kind: string; due_at: Date }>('SELECT kind, due_at FROM invoice_timers WHERE invoice_id = $1 ORDER BY kind', [
      await invoiceId(number),
    ])).map((row) => [row.kind, new Date(row.due_at).toISOString()]);

  test('a Dutch consumer goes from the invoice e-mail through reminder and final notice to collection with 45.00 WIK costs', async () => {
    clock.set(new Date('2026-03-02T09:00:00Z'));
    const number = await started();
    assert.deepEqual(await timers(number), [
      ['payout', '2026-03-16T08:00:00.000Z'],
      ['send_invoice', '2026-03-05T08:00:00.000Z'],
    ]);
    assert.deepEqual(await status(number), { INVOICENUMBER: number, STATUS: '0', DESCRIPTION: 'Wait for payment', PAIDOUT: '0' });

    await advanceTo('2026-03-05T09:00:00Z');
    assert.deepEqual((await mails(number)).map((mail) => [mail.kind, mail.amountDue, mail.payBefore]), [['invoice', 30_000, '2026-03-19']]);
    assert.deepEqual(await events(number), ['order_placed', 'order_workflow_started', 'invoice_sent']);

    await advanceTo('2026-03-16T09:00:00Z');
    assert.deepEqual(await settlements(number), [['payout', 30_000, 0, 30_000]]);
    assert.equal((await status(number)).PAIDOUT, '1');
    const listedAtPayout = await listed(number);
    assert.equal(listedAtPayout.paid_out, 1);
    assert.deepEqual(listedAtPayout.settlements, [
      {
        kind: 'payout', gross_amount: '300.00', fee_amount: '0.00', net_amount: '300.00', gross_amount_cents: 30_000, fee_amount_cents: 0,
        net_amount_cents: 30_000, settled_at: '2026-03-16T08:00:00.000Z',
      },
    ]);

    await advanceTo('2026-03-20T09:00:00Z');
    assert.equal((await status(number)).DESCRIPTION, 'Reminder 1');
    await advanceTo('2026-03-27T09:00:00Z');
    assert.equal((await status(number)).DESCRIPTION, 'Final notice');
    const notice = (await mails(number)).at(-1)!;
    assert.deepEqual([notice.kind, notice.announcedCosts, notice.payBefore], ['final_notice', 4_500, '2026-04-10']);

    // The veertiendagenbrief's 14 days run from the day after it: costs from 11 April.
    assert.deepEqual(await advanceTo('2026-04-10T09:00:00Z'), { steps: {} });
    assert.deepEqual(await advanceTo('2026-04-11T09:00:00Z'), { steps: { Collection: 1 } });
    assert.deepEqual(await status(number), { INVOICENUMBER: number, STATUS: '0', DESCRIPTION: 'Collection', PAIDOUT: '1' });
    assert.deepEqual(await ledger(number), [['collection_costs', 4_500]]);
    const collection = (await mails(number)).at(-1)!;
    assert.deepEqual([collection.kind, collection.amountDue, collection.fee], ['collection', 34_500, 4_500]);
    assert.deepEqual(await events(number), [
      'order_placed', 'order_workflow_started', 'invoice_sent', 'order_paid_out', 'workflow_step_changed', 'workflow_step_changed',
      'workflow_step_changed', 'collection_costs_added',
    ]);
    assert.deepEqual(await timers(number), [], 'nothing more is scheduled in collection');
    const inCollection = await listed(number);
    assert.deepEqual(
      [inCollection.workflow_step, inCollection.open_amount, inCollection.costs_amount, inCollection.paid_amount],
      ['Collection', '345.00', '45.00', '0.00'],
    );
  });

  test('each step e-mails the customer at the address of the order', async () => {
    clock.set(new Date('2026-03-02T09:00:00Z'));
    const email = `course-${Date.now()}@example.com`;
    const number = await started({ EMAIL: email });
    await advanceTo('2026-03-05T09:00:00Z');
    assert.deepEqual((await mails(number)).map((mail) => [mail.kind, mail.recipient, mail.language]), [['invoice', email, 'nl']]);
  });

  test('a Belgian consumer is charged Book XIX damages of 45.00 on 300.00, announced by the free first reminder', async () => {
    clock.set(new Date('2026-03-02T09:00:00Z'));
    const number = await started(BELGIAN);
    await advanceTo('2026-03-20T09:00:00Z');
    const reminder = (await mails(number)).at(-1)!;
    assert.deepEqual([reminder.kind, reminder.language, reminder.fee, reminder.announcedCosts], ['reminder', 'nl', 0, 4_500]);
    await advanceTo('2026-04-20T09:00:00Z');
    assert.equal((await status(number)).DESCRIPTION, 'Collection');
    assert.deepEqual(await ledger(number), [['collection_costs', 4_500]]);
  });

  test('a business customer owes the fixed 40.00 compensation at collection', async () => {
    clock.set(new Date('2026-03-02T09:00:00Z'));
    const number = await started(BUSINESS);
    await advanceTo('2026-04-20T09:00:00Z');
    assert.equal((await status(number)).DESCRIPTION, 'Collection');
    assert.deepEqual(await ledger(number), [['collection_costs', 4_000]]);
    assert.deepEqual((await mails(number)).map((mail) => mail.kind), ['invoice', 'reminder', 'final_notice', 'collection']);
  });

  test('a payment after the final notice lowers the costs to what the law allows on the principal still open', async () => {
    clock.set(new Date('2026-03-02T09:00:00Z'));
    const number = await started({}, '3');
    await advanceTo('2026-03-28T09:00:00Z');
    const paid = await legacy.call('/api/payment', 'Payment', {}, { INVOICES: [{ INVOICENUMBER: number, AMOUNT: '100.00' }] });
    assert.equal(paid.api.MSG.INVOICES.ITEM[0].CODE, '200');
    await advanceTo('2026-04-20T09:00:00Z');
    // 15% of 200.00 is 30.00, below the 40.00 minimum.
    assert.deepEqual(await ledger(number), [['payment', 10_000], ['collection_costs', 4_000]]);
    // Paid to the merchant directly: nothing is paid out for it on a workflow without guarantee.
    assert.deepEqual(await settlements(number), []);
    assert.deepEqual(await status(number), { INVOICENUMBER: number, STATUS: '0', DESCRIPTION: 'Collection', PAIDOUT: '0' });
    // The Payment API pays the principal only; the costs stay open and the invoice in collection.
    await legacy.call('/api/payment', 'Payment', {}, { INVOICES: [{ INVOICENUMBER: number, AMOUNT: '200.00' }] });
    assert.equal((await status(number)).DESCRIPTION, 'Collection');
  });

  test('on hold pauses the timers, resume moves them by the days held, and a credit restarts the step', async () => {
    clock.set(new Date('2026-03-02T09:00:00Z'));
    const number = await started();
    await advanceTo('2026-03-06T09:00:00Z');
    const held = await legacy.call('/api/on-hold', 'Onhold', { WORKFLOWNUMBER: '1', INVOICENUMBER: number, DAYS: '5' });
    assert.equal(held.result, 'MSG');
    assert.deepEqual(await timers(number), [['hold_end', '2026-03-11T09:00:00.000Z']]);
    await advanceTo('2026-03-08T09:00:00Z');
    await legacy.call('/api/on-hold', 'resume', { WORKFLOWNUMBER: '1', INVOICENUMBER: number, RESUME: 'y' });
    // Two calendar days held: the reminder moves from 20 to 22 March, the payout from 16 to 18.
    assert.deepEqual(await timers(number), [
      ['payout', '2026-03-18T08:00:00.000Z'],
      ['reminder', '2026-03-22T08:00:00.000Z'],
    ]);

    clock.set(new Date('2026-03-09T09:00:00Z'));
    const credited = await legacy.call('/api/credit', 'Credit', {}, { INVOICES: [{ INVOICENUMBER: number, CREDITAMOUNT: '10.00' }] });
    assert.equal(credited.api.MSG.STATUSES.ITEM[0].MESSAGE, 'Credit applied: 10.00 EURO.; step restarted.');
    const restarted = (await mails(number)).at(-1)!;
    assert.deepEqual([restarted.kind, restarted.restarted, restarted.amountDue, restarted.payBefore], ['invoice', true, 29_000, '2026-03-23']);
    assert.deepEqual((await events(number)).slice(-4), ['order_on_hold', 'order_resumed', 'partial_credit_added', 'workflow_step_restarted']);
    assert.deepEqual(await timers(number), [
      ['payout', '2026-03-18T08:00:00.000Z'],
      ['reminder', '2026-03-24T08:00:00.000Z'],
    ]);
  });

  test('a full payment to the merchant ends the workflow: no timer is left and the step is Paid', async () => {
    clock.set(new Date('2026-03-02T09:00:00Z'));
    const number = await started({}, '3');
    await advanceTo('2026-03-21T09:00:00Z');
    await legacy.call('/api/payment', 'Payment', {}, { INVOICES: [{ INVOICENUMBER: number, AMOUNT: '300.00' }] });
    assert.deepEqual(await status(number), { INVOICENUMBER: number, STATUS: '1', DESCRIPTION: 'Paid', PAIDOUT: '1' });
    assert.deepEqual(await timers(number), []);
    await advanceTo('2026-05-01T09:00:00Z');
    assert.deepEqual((await mails(number)).map((mail) => mail.kind), ['invoice', 'reminder']);
  });

  test('life-cycle events reach a signed order webhook with the step and the amount, Billink events in their own shape', async () => {
    await subscribe(server.url, USERTEST, { url: 'http://127.0.0.1:9/orders' });
    clock.set(new Date('2026-03-02T09:00:00Z'));
    const number = await started({}, '3');
    await advanceTo('2026-04-20T09:00:00Z');
    const deliveries = await server.store.db.query<{ event: string; body: string; signed: boolean }>(
      `SELECT d.event, d.body, d.signed FROM webhook_deliveries d JOIN events e ON e.id = d.event_id
       WHERE e.invoice_id = $1 ORDER BY d.id`,
      [await invoiceId(number)],
    );
    assert.deepEqual(deliveries.map((delivery) => delivery.event), [
      'order_placed', 'order_workflow_started', 'invoice_sent', 'workflow_step_changed', 'workflow_step_changed', 'workflow_step_changed', 'collection_costs_added',
    ]);
    assert.ok(deliveries.every((delivery) => delivery.signed));
    assert.deepEqual(Object.keys(JSON.parse(deliveries[0]!.body)), ['order_id', 'invoice_number', 'invoice_number_clean', 'workflow_id', 'event', 'timestamp']);
    const costs = JSON.parse(deliveries.at(-1)!.body);
    assert.deepEqual([costs.event, costs.timestamp, costs.workflow_step, costs.amount], ['collection_costs_added', '2026-04-11 09:00:00', 'Collection', '45.00']);
    assert.equal(JSON.parse(deliveries[2]!.body).workflow_step, 'Wait for payment');
  });
});
