/**
 * House rule 5 across contracts: Buckaroo Refunds and Billink Credits on one invoice arrive at
 * once over separate HTTP requests, and together they never credit more than the invoice's total
 * (both run the same core credit use case under the invoice's row lock).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BuckarooClient, followUp, orderRequest } from '../support/buckaroo-client.js';
import { Legacy } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('Buckaroo refunds and Billink credits on one invoice at once', () => {
  let server: TestServer;
  let client: BuckarooClient;
  let legacy: Legacy;
  before(async () => {
    server = await startTestServer();
    client = new BuckarooClient(server.url);
    legacy = new Legacy(server.url);
  });
  after(() => server.close());

  test('thirty refunds and credits of 5.00 on a Pay of 100.30: exactly twenty succeed and the books add up', async () => {
    const pay = (await client.transaction(orderRequest('Pay'))).json;
    assert.equal(pay.Status.Code.Code, 190);
    const [{ invoice_number: number } = { invoice_number: '' }] = await server.store.db.query<{ invoice_number: string }>(
      'SELECT invoice_number FROM buckaroo_transactions WHERE key = $1',
      [pay.Key],
    );
    const refund = async () => {
      const answer = (await client.transaction(followUp('Refund', pay.Key, 5))).json;
      return answer.Status.Code.Code === 190 ? 'ok' : 'refused';
    };
    const credit = async () => {
      const answer = await legacy.call('/api/credit', 'Credit', {}, { INVOICES: [{ INVOICENUMBER: number, CREDITAMOUNT: '5.00' }] });
      return String(answer.api.MSG.STATUSES.ITEM[0].CODE) === '200' ? 'ok' : 'refused';
    };
    const outcomes = await Promise.all(Array.from({ length: 30 }, (_, index) => (index % 2 === 0 ? refund() : credit())));
    assert.equal(outcomes.filter((outcome) => outcome === 'ok').length, 20);

    const [books] = await server.store.db.query<{ total: number; credited: number; credits: number }>(
      `SELECT i.total, i.credited,
         COALESCE((SELECT sum(amount) FROM ledger_entries l WHERE l.invoice_id = i.id AND l.kind = 'credit'), 0)::bigint AS credits
       FROM invoices i WHERE i.invoice_number = $1`,
      [number],
    );
    assert.deepEqual(books, { total: 10030, credited: 10000, credits: 10000 });
    const info = (await client.send('GET', `/json/Transaction/RefundInfo/${pay.Key}`)).json;
    assert.equal(info.MaximumRefundAmount, 0.3);
  });
});
