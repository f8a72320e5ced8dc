/**
 * Payment (spec §2.6) against the real server: MSG/INVOICES/ITEM (not STATUSES), item codes 200,
 * -1, 706, 707 and 708, and the request-level errors 402 and 420. Refused items change nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { APITEST, Legacy, apiXml, post, type Item, type Fields } from '../support/legacy-client.js';
import { assertGolden } from '../support/golden.js';
import { freshCustomer } from '../support/fresh-customer.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('the legacy Payment call', () => {
  let server: TestServer;
  let legacy: Legacy;
  before(async () => {
    server = await startTestServer();
    legacy = new Legacy(server.url);
  });
  after(() => server.close());

  const pay = (items: Item[], fields: Record<string, string> = {}) => legacy.call('/api/payment', 'Payment', fields, { INVOICES: items });
  const payOne = async (number: string, amount: string, description = 'Bank transfer') =>
    (await pay([{ INVOICENUMBER: number, AMOUNT: amount, DESCRIPTION: description }])).api.MSG.INVOICES.ITEM[0] as Item;
  const money = async (number: string) => {
    const [invoice] = await server.store.db.query<{ paid: number; status: string; entries: number }>(
      `SELECT i.paid, i.status, (SELECT count(*)::int FROM ledger_entries l WHERE l.invoice_id = i.id) AS entries
       FROM invoices i WHERE merchant_number = $1`,
      [number],
    );
    return invoice!;
  };
  const statusOf = async (number: string) =>
    (await legacy.call('/api/status', 'Status', {}, { INVOICES: [{ INVOICENUMBER: number }] })).api.MSG.INVOICES.INVOICE[0].STATUS;

  test('a partial payment answers 200 under INVOICES/ITEM and leaves the invoice unpaid; the rest pays it in full', async () => {
    const { orderNumber, invoice } = await placeOrder(legacy);
    const partial = await pay([{ INVOICENUMBER: orderNumber, AMOUNT: '10.00', DESCRIPTION: 'First instalment' }]);
    assert.equal(partial.result, 'MSG');
    assert.equal(partial.code, '200');
    assert.match(partial.text, /<MSG><CODE>200<\/CODE><INVOICES><ITEM>/);
    assert.doesNotMatch(partial.text, /STATUSES/);
    assert.deepEqual(partial.api.MSG.INVOICES.ITEM, [{ INVOICENUMBER: orderNumber, MESSAGE: 'Payment applied: 10.00 EURO.', CODE: '200' }]);
    assert.equal(await statusOf(orderNumber), '0');
    assert.deepEqual(await money(orderNumber), { paid: 1000, status: 'open', entries: 1 });

    // By Billink's number this time; a third decimal is rounded to the cent.
    assert.deepEqual(await payOne(invoice, '94.849'), { INVOICENUMBER: invoice, MESSAGE: 'Payment applied: 94.85 EURO.; Order paid.', CODE: '200' });
    assert.equal(await statusOf(orderNumber), '1');
    assert.deepEqual(await money(orderNumber), { paid: 10485, status: 'paid', entries: 2 });
  });

  test('paying an invoice that is already paid answers 707 and books nothing', async () => {
    const { orderNumber } = await placeOrder(legacy);
    await payOne(orderNumber, '104.85');
    assert.deepEqual(await payOne(orderNumber, '1.00'), { INVOICENUMBER: orderNumber, MESSAGE: 'Order is already paid', CODE: '707' });
    assert.deepEqual(await money(orderNumber), { paid: 10485, status: 'paid', entries: 1 });
  });

  test('a description of 31 characters answers 708; 30 characters are accepted', async () => {
    const { orderNumber } = await placeOrder(legacy);
    assert.deepEqual(await payOne(orderNumber, '1.00', 'x'.repeat(31)), {
      INVOICENUMBER: orderNumber,
      MESSAGE: 'Description is too long (max. 30 characters)',
      CODE: '708',
    });
    assert.equal((await money(orderNumber)).paid, 0);
    assert.equal((await payOne(orderNumber, '1.00', 'y'.repeat(30))).CODE, '200');
  });

  test('an amount above what is open, zero, negative, unreadable or missing answers 706 and books nothing', async () => {
    const { orderNumber } = await placeOrder(legacy);
    await payOne(orderNumber, '100.00');
    const refused: [string | undefined, string][] = [
      ['4.86', 'Payment amount is higher than the open amount'],
      ['0.00', 'Payment amount must be a positive amount'],
      ['-1.00', 'Payment amount must be a positive amount'],
      ['10,50', 'Payment amount must be a positive amount'],
      ['ten euro', 'Payment amount must be a positive amount'],
      [undefined, 'Payment amount must be a positive amount'],
    ];
    for (const [amount, message] of refused) {
      const item: Item = { INVOICENUMBER: orderNumber, DESCRIPTION: 'Bank' };
      if (amount !== undefined) item.AMOUNT = amount;
      const [answer] = (await pay([item])).api.MSG.INVOICES.ITEM;
      assert.deepEqual(answer, { INVOICENUMBER: orderNumber, MESSAGE: message, CODE: '706' }, `AMOUNT ${amount}`);
    }
    assert.deepEqual(await money(orderNumber), { paid: 10000, status: 'open', entries: 1 });
    assert.equal((await payOne(orderNumber, '4.85')).CODE, '200');
  });

  test('a fully credited invoice is closed: a payment answers 706', async () => {
    const { orderNumber } = await placeOrder(legacy);
    await legacy.call('/api/credit', 'Credit', {}, { INVOICES: [{ INVOICENUMBER: orderNumber, CREDITAMOUNT: '104.85' }] });
    assert.deepEqual(await payOne(orderNumber, '1.00'), { INVOICENUMBER: orderNumber, MESSAGE: 'Order is closed', CODE: '706' });
  });

  test("unknown numbers, another merchant's invoice and a wrong item workflow answer -1, in request order", async () => {
    const mine = await placeOrder(legacy);
    const theirs = await placeOrder(new Legacy(server.url, APITEST));
    const answer = await pay([
      { INVOICENUMBER: 'NO-SUCH-ORDER', AMOUNT: '1.00' },
      { INVOICENUMBER: mine.orderNumber, AMOUNT: '1.00' },
      { INVOICENUMBER: theirs.orderNumber, AMOUNT: '1.00' },
      { INVOICENUMBER: mine.orderNumber, AMOUNT: '1.00', WORKFLOWNUMBER: '3' },
    ]);
    assert.deepEqual(
      answer.api.MSG.INVOICES.ITEM.map((item: Item) => [item.INVOICENUMBER, item.CODE, item.MESSAGE]),
      [
        ['NO-SUCH-ORDER', '-1', 'Order does not exist'],
        [mine.orderNumber, '200', 'Payment applied: 1.00 EURO.'],
        [theirs.orderNumber, '-1', 'Order does not exist'],
        [mine.orderNumber, '-1', 'Order does not exist'],
      ],
    );
    assert.equal((await money(theirs.orderNumber)).paid, 0);
  });

  test('a request without invoice numbers answers error 420', async () => {
    const bodies = [apiXml('Payment', {}, { INVOICES: [] }), apiXml('Payment'), apiXml('Payment', {}, { INVOICES: [{ AMOUNT: '1.00' }] })];
    for (const body of bodies) {
      const answer = await post(server.url, '/api/payment', body);
      assert.equal(answer.result, 'ERROR');
      assert.deepEqual(answer.api.ERROR, { CODE: '420', DESCRIPTION: 'Missing invoice numbers' });
    }
  });

  test('an unknown top-level WORKFLOWNUMBER answers error 402 naming it, and books nothing', async () => {
    const { orderNumber } = await placeOrder(legacy);
    const answer = await pay([{ INVOICENUMBER: orderNumber, AMOUNT: '1.00' }], { WORKFLOWNUMBER: '9' });
    assert.equal(answer.result, 'ERROR');
    assert.deepEqual(answer.api.ERROR, { CODE: '402', DESCRIPTION: 'Workflow with number 9 does not exist' });
    assert.equal((await money(orderNumber)).paid, 0);
    assert.equal((await pay([{ INVOICENUMBER: orderNumber, AMOUNT: '1.00' }], { WORKFLOWNUMBER: '1' })).code, '200');
  });

  test('the answer to a mixed request matches its golden file byte for byte', async () => {
    const partly = await placeOrder(legacy);
    const fully = await placeOrder(legacy);
    const answer = await pay([
      { INVOICENUMBER: partly.orderNumber, AMOUNT: '10.00', DESCRIPTION: 'Bank transfer' },
      { INVOICENUMBER: fully.invoice, AMOUNT: '104.85', DESCRIPTION: 'Bank transfer' },
      { INVOICENUMBER: fully.invoice, AMOUNT: '1.00', DESCRIPTION: 'Bank transfer' },
      { INVOICENUMBER: partly.orderNumber, AMOUNT: '500.00', DESCRIPTION: 'Bank transfer' },
      { INVOICENUMBER: partly.orderNumber, AMOUNT: '1.00', DESCRIPTION: 'A description over thirty chars' },
      { INVOICENUMBER: 'UNKNOWN-1', AMOUNT: '1.00', DESCRIPTION: 'Bank transfer' },
    ]);
    assert.equal(answer.contentType, 'text/xml; charset=UTF-8');
    assertGolden('payment-mixed.xml', answer.text, { PARTLY: partly.orderNumber, FULLY_BILLINK: fully.invoice });
  });
});

/** An order for a customer no other order shares, so earlier open orders never decline its check. */
function placeOrder(client: Legacy, options: { workflow?: string; fields?: Fields; items?: Item[] } = {}) {
  return client.placeOrder({ ...options, fields: freshCustomer(options.fields) });
}

