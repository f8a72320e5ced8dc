/**
 * The dashboard's invoice search over real orders: number prefixes, the whole e-mail address,
 * last-name prefixes, LIKE's own characters taken literally, the filters, keyset pages both ways,
 * and never another merchant's invoices.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InvoiceSearch } from '../../src/core/dashboard/dashboard-ports.js';
import { SqlInvoiceSearch } from '../../src/store/dashboard-invoice-repository.js';
import { freshCustomer } from '../support/fresh-customer.js';
import { APITEST, Legacy, USERTEST } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('the dashboard invoice search', () => {
  let server: TestServer;
  let search: SqlInvoiceSearch;
  const placed: { invoice: string; orderNumber: string; email: string }[] = [];
  const query = (change: Partial<InvoiceSearch>): InvoiceSearch => ({
    text: undefined,
    step: undefined,
    flags: [],
    after: undefined,
    before: undefined,
    limit: 2,
    now: new Date(),
    ...change,
  });
  const numbers = async (change: Partial<InvoiceSearch>, merchant = 'm_usertest') =>
    (await search.search(merchant, query(change))).rows.map((row) => row.invoiceNumber);

  before(async () => {
    server = await startTestServer();
    search = new SqlInvoiceSearch(server.store.db);
    const legacy = new Legacy(server.url, USERTEST);
    for (const lastName of ['Jansen', 'Janssens', 'de Vries', 'Bakker', 'Jan_sen']) {
      const customer = freshCustomer({ LASTNAME: lastName });
      placed.push({ ...(await legacy.placeOrder({ fields: customer })), email: customer.EMAIL! });
    }
    await new Legacy(server.url, APITEST).placeOrder({ fields: freshCustomer({ LASTNAME: 'Jansen' }) });
  });
  after(() => server.close());

  test('pages run newest first, older and newer by keyset, with the links each page needs', async () => {
    const newest = [...placed].reverse().map((entry) => entry.invoice);
    const first = await search.search('m_usertest', query({}));
    assert.deepEqual(first.rows.map((row) => row.invoiceNumber), newest.slice(0, 2));
    assert.deepEqual([first.older, first.newer], [true, false]);
    const second = await search.search('m_usertest', query({ after: first.rows.at(-1)!.id }));
    assert.deepEqual(second.rows.map((row) => row.invoiceNumber), newest.slice(2, 4));
    assert.deepEqual([second.older, second.newer], [true, true]);
    const last = await search.search('m_usertest', query({ after: second.rows.at(-1)!.id }));
    assert.deepEqual(last.rows.map((row) => row.invoiceNumber), newest.slice(4));
    assert.deepEqual([last.older, last.newer], [false, true]);
    const back = await search.search('m_usertest', query({ before: last.rows[0]!.id }));
    assert.deepEqual(back.rows.map((row) => row.invoiceNumber), newest.slice(2, 4));
    assert.deepEqual([back.older, back.newer], [true, true]);
  });

  test('a last-name prefix matches in any case, and an underscore matches only itself', async () => {
    assert.deepEqual((await numbers({ text: 'jans', limit: 10 })).sort(), [placed[0]!.invoice, placed[1]!.invoice].sort());
    assert.deepEqual(await numbers({ text: 'Jan_', limit: 10 }), [placed[4]!.invoice]);
    assert.deepEqual(await numbers({ text: 'de v', limit: 10 }), [placed[2]!.invoice]);
  });

  test('the e-mail address matches whole and in any case; a part of it matches nothing', async () => {
    assert.deepEqual(await numbers({ text: placed[3]!.email.toUpperCase() }), [placed[3]!.invoice]);
    assert.deepEqual(await numbers({ text: placed[3]!.email.slice(0, 8) }), []);
  });

  test('invoice and order numbers match by prefix', async () => {
    assert.deepEqual(await numbers({ text: placed[2]!.invoice }), [placed[2]!.invoice]);
    assert.deepEqual(await numbers({ text: placed[2]!.orderNumber.slice(0, -2), limit: 10 }).then((found) => found.includes(placed[2]!.invoice)), true);
  });

  test('filters narrow the list: a paid invoice shows under paid, an open one under its step', async () => {
    const pay = await new Legacy(server.url, USERTEST).call('/api/payment', 'Payment', {}, { INVOICES: [{ INVOICENUMBER: placed[1]!.invoice, AMOUNT: '104.85' }] });
    assert.equal(pay.code, '200');
    assert.deepEqual(await numbers({ flags: ['paid'] }), [placed[1]!.invoice]);
    assert.equal((await numbers({ step: 'not_started', limit: 10 })).includes(placed[1]!.invoice), false);
    assert.deepEqual(await numbers({ flags: ['in_collection'] }), []);
    assert.deepEqual(await numbers({ flags: ['on_hold'] }), []);
  });

  test('the disputed and paid-out filters show only the invoices whose life cycle has the flag, alone or together', async () => {
    // No API opens a dispute yet; the life cycle's own columns are set as its transitions would.
    await server.store.db.query(
      `UPDATE invoices SET dispute_open = invoice_number = $1 OR invoice_number = $2, paid_out = invoice_number = $2 OR invoice_number = $3
       WHERE merchant_id = 'm_usertest'`,
      [placed[0]!.invoice, placed[2]!.invoice, placed[3]!.invoice],
    );
    assert.deepEqual(await numbers({ flags: ['disputed'], limit: 10 }), [placed[2]!.invoice, placed[0]!.invoice]);
    assert.deepEqual(await numbers({ flags: ['paid_out'], limit: 10 }), [placed[3]!.invoice, placed[2]!.invoice]);
    assert.deepEqual(await numbers({ flags: ['disputed', 'paid_out'], limit: 10 }), [placed[2]!.invoice]);
    const page = await search.search('m_usertest', query({ flags: ['disputed'], limit: 1 }));
    assert.deepEqual([page.rows.map((row) => row.invoiceNumber), page.older], [[placed[2]!.invoice], true]);
    assert.deepEqual(await numbers({ flags: ['disputed'], limit: 10 }, 'm_apitest'), []);
    await server.store.db.query(`UPDATE invoices SET dispute_open = false, paid_out = false WHERE merchant_id = 'm_usertest'`);
  });

  test('another merchant’s invoices never show, whatever the search', async () => {
    const apitest = await numbers({ text: 'jansen', limit: 10 }, 'm_apitest');
    assert.equal(apitest.length, 1);
    assert.ok(!placed.some((entry) => apitest.includes(entry.invoice)));
  });
});
