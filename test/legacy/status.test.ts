/**
 * Status (spec §2.4) against the real server: MSG/INVOICES/INVOICE entries in request order, the
 * STATUS values -1/0/1, PAIDOUT, the request limits 110/111/705, and case-sensitive tag names.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ManualClock } from '../../src/core/shared/clock.js';
import { APITEST, Legacy, USERTEST, apiXml, element, post, type Fields, type Item } from '../support/legacy-client.js';
import { assertGolden } from '../support/golden.js';
import { freshCustomer } from '../support/fresh-customer.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

type Entry = Record<string, string>;

describe('the legacy Status call', () => {
  let server: TestServer;
  let legacy: Legacy;
  before(async () => {
    server = await startTestServer();
    legacy = new Legacy(server.url);
  });
  after(() => server.close());

  const status = (numbers: string[]) =>
    legacy.call('/api/status', 'Status', {}, { INVOICES: numbers.map((number) => ({ INVOICENUMBER: number })) });
  const entries = async (numbers: string[]): Promise<Entry[]> => (await status(numbers)).api.MSG.INVOICES.INVOICE;
  const start = (number: string) => legacy.call('/api/start-workflow', 'activate order', {}, { INVOICES: [{ INVOICENUMBER: number }] });
  const pay = (number: string, amount: string) =>
    legacy.call('/api/payment', 'Payment', {}, { INVOICES: [{ INVOICENUMBER: number, AMOUNT: amount, DESCRIPTION: 'Bank' }] });

  test('an invoice is found by the merchant\'s number and by Billink\'s, under INVOICES/INVOICE rather than ITEM', async () => {
    const { orderNumber, invoice } = await placeOrder(legacy);
    const answer = await status([orderNumber, invoice]);
    assert.equal(answer.result, 'MSG');
    assert.equal(answer.code, '200');
    assert.match(answer.text, /<INVOICES><INVOICE><INVOICENUMBER>/);
    assert.doesNotMatch(answer.text, /<ITEM>/);
    assert.deepEqual(answer.api.MSG.INVOICES.INVOICE, [
      { INVOICENUMBER: orderNumber, STATUS: '0', DESCRIPTION: 'No steps given', PAIDOUT: '0' },
      { INVOICENUMBER: invoice, STATUS: '0', DESCRIPTION: 'No steps given', PAIDOUT: '0' },
    ]);
  });

  test('a number asked twice, between others, is answered at each of its places', async () => {
    const first = await placeOrder(legacy);
    const second = await placeOrder(legacy);
    const asked = [second.invoice, first.orderNumber, second.invoice, 'UNKNOWN-1', first.invoice, second.orderNumber];
    assert.deepEqual(
      (await entries(asked)).map((entry) => [entry.INVOICENUMBER, entry.STATUS]),
      asked.map((number) => [number, number === 'UNKNOWN-1' ? '-1' : '0']),
    );
  });

  test('a guaranteed invoice is not paid out yet when its workflow starts, and stays unpaid (0) until the customer pays', async () => {
    const { orderNumber } = await placeOrder(legacy, { workflow: '1' });
    await start(orderNumber);
    // The payout falls 14 days after the start (docs/collection.md "Payouts and fees").
    assert.deepEqual((await entries([orderNumber]))[0], {
      INVOICENUMBER: orderNumber,
      STATUS: '0',
      DESCRIPTION: 'Wait for payment',
      PAIDOUT: '0',
    });
    await pay(orderNumber, '50.00');
    assert.equal((await entries([orderNumber]))[0]!.STATUS, '0');
    await pay(orderNumber, '54.85');
    assert.deepEqual((await entries([orderNumber]))[0], { INVOICENUMBER: orderNumber, STATUS: '1', DESCRIPTION: 'Paid', PAIDOUT: '1' });
  });

  test('an invoice on workflow 3 (no guarantee) is paid out only once the customer has paid it in full', async () => {
    const { orderNumber } = await placeOrder(legacy, { workflow: '3' });
    await start(orderNumber);
    assert.deepEqual((await entries([orderNumber]))[0], {
      INVOICENUMBER: orderNumber,
      STATUS: '0',
      DESCRIPTION: 'Wait for payment',
      PAIDOUT: '0',
    });
    await pay(orderNumber, '100.00');
    assert.equal((await entries([orderNumber]))[0]!.PAIDOUT, '0');
    await pay(orderNumber, '4.85');
    assert.deepEqual((await entries([orderNumber]))[0], { INVOICENUMBER: orderNumber, STATUS: '1', DESCRIPTION: 'Paid', PAIDOUT: '1' });
  });

  test('a fully credited invoice is closed: STATUS 1 with the step "Credited"', async () => {
    const { orderNumber } = await placeOrder(legacy);
    await legacy.call('/api/credit', 'Credit', {}, { INVOICES: [{ INVOICENUMBER: orderNumber, CREDITAMOUNT: '104.85' }] });
    const [entry] = await entries([orderNumber]);
    assert.equal(entry!.STATUS, '1');
    assert.equal(entry!.DESCRIPTION, 'Credited');
  });

  test('a mixed list keeps request order and answers -1 "Order not found" without PAIDOUT for unknown and foreign numbers', async () => {
    const mine = await placeOrder(legacy);
    const theirs = await placeOrder(new Legacy(server.url, APITEST));
    const answer = await entries(['NOPE-1', mine.invoice, theirs.orderNumber, mine.orderNumber]);
    assert.deepEqual(answer, [
      { INVOICENUMBER: 'NOPE-1', STATUS: '-1', DESCRIPTION: 'Order not found' },
      { INVOICENUMBER: mine.invoice, STATUS: '0', DESCRIPTION: 'No steps given', PAIDOUT: '0' },
      { INVOICENUMBER: theirs.orderNumber, STATUS: '-1', DESCRIPTION: 'Order not found' },
      { INVOICENUMBER: mine.orderNumber, STATUS: '0', DESCRIPTION: 'No steps given', PAIDOUT: '0' },
    ]);
  });

  test('lower-case child tags are not read: the entry comes back with an empty INVOICENUMBER and STATUS -1', async () => {
    const { orderNumber } = await placeOrder(legacy);
    const body = apiXml('status').replace('</API>', `<INVOICES><ITEM>${element('invoicenumber', orderNumber)}</ITEM></INVOICES></API>`);
    const answer = await post(server.url, '/api/status', body);
    assert.equal(answer.code, '200');
    assert.deepEqual(answer.api.MSG.INVOICES.INVOICE, [{ INVOICENUMBER: '', STATUS: '-1', DESCRIPTION: 'Order not found' }]);
  });

  test('one hundred invoices are answered, one hundred and one are refused with 110', async () => {
    const { orderNumber } = await placeOrder(legacy);
    const hundred = [orderNumber, ...Array.from({ length: 99 }, (_, i) => `MISSING-${i}`)];
    const answer = await entries(hundred);
    assert.equal(answer.length, 100);
    assert.equal(answer[0]!.STATUS, '0');

    const tooMany = await status([...hundred, 'ONE-MORE']);
    assert.equal(tooMany.result, 'ERROR');
    assert.deepEqual(tooMany.api.ERROR, { CODE: '110', DESCRIPTION: 'Limit is 100 invoices per request' });
  });

  test('an empty or missing INVOICES list is an error 705', async () => {
    for (const body of [apiXml('Status', {}, { INVOICES: [] }), apiXml('Status')]) {
      const answer = await post(server.url, '/api/status', body);
      assert.equal(answer.result, 'ERROR');
      assert.deepEqual(answer.api.ERROR, { CODE: '705', DESCRIPTION: 'No invoices provided' });
    }
  });

  test('the answer to a mixed request matches its golden file byte for byte', async () => {
    const fresh = await placeOrder(legacy);
    const started = await placeOrder(legacy);
    await start(started.orderNumber);
    const answer = await status([fresh.orderNumber, started.invoice, 'UNKNOWN-1']);
    assert.equal(answer.contentType, 'text/xml; charset=UTF-8');
    assertGolden('status-mixed.xml', answer.text, { FRESH: fresh.orderNumber, STARTED_BILLINK: started.invoice });
  });
});

describe('the Status request limit', () => {
  let server: TestServer;
  const clock = new ManualClock(new Date('2026-11-23T10:00:10Z'));
  before(async () => {
    server = await startTestServer({ env: { STATUS_RATE_LIMIT_PER_MINUTE: '3' }, overrides: { clock } });
  });
  after(() => server.close());

  test('a merchant over STATUS_RATE_LIMIT_PER_MINUTE gets 111 until the next minute, while other merchants are unaffected', async () => {
    const usertest = new Legacy(server.url, USERTEST);
    const call = (client: Legacy) => client.call('/api/status', 'Status', {}, { INVOICES: [{ INVOICENUMBER: 'ANY' }] });
    for (let i = 0; i < 3; i++) assert.equal((await call(usertest)).code, '200');
    const limited = await call(usertest);
    assert.equal(limited.result, 'ERROR');
    assert.deepEqual(limited.api.ERROR, { CODE: '111', DESCRIPTION: 'Request limit exceeded' });
    assert.equal((await call(new Legacy(server.url, APITEST))).code, '200');

    clock.advance(60_000);
    assert.equal((await call(usertest)).code, '200');
  });

  test('a refused merchant gets 111 before its list is judged, and a full answer again in the next minute, also when calls come at once', async () => {
    clock.advance(60_000);
    const usertest = new Legacy(server.url, USERTEST);
    const call = (numbers: string[]) => usertest.call('/api/status', 'Status', {}, { INVOICES: numbers.map((number) => ({ INVOICENUMBER: number })) });
    const order = await placeOrder(usertest);
    const answers = await Promise.all(Array.from({ length: 6 }, () => call([order.orderNumber])));
    assert.deepEqual(answers.map((answer) => answer.code).sort(), ['111', '111', '111', '200', '200', '200']);
    for (const answer of answers.filter((each) => each.code === '200')) assert.equal(answer.api.MSG.INVOICES.INVOICE[0].STATUS, '0');
    assert.equal((await call([])).code, '111');
    assert.equal((await call(Array.from({ length: 101 }, (_, i) => `N-${i}`))).code, '111');

    clock.advance(60_000);
    const again = await call([order.orderNumber, 'UNKNOWN']);
    assert.equal(again.code, '200');
    assert.deepEqual(again.api.MSG.INVOICES.INVOICE.map((entry: Entry) => entry.STATUS), ['0', '-1']);
  });
});

/** An order for a customer no other order shares, so earlier open orders never decline its check. */
function placeOrder(client: Legacy, options: { workflow?: string; fields?: Fields; items?: Item[] } = {}) {
  return client.placeOrder({ ...options, fields: freshCustomer(options.fields) });
}

