/**
 * A started invoice keeps the course of its workflow as it was at the start (docs/collection.md
 * "Changing a workflow"): a change through POST /v2/client/workflow/set after the start alters
 * neither the due date nor the waits of later steps, while an invoice started after the change
 * runs on the new settings. JOBS=off, so every step is applied by the test's own applyDueSteps.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ManualClock } from '../../src/core/shared/clock.js';
import { Legacy, USERTEST, orderFields } from '../support/legacy-client.js';
import { freshCustomer } from '../support/fresh-customer.js';
import { applyDue } from '../support/life-cycle.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { call } from '../v2/v2-client.js';
import { signIn } from '../dashboard/dashboard-client.js';

const ITEM_300 = [{ CODE: 'SKU-9', DESCRIPTION: 'Fiets', ORDERQUANTITY: '1', PRICEINCL: '300.00', BTW: '21' }];

describe('a started invoice and a later change of its workflow', () => {
  let server: TestServer;
  let legacy: Legacy;
  // Monday 2 March 2026, 10:00 in Amsterdam.
  const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
  before(async () => {
    server = await startTestServer({ env: { JOBS: 'off' }, overrides: { clock } });
    legacy = new Legacy(server.url);
  });
  after(() => server.close());

  const started = async () => {
    const customer = freshCustomer();
    const uuid = await legacy.check({ ...customer, WORKFLOWNUMBER: '2', ORDERAMOUNT: '300.00' });
    const orderNumber = `SC-${Math.random().toString(36).slice(2, 10)}`;
    const placed = await legacy.call('/api/order', 'Order', orderFields(uuid, orderNumber, { ...customer, WORKFLOWNUMBER: '2' }), { ORDERITEMS: ITEM_300 });
    assert.equal(placed.code, '200', placed.text);
    const answer = await legacy.call('/api/start-workflow', 'activate order', {}, { INVOICES: [{ INVOICENUMBER: orderNumber }] });
    assert.equal(answer.api.MSG.STATUSES.ITEM[0].CODE, '500');
    return orderNumber;
  };
  const advanceTo = async (iso: string) => {
    clock.set(new Date(iso));
    return applyDue(server, clock, USERTEST.username);
  };
  const description = async (number: string) =>
    (await legacy.call('/api/status', 'Status', {}, { INVOICES: [{ INVOICENUMBER: number }] })).api.MSG.INVOICES.INVOICE[0].DESCRIPTION;
  const stepTimers = async (number: string) =>
    (await server.store.db.query<{ kind: string; due_at: Date }>(
      `SELECT t.kind, t.due_at FROM invoice_timers t JOIN invoices i ON i.id = t.invoice_id
        WHERE i.merchant_number = $1 AND t.kind <> 'payout' ORDER BY t.kind`,
      [number],
    )).map((row) => [row.kind, new Date(row.due_at).toISOString()]);
  const dueDate = async (number: string) =>
    (await server.store.db.query<{ due: string }>("SELECT to_char(due_date, 'YYYY-MM-DD') AS due FROM invoices WHERE merchant_number = $1", [number]))[0]!.due;

  test('an invoice started before a change of term and waits runs on the course it started on, one started after on the new one', async () => {
    const before = await started();
    await advanceTo('2026-03-05T09:00:00Z');
    assert.equal(await dueDate(before), '2026-03-19');

    const changed = await call(server.url, '/v2/client/workflow/set', {
      workflowNumber: 2,
      paymentTermDays: 30,
      reminders: [{ waitDays: 20, fee: '0.00' }],
      finalNoticeWaitDays: 30,
    });
    assert.equal(changed.body.result, 'MSG', changed.text);
    const after = await started();

    // Reminder 1 the day after the old due date, and the final notice 7 days later, not 20.
    assert.equal((await advanceTo('2026-03-20T09:00:00Z')).steps['Reminder 1'], 1);
    assert.equal(await description(before), 'Reminder 1');
    assert.deepEqual(await stepTimers(before), [['final_notice', '2026-03-27T08:00:00.000Z']]);
    await advanceTo('2026-03-27T09:00:00Z');
    assert.equal(await description(before), 'Final notice');

    // The invoice started after the change (on 5 March): sent on 8 March, due 30 days later.
    assert.equal(await dueDate(after), '2026-04-07');
    assert.equal(await description(after), 'Wait for payment');
  });

  const setGuarantee = async (guaranteed: boolean) => {
    const changed = await call(server.url, '/v2/client/workflow/set', { workflowNumber: 2, guaranteed });
    assert.equal(changed.body.result, 'MSG', changed.text);
  };
  const hold = (number: string, days: string) => legacy.call('/api/on-hold', 'Onhold', { WORKFLOWNUMBER: '2', INVOICENUMBER: number, DAYS: days });

  test('status PAIDOUT follows the guarantee of the course: a workflow made non-guaranteed after the start still pays its invoices out', async () => {
    clock.set(new Date('2026-04-06T08:00:00Z'));
    await setGuarantee(true);
    const guaranteed = await started();
    await setGuarantee(false);
    const notGuaranteed = await started();
    const paidOut = async (number: string) =>
      (await legacy.call('/api/status', 'Status', {}, { INVOICES: [{ INVOICENUMBER: number }] })).api.MSG.INVOICES.INVOICE[0].PAIDOUT;

    // The payout day of the guaranteed course: 14 days after the start.
    await advanceTo('2026-04-20T08:00:00Z');
    assert.equal(await paidOut(guaranteed), '1');
    assert.equal(await paidOut(notGuaranteed), '0');
    await setGuarantee(true);
    assert.equal(await paidOut(notGuaranteed), '0', 'making the workflow guaranteed again does not pay out an invoice started without the guarantee');
  });

  test('the guaranteed hold limit of 14 days follows the course: a workflow made non-guaranteed after the start does not allow its invoices longer holds', async () => {
    await setGuarantee(true);
    const guaranteed = await started();
    await setGuarantee(false);
    const notGuaranteed = await started();
    const refused = await hold(guaranteed, '20');
    assert.equal(refused.api.ERROR?.CODE, '403', refused.text);
    assert.equal((await hold(notGuaranteed, '20')).code, '200');
    // And the other way round: guaranteed again, the invoice started without the guarantee keeps its longer holds.
    await setGuarantee(true);
    assert.equal((await hold(notGuaranteed, '30')).code, '200');
  });

  test("the dashboard's invoice page shows the guarantee and term of the course the invoice started on", async () => {
    await setGuarantee(true);
    const before = await started();
    const changed = await call(server.url, '/v2/client/workflow/set', { workflowNumber: 2, guaranteed: false, paymentTermDays: 21 });
    assert.equal(changed.body.result, 'MSG', changed.text);
    const after = await started();
    const session = await signIn(server.url, USERTEST.username, `sandbox-${USERTEST.username}`);
    const terms = async (number: string) => {
      const page = await fetch(`${server.url}/dashboard/invoices/${encodeURIComponent(number)}`, { headers: { cookie: session.cookie } });
      assert.equal(page.status, 200);
      return /data-testid="course">([^<]*)</.exec(await page.text())?.[1];
    };
    assert.equal(await terms(before), 'Gegarandeerd, betaaltermijn 30 dagen');
    assert.equal(await terms(after), 'Niet gegarandeerd, betaaltermijn 21 dagen');
  });
});
