/**
 * Credit (spec §2.5) against the real server: MSG/STATUSES/ITEM, the seed texts "Credit applied:
 * 10.00 EURO.; step restarted." and "...; Order paid.", item codes 200 / -1 / 707 / 708, and the
 * request-level errors 402 and 705. A credit never exceeds what is open.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DAY, ManualClock } from '../../src/core/shared/clock.js';
import { APITEST, USERTEST, Legacy, apiXml, orderFields, orderNumber as newOrderNumber, post, type Item, type Fields } from '../support/legacy-client.js';
import { assertGolden } from '../support/golden.js';
import { applyDue } from '../support/life-cycle.js';
import { freshCustomer } from '../support/fresh-customer.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('the legacy Credit call', () => {
  let server: TestServer;
  let legacy: Legacy;
  const clock = new ManualClock(new Date('2026-11-23T12:00:00Z'));
  before(async () => {
    server = await startTestServer({ overrides: { clock } });
    legacy = new Legacy(server.url);
  });
  after(() => server.close());

  const credit = (items: Item[], fields: Record<string, string> = {}, action = 'Credit') =>
    legacy.call('/api/credit', action, fields, { INVOICES: items });
  const creditOne = async (number: string, amount: string) =>
    (await credit([{ INVOICENUMBER: number, CREDITAMOUNT: amount, DESCRIPTION: 'Returned goods' }])).api.MSG.STATUSES.ITEM[0] as Item;
  const row = async (number: string) =>
    (await server.store.db.query<{ credited: number; status: string; due_date: string | null; credits: number }>(
      `SELECT i.credited, i.status, i.due_date,
         (SELECT count(*)::int FROM ledger_entries l WHERE l.invoice_id = i.id AND l.kind = 'credit') AS credits
       FROM invoices i WHERE merchant_number = $1`,
      [number],
    ))[0]!;
  const statusOf = async (number: string) =>
    (await legacy.call('/api/status', 'Status', {}, { INVOICES: [{ INVOICENUMBER: number }] })).api.MSG.INVOICES.INVOICE[0] as Item;

  test('a partial credit answers 200 under STATUSES/ITEM with "step restarted."; crediting the rest closes it with "Order paid."', async () => {
    const { orderNumber, invoice } = await placeOrder(legacy);
    const partial = await credit([{ INVOICENUMBER: orderNumber, CREDITAMOUNT: '10.00', DESCRIPTION: 'Returned one item' }]);
    assert.equal(partial.result, 'MSG');
    assert.equal(partial.code, '200');
    assert.match(partial.text, /<MSG><CODE>200<\/CODE><STATUSES><ITEM>/);
    assert.deepEqual(partial.api.MSG.STATUSES.ITEM, [
      { INVOICENUMBER: orderNumber, MESSAGE: 'Credit applied: 10.00 EURO.; step restarted.', CODE: '200' },
    ]);
    assert.equal((await statusOf(orderNumber)).STATUS, '0');

    assert.deepEqual(await creditOne(invoice, '94.85'), { INVOICENUMBER: invoice, MESSAGE: 'Credit applied: 94.85 EURO.; Order paid.', CODE: '200' });
    assert.deepEqual(await statusOf(orderNumber), { INVOICENUMBER: orderNumber, STATUS: '1', DESCRIPTION: 'Credited', PAIDOUT: '0' });
    assert.deepEqual(await row(orderNumber), { credited: 10485, status: 'credited', due_date: null, credits: 2 });
    assert.deepEqual(await creditOne(orderNumber, '1.00'), { INVOICENUMBER: orderNumber, MESSAGE: 'Credit cannot be applied at this stage', CODE: '707' });
  });

  test('a credit above what is open answers 707; the exact rest after a payment closes the invoice as paid', async () => {
    const { orderNumber } = await placeOrder(legacy);
    assert.equal((await creditOne(orderNumber, '104.86')).CODE, '707');
    await legacy.call('/api/payment', 'Payment', {}, { INVOICES: [{ INVOICENUMBER: orderNumber, AMOUNT: '100.00' }] });
    assert.equal((await creditOne(orderNumber, '4.86')).CODE, '707');
    assert.equal((await row(orderNumber)).credits, 0);
    assert.equal((await creditOne(orderNumber, '4.85')).MESSAGE, 'Credit applied: 4.85 EURO.; Order paid.');
    // Settled by the customer's money: the merchant has been paid even though no workflow ran.
    assert.deepEqual(await statusOf(orderNumber), { INVOICENUMBER: orderNumber, STATUS: '1', DESCRIPTION: 'Paid', PAIDOUT: '1' });
  });

  test('a zero, negative, unreadable or missing amount answers 708 and books nothing', async () => {
    const { orderNumber } = await placeOrder(legacy);
    for (const amount of ['0', '0.00', '-5.00', '10,5', 'all']) {
      assert.deepEqual(
        await creditOne(orderNumber, amount),
        { INVOICENUMBER: orderNumber, MESSAGE: 'Credit cannot be applied at this stage(0)', CODE: '708' },
        `CREDITAMOUNT ${amount}`,
      );
    }
    const missing = await credit([{ INVOICENUMBER: orderNumber }]);
    assert.equal(missing.api.MSG.STATUSES.ITEM[0].CODE, '708');
    assert.deepEqual(await row(orderNumber), { credited: 0, status: 'open', due_date: null, credits: 0 });
  });

  test('a credit after the invoice e-mail restarts the step: the customer gets a fresh term from today', async () => {
    const { orderNumber } = await placeOrder(legacy);
    await legacy.call('/api/start-workflow', 'activate order', {}, { INVOICES: [{ INVOICENUMBER: orderNumber }] });
    // The invoice e-mail goes out three days after the start (docs/collection.md "The default course").
    clock.advance(3 * DAY);
    await applyDue(server, clock, USERTEST.username);
    const sent = (await row(orderNumber)).due_date!;
    clock.advance(5 * DAY);
    assert.equal((await creditOne(orderNumber, '10.00')).MESSAGE, 'Credit applied: 10.00 EURO.; step restarted.');
    const restarted = (await row(orderNumber)).due_date!;
    assert.equal(Date.parse(restarted) - Date.parse(sent), 5 * DAY);
    assert.equal((await statusOf(orderNumber)).DESCRIPTION, 'Wait for payment');
  });

  test('amounts with a thousands comma are read as PHP writes them', async () => {
    const fields = freshCustomer({ WORKFLOWNUMBER: '3' });
    const uuid = await legacy.check({ ...fields, ORDERAMOUNT: '1,210.00' });
    const number = newOrderNumber();
    const items = [{ CODE: 'BIKE', DESCRIPTION: 'Bakfiets', ORDERQUANTITY: '1', PRICEINCL: '1210.00', BTW: '21' }];
    const order = await legacy.call('/api/order', 'Order', orderFields(uuid, number, fields), { ORDERITEMS: items });
    assert.equal(order.code, '200', order.text);

    assert.equal((await creditOne(number, '1,000.00')).MESSAGE, 'Credit applied: 1000.00 EURO.; step restarted.');
    assert.equal((await creditOne(number, '210.00')).MESSAGE, 'Credit applied: 210.00 EURO.; Order paid.');
    assert.equal((await row(number)).credited, 121_000);
  });

  test('the Refund action on the credit path is a credit (WooCommerce)', async () => {
    const { orderNumber } = await placeOrder(legacy);
    const answer = await credit([{ INVOICENUMBER: orderNumber, CREDITAMOUNT: '4.85' }], {}, 'Refund');
    assert.deepEqual(answer.api.MSG.STATUSES.ITEM, [{ INVOICENUMBER: orderNumber, MESSAGE: 'Credit applied: 4.85 EURO.; step restarted.', CODE: '200' }]);
  });

  test("unknown numbers and another merchant's invoice answer -1 in request order, next to applied credits", async () => {
    const mine = await placeOrder(legacy);
    const theirs = await placeOrder(new Legacy(server.url, APITEST));
    const answer = await credit([
      { INVOICENUMBER: theirs.orderNumber, CREDITAMOUNT: '1.00' },
      { INVOICENUMBER: mine.orderNumber, CREDITAMOUNT: '1.00' },
      { INVOICENUMBER: 'NO-SUCH-ORDER', CREDITAMOUNT: '1.00' },
    ]);
    assert.deepEqual(
      answer.api.MSG.STATUSES.ITEM.map((item: Item) => [item.INVOICENUMBER, item.CODE, item.MESSAGE]),
      [
        [theirs.orderNumber, '-1', 'Order does not exist'],
        [mine.orderNumber, '200', 'Credit applied: 1.00 EURO.; step restarted.'],
        ['NO-SUCH-ORDER', '-1', 'Order does not exist'],
      ],
    );
  });

  test('a top-level WORKFLOWNUMBER applies to items that name none: another workflow makes them unknown (-1)', async () => {
    const { orderNumber } = await placeOrder(legacy);
    const wrong = await credit([{ INVOICENUMBER: orderNumber, CREDITAMOUNT: '1.00' }], { WORKFLOWNUMBER: '3' });
    assert.equal(wrong.api.MSG.STATUSES.ITEM[0].CODE, '-1');
    const own = await credit([{ INVOICENUMBER: orderNumber, CREDITAMOUNT: '1.00', WORKFLOWNUMBER: '1' }], { WORKFLOWNUMBER: '3' });
    assert.equal(own.api.MSG.STATUSES.ITEM[0].CODE, '200');
    assert.equal((await row(orderNumber)).credited, 100);
  });

  test('no invoices answer error 705 and an unknown top-level WORKFLOWNUMBER answers 402', async () => {
    for (const body of [apiXml('Credit', {}, { INVOICES: [] }), apiXml('Credit')]) {
      assert.deepEqual((await post(server.url, '/api/credit', body)).api.ERROR, { CODE: '705', DESCRIPTION: 'No invoices provided' });
    }
    const { orderNumber } = await placeOrder(legacy);
    const answer = await credit([{ INVOICENUMBER: orderNumber, CREDITAMOUNT: '1.00' }], { WORKFLOWNUMBER: '7' });
    assert.equal(answer.result, 'ERROR');
    assert.deepEqual(answer.api.ERROR, { CODE: '402', DESCRIPTION: 'Workflow with number 7 does not exist' });
    assert.equal((await row(orderNumber)).credited, 0);
  });

  test('the answer to a mixed request matches its golden file byte for byte', async () => {
    const partly = await placeOrder(legacy);
    const fully = await placeOrder(legacy);
    const answer = await credit([
      { INVOICENUMBER: partly.orderNumber, CREDITAMOUNT: '10.00', DESCRIPTION: 'Returned goods' },
      { INVOICENUMBER: fully.invoice, CREDITAMOUNT: '104.85', DESCRIPTION: 'Order cancelled' },
      { INVOICENUMBER: partly.orderNumber, CREDITAMOUNT: '500.00' },
      { INVOICENUMBER: partly.orderNumber, CREDITAMOUNT: '0.00' },
      { INVOICENUMBER: 'UNKNOWN-1', CREDITAMOUNT: '1.00' },
    ]);
    assert.equal(answer.contentType, 'text/xml; charset=UTF-8');
    assertGolden('credit-mixed.xml', answer.text, { PARTLY: partly.orderNumber, FULLY_BILLINK: fully.invoice });
  });
});

/** An order for a customer no other order shares, so earlier open orders never decline its check. */
function placeOrder(client: Legacy, options: { workflow?: string; fields?: Fields; items?: Item[] } = {}) {
  return client.placeOrder({ ...options, fields: freshCustomer(options.fields) });
}

