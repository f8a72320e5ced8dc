/**
 * Item lists are capped so one request cannot hold the database for seconds (docs/legacy-api.md
 * "Item caps"). Payment and credit take 100 invoices; their tables have no limit code, so a longer
 * list gets the generic 603 and changes nothing. Status (110) and start workflow (708) have their
 * own codes and tests (status.test.ts, start-workflow.test.ts, test/v2/order-management.test.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Legacy, type Item } from '../support/legacy-client.js';
import { rowCounts } from '../support/row-counts.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { call } from '../v2/v2-client.js';

describe('item caps of payment and credit', () => {
  let server: TestServer;
  let legacy: Legacy;
  let orderNumber: string;
  before(async () => {
    server = await startTestServer();
    legacy = new Legacy(server.url);
    ({ orderNumber } = await legacy.placeOrder());
  });
  after(() => server.close());

  /** One real invoice first, then unknown numbers up to `count`. */
  const numbers = (count: number) => [orderNumber, ...Array.from({ length: count - 1 }, (_, index) => `UNKNOWN-${index}`)];

  test('a legacy Payment of 100 invoices is answered per item; 101 answer 603 and book nothing', async () => {
    const pay = (count: number) =>
      legacy.call('/api/payment', 'Payment', {}, { INVOICES: numbers(count).map((number): Item => ({ INVOICENUMBER: number, AMOUNT: '0.01' })) });
    const before = await rowCounts(server);
    const tooMany = await pay(101);
    assert.deepEqual(tooMany.api.ERROR, { CODE: '603', DESCRIPTION: 'Redirect Billink API error' });
    assert.deepEqual(await rowCounts(server), before);

    const answered = await pay(100);
    const items: Item[] = answered.api.MSG.INVOICES.ITEM;
    assert.equal(items.length, 100);
    assert.deepEqual([items[0]!.CODE, items[1]!.CODE, items[99]!.CODE], ['200', '-1', '-1']);
  });

  test('a legacy Credit of 100 invoices is answered per item; 101 answer 603 and book nothing', async () => {
    const credit = (count: number) =>
      legacy.call('/api/credit', 'Credit', {}, { INVOICES: numbers(count).map((number): Item => ({ INVOICENUMBER: number, CREDITAMOUNT: '0.01' })) });
    const before = await rowCounts(server);
    const tooMany = await credit(101);
    assert.deepEqual(tooMany.api.ERROR, { CODE: '603', DESCRIPTION: 'Redirect Billink API error' });
    assert.deepEqual(await rowCounts(server), before);

    const items: Item[] = (await credit(100)).api.MSG.STATUSES.ITEM;
    assert.equal(items.length, 100);
    assert.deepEqual([items[0]!.CODE, items[1]!.CODE], ['200', '-1']);
  });

  test('a v2 payment of 100 invoices is answered per item; 101, or 15,000, answer 603 and book nothing', async () => {
    const pay = (count: number) =>
      call(server.url, '/v2/client/invoice/payment', { invoices: numbers(count).map((invoiceNumber) => ({ invoiceNumber, amount: '0.01' })) });
    const before = await rowCounts(server);
    for (const count of [101, 15_000]) {
      const tooMany = await pay(count);
      assert.deepEqual([tooMany.body.result, tooMany.body.code, tooMany.body.description], ['error', '603', 'Redirect Billink API error']);
    }
    assert.deepEqual(await rowCounts(server), before);
    const answered = await pay(100);
    assert.equal(answered.body.invoices.length, 100);
    assert.equal(answered.body.invoices[0].code, 200);
  });

  test('a v2 credit of 100 invoices is answered per item; 101 answer 603 and book nothing', async () => {
    const credit = (count: number) =>
      call(server.url, '/v2/client/invoice/credit', { invoices: numbers(count).map((number) => ({ number, creditAmount: '0.01' })) });
    const before = await rowCounts(server);
    const tooMany = await credit(101);
    assert.deepEqual([tooMany.body.result, tooMany.body.code], ['error', '603']);
    assert.deepEqual(await rowCounts(server), before);
    const answered = await credit(100);
    assert.equal(answered.body.statuses.length, 100);
    assert.equal(answered.body.statuses[0].code, 200);
  });
});
