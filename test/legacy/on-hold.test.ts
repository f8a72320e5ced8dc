/**
 * On hold and resume (spec §2.7, §2.8) against the real server: ACTION Onhold with DAYS, the hold
 * limits per workflow, and ACTION resume sent to the on-hold path the way avido's client does.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ManualClock } from '../../src/core/shared/clock.js';
import { APITEST, Legacy, USERTEST, type Fields, type Item } from '../support/legacy-client.js';
import { assertGolden } from '../support/golden.js';
import { freshCustomer } from '../support/fresh-customer.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const BUSINESS: Fields = { TYPE: 'B', COMPANYNAME: 'Fietsenmakerij Doe BV', CHAMBEROFCOMMERCE: '12345678' };

describe('putting an invoice on hold and resuming it over the legacy API', () => {
  let server: TestServer;
  let legacy: Legacy;
  const clock = new ManualClock(new Date('2026-11-23T08:00:00Z'));
  before(async () => {
    server = await startTestServer({ overrides: { clock } });
    legacy = new Legacy(server.url);
  });
  after(() => server.close());

  const startedOrder = async (workflow = '1', fields: Fields = {}) => {
    const placed = await placeOrder(legacy, { workflow, fields });
    const started = await legacy.call('/api/start-workflow', 'activate order', {}, { INVOICES: [{ INVOICENUMBER: placed.orderNumber }] });
    assert.equal(started.api.MSG.STATUSES.ITEM[0].CODE, '500');
    return placed;
  };
  const hold = (number: string, days: string | undefined, workflow: string | undefined = '1', client = legacy) =>
    client.call('/api/on-hold', 'Onhold', { WORKFLOWNUMBER: workflow, INVOICENUMBER: number, DAYS: days });
  const resume = (number: string, resumeFlag: string | undefined = 'y', client = legacy) =>
    client.call('/api/on-hold', 'resume', { WORKFLOWNUMBER: '1', INVOICENUMBER: number, RESUME: resumeFlag });
  const heldUntil = async (number: string) =>
    (await server.store.db.query<{ on_hold_until: Date | null }>('SELECT on_hold_until FROM invoices WHERE merchant_number = $1', [number]))[0]!
      .on_hold_until?.toISOString();
  const errorOf = (answer: { result: string; api: Record<string, any> }) => (answer.result === 'ERROR' ? answer.api.ERROR.CODE : 'MSG');

  test('a started invoice goes on hold for DAYS days: 200, the end date in DESCRIPTION, an order_on_hold event', async () => {
    const { orderNumber } = await startedOrder();
    const answer = await hold(orderNumber, '7');
    assert.equal(answer.result, 'MSG');
    assert.deepEqual(answer.api.MSG, { CODE: '200', DESCRIPTION: 'Order is on hold until 2026-11-30' });
    assert.equal(await heldUntil(orderNumber), '2026-11-30T08:00:00.000Z');
    const events = await server.store.db.query(
      `SELECT 1 FROM events e JOIN invoices i ON i.id = e.invoice_id WHERE i.merchant_number = $1 AND e.type = 'order_on_hold'`,
      [orderNumber],
    );
    assert.equal(events.length, 1);
    assertGolden('on-hold-accepted.xml', answer.text, {});
  });

  test('the end date in DESCRIPTION is the calendar day in Amsterdam, also shortly after midnight there', async () => {
    const { orderNumber } = await startedOrder();
    const before = clock.now();
    // 23:30 UTC on 23 November is 00:30 on 24 November in Amsterdam.
    clock.set(new Date('2026-11-23T23:30:00Z'));
    try {
      assert.equal((await hold(orderNumber, '7')).api.MSG.DESCRIPTION, 'Order is on hold until 2026-12-01');
    } finally {
      clock.set(before);
    }
  });

  test('without DAYS the hold lasts the guaranteed maximum of 14 days', async () => {
    const { orderNumber } = await startedOrder();
    assert.equal((await hold(orderNumber, undefined)).api.MSG.DESCRIPTION, 'Order is on hold until 2026-12-07');
  });

  test('guaranteed workflows 1 and 2 allow 14 days and refuse 15 with 403', async () => {
    for (const [workflow, fields] of [['1', {}], ['2', BUSINESS]] as const) {
      const { orderNumber } = await startedOrder(workflow, fields);
      const refused = await hold(orderNumber, '15', workflow);
      assert.deepEqual(refused.api.ERROR, {
        CODE: '403',
        DESCRIPTION: 'On hold period is too long, because of guaranteed payment (max 14 days)',
      }, `workflow ${workflow}`);
      assert.equal(await heldUntil(orderNumber), undefined);
      assert.equal((await hold(orderNumber, '14', workflow)).code, '200', `workflow ${workflow}`);
    }
  });

  test('workflow 3 carries no guarantee and allows up to 90 days; 91 cannot be set (701)', async () => {
    const { orderNumber } = await startedOrder('3');
    assert.equal(errorOf(await hold(orderNumber, '91', '3')), '701');
    assert.equal((await hold(orderNumber, '90', '3')).api.MSG.DESCRIPTION, 'Order is on hold until 2027-02-21');
  });

  test('an invoice whose workflow has not started, or that is closed, cannot be set on hold (701)', async () => {
    const fresh = await placeOrder(legacy);
    const refused = await hold(fresh.orderNumber, '5');
    assert.deepEqual(refused.api.ERROR, { CODE: '701', DESCRIPTION: 'Order cannot be set on hold' });

    const paid = await startedOrder();
    await legacy.call('/api/payment', 'Payment', {}, { INVOICES: [{ INVOICENUMBER: paid.orderNumber, AMOUNT: '104.85' }] });
    assert.equal(errorOf(await hold(paid.orderNumber, '5')), '701');
    assert.equal(await heldUntil(paid.orderNumber), undefined);
  });

  test('DAYS that is not a whole number of at least one answers 701', async () => {
    const { orderNumber } = await startedOrder();
    for (const days of ['abc', '0', '-3', '7.5', '1e1']) {
      assert.equal(errorOf(await hold(orderNumber, days)), '701', `DAYS ${days}`);
    }
    assert.equal(await heldUntil(orderNumber), undefined);
  });

  test('a missing invoice number answers 401; unknown, foreign or wrong-workflow invoices answer 402', async () => {
    const { orderNumber } = await startedOrder();
    const theirs = await placeOrder(new Legacy(server.url, APITEST));
    assert.deepEqual((await hold('', '5')).api.ERROR, { CODE: '401', DESCRIPTION: 'Missing invoice number or workflow number' });
    for (const [number, workflow] of [['NO-SUCH-ORDER', '1'], [theirs.orderNumber, '1'], [orderNumber, '3']]) {
      assert.deepEqual((await hold(number!, '5', workflow)).api.ERROR, {
        CODE: '402',
        DESCRIPTION: 'Unknown invoice number or workflow number',
      }, `${number} on workflow ${workflow}`);
    }
    assert.equal(errorOf(await resume('NO-SUCH-ORDER')), '402');
  });

  test('resume with RESUME=y on the on-hold path lifts the hold, and answers 200 for an invoice that was not on hold', async () => {
    const { orderNumber } = await startedOrder();
    await hold(orderNumber, '10');
    const resumed = await resume(orderNumber);
    assert.deepEqual(resumed.api.MSG, { CODE: '200', DESCRIPTION: 'Order resumed' });
    assert.equal(await heldUntil(orderNumber), undefined);

    assert.equal((await resume(orderNumber)).code, '200');
    const fresh = await placeOrder(legacy);
    assert.equal((await resume(fresh.orderNumber)).code, '200');
    assert.equal((await legacy.call('/v1/client/on-hold', 'resume', { INVOICENUMBER: fresh.invoice, RESUME: 'y' })).code, '200');
  });

  test('RESUME=n is an unsupported parameter (104) and the hold stays', async () => {
    const { orderNumber } = await startedOrder();
    await hold(orderNumber, '10');
    assert.deepEqual((await resume(orderNumber, 'n')).api.ERROR, { CODE: '104', DESCRIPTION: 'Unsupported param for resume' });
    assert.equal(await heldUntil(orderNumber), '2026-12-03T08:00:00.000Z');
  });

  test('a wrong client id answers 101 on both actions, because the On hold table has no 102', async () => {
    const { orderNumber } = await startedOrder();
    const impostor = new Legacy(server.url, { ...USERTEST, clientId: 'f'.repeat(40) });
    for (const answer of [await hold(orderNumber, '5', '1', impostor), await resume(orderNumber, 'y', impostor)]) {
      assert.deepEqual(answer.api.ERROR, { CODE: '101', DESCRIPTION: 'Unknown client username or client id' });
    }
    assert.equal(await heldUntil(orderNumber), undefined);
  });

  test('repeated holds on a guaranteed workflow cannot add up to more than 14 days; days a resume gives back count again', async () => {
    const { orderNumber } = await startedOrder();
    assert.equal((await hold(orderNumber, '10')).code, '200');
    clock.advance(10 * 86_400_000);
    assert.equal(errorOf(await hold(orderNumber, '5')), '403', '10 days used, 5 more would make 15');
    assert.equal((await hold(orderNumber, '4')).code, '200', '10 + 4 is exactly the maximum');
    assert.equal((await resume(orderNumber)).code, '200');
    assert.equal((await hold(orderNumber, '4')).code, '200', 'the 4 days given back by the resume may be used again');
  });

  test('replacing a running hold counts only the new one, so a guaranteed hold can be shortened or renewed within 14 days', async () => {
    const { orderNumber } = await startedOrder();
    assert.equal((await hold(orderNumber, '14')).code, '200');
    assert.equal((await hold(orderNumber, '3')).code, '200');
    assert.equal((await hold(orderNumber, '14')).code, '200');
  });
});

/** An order for a customer no other order shares, so earlier open orders never decline its check. */
function placeOrder(client: Legacy, options: { workflow?: string; fields?: Fields; items?: Item[] } = {}) {
  return client.placeOrder({ ...options, fields: freshCustomer(options.fields) });
}
