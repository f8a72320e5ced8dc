import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { APITEST, USERTEST } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { call, jsonOrder, postJson } from './v2-client.js';

/** The reconciliation pages write billinkId with a lower-case d (spec §1.3). */
const RECONCILIATION_CREDENTIALS = { billinkUsername: USERTEST.username, billinkId: USERTEST.clientId };

describe('reconciliation: the invoice list and the invoice download', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    await jsonOrder(server.url, 'SEED-1');
    await call(server.url, '/v2/client/order/start-workflow', { invoices: [{ invoiceNumber: 'SEED-1' }] });
    await call(server.url, '/v2/client/invoice/payment', { invoices: [{ invoiceNumber: 'SEED-1', amount: '10.00' }] });
    await call(server.url, '/v2/client/invoice/credit', { invoices: [{ number: 'SEED-1', creditAmount: 1.5 }] });
    // 150 more invoices, one per day from 2026-01-02, copied in SQL so the paging test stays fast.
    await server.store.db.query(
      `INSERT INTO invoices (merchant_id, workflow_number, merchant_number, invoice_number, order_date, currency, customer,
         customer_email, customer_identity, lines, total, vat, status, step, sandbox, file_token, created_at)
       SELECT merchant_id, workflow_number, 'BULK-' || g, '1TSTBULK-' || g, DATE '2026-01-01' + g, currency, customer,
         customer_email, customer_identity, lines, total, vat, 'open', 'not_started', sandbox, 'bulk-token-' || g, created_at
       FROM invoices, generate_series(1, 150) AS g WHERE merchant_number = 'SEED-1'`,
    );
  });
  after(() => server.close());

  const list = (query = '', credentials: Record<string, unknown> = RECONCILIATION_CREDENTIALS) =>
    postJson(server.url, `/v2/client/invoices${query}`, credentials);

  test('the first page holds 100 invoices in invoice-date order, with total_invoices as a string', async () => {
    const answer = await list();
    assert.equal(answer.status, 200);
    assert.deepEqual(Object.keys(answer.body), ['invoices', 'master_client', 'page', 'total_invoices', 'total_pages']);
    assert.equal(answer.body.page, 1);
    assert.equal(answer.body.total_invoices, '151');
    assert.equal(answer.body.total_pages, 2);
    assert.equal(answer.body.invoices.length, 100);
    assert.deepEqual(answer.body.master_client, { username: 'usertest', name: 'Test Webshop', code: 'TST' });
    const dates = answer.body.invoices.map((invoice: { invoice_date: string }) => invoice.invoice_date);
    assert.deepEqual(dates, [...dates].sort());
    assert.equal(answer.body.invoices[0].invoice_number, '1TSTBULK-1');
  });

  test('the second page holds the rest, and a page past the end answers 404 {status, message}', async () => {
    const second = await list('?page=2');
    assert.equal(second.body.page, 2);
    assert.equal(second.body.invoices.length, 51);
    const past = await list('?page=3');
    assert.equal(past.status, 404);
    assert.deepEqual(past.body, { status: 'error', message: 'No invoices found' });
  });

  test('date_from and date_to bound the invoice date inclusively, in either date notation', async () => {
    const answer = await list('?date_from=2026-01-02&date_to=05-01-2026');
    assert.deepEqual(
      answer.body.invoices.map((invoice: { invoice_number_clean: string }) => invoice.invoice_number_clean),
      ['BULK-1', 'BULK-2', 'BULK-3', 'BULK-4'],
    );
    assert.equal(answer.body.total_invoices, '4');
    assert.equal(answer.body.total_pages, 1);
    const none = await list('?date_from=2020-01-01&date_to=2020-12-31');
    assert.equal(none.status, 404);
  });

  test('each invoice carries both numbers, its dates, status and amounts as decimal strings and as cents', async () => {
    const answer = await list('?date_from=2026-11-21&date_to=2026-11-21');
    assert.equal(answer.body.invoices.length, 1);
    const invoice = answer.body.invoices[0];
    assert.equal(invoice.invoice_number, '1TSTSEED-1');
    assert.equal(invoice.invoice_number_clean, 'SEED-1');
    assert.equal(invoice.custom_invoice_id, null);
    assert.equal(invoice.workflow_number, 1);
    assert.equal(invoice.invoice_date, '2026-11-21');
    assert.match(invoice.due_date, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(invoice.currency, 'EUR');
    assert.equal(invoice.status, 'open');
    assert.equal(invoice.workflow_step, 'Wait for payment');
    assert.deepEqual(
      [invoice.total_amount, invoice.paid_amount, invoice.credited_amount, invoice.open_amount],
      ['104.85', '10.00', '1.50', '93.35'],
    );
    assert.deepEqual(
      [invoice.total_amount_cents, invoice.paid_amount_cents, invoice.credited_amount_cents, invoice.open_amount_cents],
      [10485, 1000, 150, 9335],
    );
  });

  test('bad paging or dates answer 400 with a message naming the parameter', async () => {
    const cases: [string, string][] = [
      ['?page=0', 'Invalid page parameter'],
      ['?page=two', 'Invalid page parameter'],
      ['?date_from=2026-13-01', 'Invalid date_from parameter'],
      ['?date_to=yesterday', 'Invalid date_to parameter'],
      ['?date_from=2026-02-01&date_to=2026-01-01', 'date_from is after date_to'],
    ];
    for (const [query, message] of cases) {
      const answer = await list(query);
      assert.equal(answer.status, 400, query);
      assert.deepEqual(answer.body, { status: 'error', message }, query);
    }
  });

  test('missing credentials answer 400, wrong ones 404 Client not found; billinkID is read as well', async () => {
    assert.deepEqual((await list('', { billinkId: USERTEST.clientId })).body, { status: 'error', message: 'billinkUsername parameter missing' });
    assert.equal((await list('', { billinkUsername: 'usertest' })).status, 400);
    const wrong = await list('', { billinkUsername: 'usertest', billinkId: 'a'.repeat(40) });
    assert.equal(wrong.status, 404);
    assert.deepEqual(wrong.body, { status: 'error', message: 'Client not found' });
    assert.equal((await list('', { billinkUsername: 'usertest', billinkID: USERTEST.clientId })).status, 200);
  });

  test('a merchant sees only its own invoices', async () => {
    const answer = await list('', { billinkUsername: APITEST.username, billinkId: APITEST.clientId });
    assert.equal(answer.status, 404);
  });

  test('a body that is not JSON answers 400 in the {status, message} shape', async () => {
    const answer = await postJson(server.url, '/v2/client/invoices?page=1', '{nope');
    assert.equal(answer.status, 400);
    assert.deepEqual(answer.body, { status: 'error', message: 'Request body is not valid JSON' });
  });

  test('the download answers the invoice PDF by either number', async () => {
    for (const invoiceNumber of ['SEED-1', '1TSTSEED-1']) {
      const response = await fetch(`${server.url}/v2/client/invoice/download`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...RECONCILIATION_CREDENTIALS, invoiceNumber }),
      });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/pdf');
      assert.equal(response.headers.get('content-disposition'), 'attachment; filename="1TSTSEED-1.pdf"');
      const pdf = Buffer.from(await response.arrayBuffer());
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    }
  });

  test('the download answers 400 without a number, 404 for an unknown or foreign invoice or wrong credentials', async () => {
    const download = (body: Record<string, unknown>) => postJson(server.url, '/v2/client/invoice/download', body);
    assert.deepEqual((await download(RECONCILIATION_CREDENTIALS)).body, { status: 'error', message: 'invoiceNumber parameter missing' });
    const unknown = await download({ ...RECONCILIATION_CREDENTIALS, invoiceNumber: 'NOPE' });
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.body, { status: 'error', message: 'Invoice not found' });
    const foreign = await download({ billinkUsername: APITEST.username, billinkId: APITEST.clientId, invoiceNumber: 'SEED-1' });
    assert.equal(foreign.status, 404);
    const wrongWorkflow = await download({ ...RECONCILIATION_CREDENTIALS, invoiceNumber: 'SEED-1', workflowNumber: 2 });
    assert.equal(wrongWorkflow.status, 404);
    const wrong = await download({ billinkUsername: 'usertest', billinkId: 'b'.repeat(40), invoiceNumber: 'SEED-1' });
    assert.deepEqual([wrong.status, wrong.body], [404, { status: 'error', message: 'Client not found' }]);
  });
});

describe('webshop settings', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('a merchant without stored settings gets the defaults, every key present', async () => {
    const answer = await call(server.url, '/v2/client/webshop-settings');
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { status: 'success', minimum_paid_orders: 3, period: 365, total_amount_higher_than: '0.00', whitelist: [] });
  });

  test('stored settings are answered per merchant, the amount as a decimal string', async () => {
    await server.store.db.query(
      `INSERT INTO merchant_settings (merchant_id, minimum_paid_orders, period_days, total_amount_higher_than, whitelist, updated_at)
       VALUES ('m_apitest', 1, 90, 25050, '["vaste.klant@example.com"]', now())`,
    );
    const answer = await postJson(server.url, '/v2/client/webshop-settings', { billinkUsername: APITEST.username, billinkID: APITEST.clientId });
    assert.deepEqual(answer.body, {
      status: 'success',
      minimum_paid_orders: 1,
      period: 90,
      total_amount_higher_than: '250.50',
      whitelist: ['vaste.klant@example.com'],
    });
    assert.equal((await call(server.url, '/v2/client/webshop-settings')).body.minimum_paid_orders, 3);
  });

  test('wrong credentials answer the flat error with 101 or 102 and HTTP 200', async () => {
    const answer = await postJson(server.url, '/v2/client/webshop-settings', { billinkUsername: 'usertest', billinkID: '1'.repeat(40) });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, {
      result: 'error',
      code: '102',
      description: 'Unknown client username or client id',
      error: { code: '102', description: 'Unknown client username or client id' },
    });
  });
});
