/**
 * A merchant sees and changes only its own invoices (docs/legacy-api.md "Transport"): to apitest,
 * an invoice of usertest's is simply unknown, under either of its numbers, on every action.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { freshCustomer } from '../support/fresh-customer.js';
import { APITEST, Legacy } from '../support/legacy-client.js';
import { rowCounts } from '../support/row-counts.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('merchant isolation on the legacy API', () => {
  let server: TestServer;
  let usertest: Legacy;
  let apitest: Legacy;
  let numbers: string[];
  before(async () => {
    server = await startTestServer();
    usertest = new Legacy(server.url);
    apitest = new Legacy(server.url, APITEST);
    const placed = await usertest.placeOrder({ fields: freshCustomer() });
    numbers = [placed.orderNumber, placed.invoice];
  });
  after(() => server.close());

  /** Runs another merchant's attempts and asserts that no row anywhere changed. */
  async function changesNothing(attempt: (number: string) => Promise<void>): Promise<void> {
    const before = await rowCounts(server);
    const [invoice] = await server.store.db.query('SELECT * FROM invoices WHERE invoice_number = $1', [numbers[1]]);
    for (const number of numbers) await attempt(number);
    assert.deepEqual(await rowCounts(server), before);
    assert.deepEqual((await server.store.db.query('SELECT * FROM invoices WHERE invoice_number = $1', [numbers[1]]))[0], invoice);
  }

  test('status answers -1 Order not found', async () => {
    await changesNothing(async (number) => {
      const answer = await apitest.call('/api/status', 'Status', {}, { INVOICES: [{ INVOICENUMBER: number }] });
      assert.deepEqual(answer.api.MSG.INVOICES.INVOICE[0], { INVOICENUMBER: number, STATUS: '-1', DESCRIPTION: 'Order not found' });
    });
  });

  test('start workflow answers 704 Unknown invoice number', async () => {
    await changesNothing(async (number) => {
      const answer = await apitest.call('/api/start-workflow', 'activate order', {}, { INVOICES: [{ INVOICENUMBER: number }] });
      assert.deepEqual(answer.api.ERROR, { CODE: '704', DESCRIPTION: `Unknown invoice number: ${number}` });
    });
  });

  test('payment answers item code -1', async () => {
    await changesNothing(async (number) => {
      const answer = await apitest.call('/api/payment', 'Payment', {}, { INVOICES: [{ INVOICENUMBER: number, AMOUNT: '10.00', DESCRIPTION: 'Bank' }] });
      assert.equal(answer.api.MSG.INVOICES.ITEM[0].CODE, '-1');
    });
  });

  test('credit answers item code -1', async () => {
    await changesNothing(async (number) => {
      const answer = await apitest.call('/api/credit', 'Credit', {}, { INVOICES: [{ INVOICENUMBER: number, CREDITAMOUNT: '10.00' }] });
      assert.equal(answer.api.MSG.STATUSES.ITEM[0].CODE, '-1');
    });
  });

  test('on hold and resume answer 402', async () => {
    await usertest.call('/api/start-workflow', 'activate order', {}, { INVOICES: [{ INVOICENUMBER: numbers[0]! }] });
    await changesNothing(async (number) => {
      assert.equal((await apitest.call('/api/on-hold', 'Onhold', { INVOICENUMBER: number, DAYS: '7' })).code, '402');
      assert.equal((await apitest.call('/api/on-hold', 'resume', { INVOICENUMBER: number, RESUME: 'y' })).code, '402');
    });
  });

  test('file answers 402 and hands out no link', async () => {
    await changesNothing(async (number) => {
      const answer = await apitest.call('/api/file', 'pdf', { INVOICENUMBER: number });
      assert.equal(answer.code, '402');
      assert.doesNotMatch(answer.text, /https?:/);
    });
  });

  test('message answers 402 and stores nothing', async () => {
    await changesNothing(async (number) => {
      assert.equal((await apitest.call('/api/message', 'message', { INVOICENUMBER: number, MESSAGE: 'Please stop' })).code, '402');
    });
  });

  test('the owner still reaches its invoice under both numbers', async () => {
    for (const number of numbers) {
      const answer = await usertest.call('/api/status', 'Status', {}, { INVOICES: [{ INVOICENUMBER: number }] });
      assert.equal(answer.api.MSG.INVOICES.INVOICE[0].STATUS, '0');
    }
  });
});
