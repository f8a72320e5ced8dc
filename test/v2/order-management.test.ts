import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { APITEST, Legacy } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { call, jsonOrder, postJson } from './v2-client.js';

let sequence = 0;
function nextNumber(): string {
  sequence += 1;
  return `MGMT-${sequence}`;
}

describe('order management on the v2 JSON API', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { STATUS_RATE_LIMIT_PER_MINUTE: '40' } });
  });
  after(() => server.close());

  const rows = async (table: string) => Number((await server.store.db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

  test('start workflow answers code 500 with a numeric item code per invoice: started, already started, unknown', async () => {
    const number = nextNumber();
    await jsonOrder(server.url, number);
    const first = await call(server.url, '/v2/client/order/start-workflow', { invoices: [{ invoiceNumber: number }, { invoiceNumber: 'NOPE-1' }] });
    assert.equal(first.status, 200);
    assert.deepEqual(first.body, {
      result: 'MSG',
      code: '500',
      statuses: [
        { code: 500, invoiceNumber: number, message: 'Success' },
        { code: -1, invoiceNumber: 'NOPE-1', message: 'Order does not exist' },
      ],
    });
    const again = await call(server.url, '/v2/client/order/start-workflow', { invoices: [{ number: `1TST${number}` }] });
    assert.deepEqual(again.body.statuses, [{ code: 707, invoiceNumber: `1TST${number}`, message: 'Order workflow is allready started' }]);
  });

  test('start workflow refuses an empty list with 705 and more than ten invoices with 708', async () => {
    const none = await call(server.url, '/v2/client/order/start-workflow', { invoices: [] });
    assert.deepEqual(none.body, { result: 'error', code: '705', description: 'No invoices provided', error: { code: '705', description: 'No invoices provided' } });
    const missing = await call(server.url, '/v2/client/order/start-workflow', {});
    assert.equal(missing.body.code, '705');
    const many = Array.from({ length: 11 }, (_, i) => ({ invoiceNumber: `X-${i}` }));
    const tooMany = await call(server.url, '/v2/client/order/start-workflow', { invoices: many });
    assert.equal(tooMany.status, 200);
    assert.equal(tooMany.body.code, '708');
  });

  test('a workflow number that is not the invoice\'s own makes the invoice unknown', async () => {
    const number = nextNumber();
    await jsonOrder(server.url, number);
    const answer = await call(server.url, '/v2/client/order/start-workflow', {
      invoices: [{ invoiceNumber: number, workflowNumber: 3 }, { invoiceNumber: 'NOPE-2' }],
    });
    const description = `Unknown invoice number: ${number}`;
    assert.deepEqual(answer.body, { result: 'error', code: '704', description, error: { code: '704', description } });
  });

  test('start workflow for invoices none of which exists answers 704 in the flat error shape, like the XML call', async () => {
    const answer = await call(server.url, '/v2/client/order/start-workflow', { invoices: [{ invoiceNumber: 'I2014.001.234' }] });
    assert.equal(answer.status, 200);
    const description = 'Unknown invoice number: I2014.001.234';
    assert.deepEqual(answer.body, { result: 'error', code: '704', description, error: { code: '704', description } });
  });

  test('payment answers invoices[] with numeric codes: partial, full, already paid, too long, not open, unknown', async () => {
    const number = nextNumber();
    await jsonOrder(server.url, number);
    const answer = await call(server.url, '/v2/client/invoice/payment', {
      invoices: [
        { invoiceNumber: number, amount: 4.85, description: 'Bank' },
        { invoiceNumber: number, amount: '1,000.00' },
        { invoiceNumber: number, amount: '100.00', description: 'x'.repeat(31) },
        { invoiceNumber: number, amount: '100.00' },
        { invoiceNumber: number, amount: '1' },
        { invoiceNumber: 'NOPE-2', amount: '1' },
      ],
    });
    assert.deepEqual(answer.body, {
      result: 'MSG',
      code: '200',
      invoices: [
        { code: 200, invoiceNumber: number, message: 'Payment applied: 4.85 EURO.' },
        { code: 706, invoiceNumber: number, message: 'Payment amount is higher than the open amount' },
        { code: 708, invoiceNumber: number, message: 'Description is too long (max. 30 characters)' },
        { code: 200, invoiceNumber: number, message: 'Payment applied: 100.00 EURO.; Order paid.' },
        { code: 707, invoiceNumber: number, message: 'Order is already paid' },
        { code: -1, invoiceNumber: 'NOPE-2', message: 'Order does not exist' },
      ],
    });
  });

  test('payment refuses a missing list with 420 and an unknown top-level workflow with 402', async () => {
    assert.equal((await call(server.url, '/v2/client/invoice/payment', { invoices: [] })).body.code, '420');
    const workflow = await call(server.url, '/v2/client/invoice/payment', { workflowNumber: 9, invoices: [{ invoiceNumber: 'A', amount: 1 }] });
    assert.deepEqual(workflow.body, {
      result: 'error',
      code: '402',
      description: 'Workflow with number 9 does not exist',
      error: { code: '402', description: 'Workflow with number 9 does not exist' },
    });
  });

  test('credit answers statuses[] with numeric codes: applied, more than open, zero amount, unknown', async () => {
    const number = nextNumber();
    await jsonOrder(server.url, number);
    const answer = await call(server.url, '/v2/client/invoice/credit', {
      invoices: [
        { number, creditAmount: 4.85, description: 'Retour' },
        { invoiceNumber: number, creditAmount: '1,000.00' },
        { number, creditAmount: 0 },
        { number: 'NOPE-7', creditAmount: 1 },
        { number, creditAmount: '100.00' },
      ],
    });
    assert.deepEqual(answer.body, {
      result: 'MSG',
      statuses: [
        { code: 200, invoiceNumber: number, message: 'Credit applied: 4.85 EURO.; step restarted.' },
        { code: 707, invoiceNumber: number, message: 'Credit cannot be applied at this stage' },
        { code: 708, invoiceNumber: number, message: 'Credit cannot be applied at this stage(0)' },
        { code: -1, invoiceNumber: 'NOPE-7', message: 'Order does not exist' },
        { code: 200, invoiceNumber: number, message: 'Credit applied: 100.00 EURO.; Order paid.' },
      ],
    });
  });

  test('credit refuses an empty list with 705 and an unknown workflow with 402; return costs are noted, not added', async () => {
    assert.equal((await call(server.url, '/v2/client/invoice/credit', { invoices: [] })).body.code, '705');
    const workflow = await call(server.url, '/v2/client/invoice/credit', { workflowNumber: 7, invoices: [{ number: 'A', creditAmount: 1 }] });
    assert.equal(workflow.body.description, 'Workflow with number 7 does not exist');
    const number = nextNumber();
    await jsonOrder(server.url, number);
    const returned = await call(server.url, '/v2/client/invoice/credit', {
      returnCosts: 1,
      returnCostsAmount: 4.95,
      invoices: [{ number, creditAmount: 10, description: 'Retour' }],
    });
    assert.equal(returned.body.statuses[0].message, 'Credit applied: 10.00 EURO.; step restarted.');
    const ledger = await server.store.db.query<{ amount: number; description: string }>(
      `SELECT l.amount, l.description FROM ledger_entries l JOIN invoices i ON i.id = l.invoice_id WHERE i.merchant_number = $1`,
      [number],
    );
    assert.deepEqual(ledger, [{ amount: 1000, description: 'Retour (incl. return costs)' }]);
  });

  test('a legacy XML payment and a v2 JSON payment on the same invoice both count', async () => {
    const number = nextNumber();
    await jsonOrder(server.url, number);
    const legacy = new Legacy(server.url);
    const xml = await legacy.call('/api/payment', 'Payment', {}, { INVOICES: [{ INVOICENUMBER: number, AMOUNT: '50.00' }] });
    assert.equal(xml.api.MSG.INVOICES.ITEM[0].CODE, '200');
    const json = await call(server.url, '/v2/client/invoice/payment', { invoices: [{ invoiceNumber: number, amount: 54.85 }] });
    assert.deepEqual(json.body.invoices[0], { code: 200, invoiceNumber: number, message: 'Payment applied: 54.85 EURO.; Order paid.' });
    const info = await call(server.url, '/v2/client/order/info', { invoices: [{ invoiceNumber: number }] });
    assert.equal(info.body.invoices[0].status, 1);
    const status = await legacy.call('/api/status', 'Status', {}, { INVOICES: [{ INVOICENUMBER: number }] });
    assert.equal(status.api.MSG.INVOICES.INVOICE[0].STATUS, '1');
  });

  test('on hold pauses a started invoice, and resume answers 200 whether or not it was on hold', async () => {
    const number = nextNumber();
    await jsonOrder(server.url, number);
    const notStarted = await call(server.url, '/v2/client/order/on-hold', { invoiceNumber: number, days: 5 });
    assert.deepEqual(notStarted.body, { result: 'error', code: '701', description: 'Order cannot be set on hold', error: { code: '701', description: 'Order cannot be set on hold' } });
    await call(server.url, '/v2/client/order/start-workflow', { invoices: [{ invoiceNumber: number }] });
    const held = await call(server.url, '/v2/client/order/on-hold', { invoiceNumber: number, workflowNumber: '1', days: 5 });
    assert.equal(held.body.result, 'MSG');
    assert.equal(held.body.code, '200');
    assert.match(held.body.description, /^Order is on hold until \d{4}-\d{2}-\d{2}$/);
    const heldUntil = await server.store.db.query<{ on_hold_until: Date | null }>('SELECT on_hold_until FROM invoices WHERE merchant_number = $1', [number]);
    assert.ok(heldUntil[0]!.on_hold_until);
    assert.deepEqual((await call(server.url, '/v2/client/order/resume', { invoiceNumber: number })).body, { result: 'MSG', code: '200', description: 'Order resumed' });
    const resumed = await server.store.db.query<{ on_hold_until: Date | null }>('SELECT on_hold_until FROM invoices WHERE merchant_number = $1', [number]);
    assert.equal(resumed[0]!.on_hold_until, null);
    assert.equal((await call(server.url, '/v2/client/order/resume', { invoiceNumber: number, workflowNumber: 1 })).body.code, '200');
  });

  test('on hold answers 401 without an invoice number, 402 for an unknown one and 403 beyond 14 guaranteed days', async () => {
    const number = nextNumber();
    await jsonOrder(server.url, number);
    await call(server.url, '/v2/client/order/start-workflow', { invoices: [{ invoiceNumber: number }] });
    assert.equal((await call(server.url, '/v2/client/order/on-hold', { days: 3 })).body.code, '401');
    assert.equal((await call(server.url, '/v2/client/order/on-hold', { invoiceNumber: 'NOPE-3' })).body.code, '402');
    const long = await call(server.url, '/v2/client/order/on-hold', { invoiceNumber: number, days: 15 });
    assert.equal(long.body.code, '403');
    assert.equal(long.body.description, 'On hold period is too long, because of guaranteed payment (max 14 days)');
    assert.equal((await call(server.url, '/v2/client/order/on-hold', { invoiceNumber: number, days: 'soon' })).body.code, '701');
  });

  test('resume answers 401 without an invoice number and 402 for an unknown one', async () => {
    assert.equal((await call(server.url, '/v2/client/order/resume', {})).body.code, '401');
    assert.equal((await call(server.url, '/v2/client/order/resume', { invoiceNumber: 'NOPE-4' })).body.code, '402');
  });

  test('on hold and resume answer wrong credentials with 101, as their table has no 102', async () => {
    const answer = await postJson(server.url, '/v2/client/order/on-hold', { billinkUsername: 'usertest', billinkID: '0'.repeat(40), invoiceNumber: 'A' });
    assert.equal(answer.body.code, '101');
    assert.equal((await postJson(server.url, '/v2/client/order/resume', { billinkUsername: 'nobody', billinkID: 'x', invoiceNumber: 'A' })).body.code, '101');
  });

  test('order info answers statuses as numbers, paidOut as 0 or 1, and takes objects or plain numbers', async () => {
    const number = nextNumber();
    const invoice = await jsonOrder(server.url, number);
    const answer = await call(server.url, '/v2/client/order/info', { invoices: [number, { invoiceNumber: invoice }, { invoiceNumber: 'NOPE-5' }, {}] });
    assert.deepEqual(answer.body, {
      result: 'MSG',
      code: '200',
      invoices: [
        { invoiceNumber: number, status: 0, description: 'No steps given', paidOut: 0 },
        { invoiceNumber: invoice, status: 0, description: 'No steps given', paidOut: 0 },
        { invoiceNumber: 'NOPE-5', status: -1, description: 'Order not found' },
        { invoiceNumber: '', status: -1, description: 'Order not found' },
      ],
    });
  });

  test('order info refuses an empty list with 705 and more than 100 invoices with 110', async () => {
    assert.equal((await call(server.url, '/v2/client/order/info', { invoices: [] })).body.code, '705');
    const many = Array.from({ length: 101 }, (_, i) => `N-${i}`);
    const answer = await call(server.url, '/v2/client/order/info', { invoices: many });
    assert.deepEqual(answer.body, { result: 'error', code: '110', description: 'Limit is 100 invoices per request', error: { code: '110', description: 'Limit is 100 invoices per request' } });
  });

  test('message stores the note with the invoice and answers 200', async () => {
    const number = nextNumber();
    await jsonOrder(server.url, number);
    const answer = await call(server.url, '/v2/client/order/message', { invoiceNumber: number, workflowNumber: 1, message: 'Klant belt terug' });
    assert.deepEqual(answer.body, { result: 'MSG', code: '200', description: 'Message added' });
    const stored = await server.store.db.query<{ body: string }>(
      'SELECT m.body FROM invoice_messages m JOIN invoices i ON i.id = m.invoice_id WHERE i.merchant_number = $1',
      [number],
    );
    assert.deepEqual(stored.map((row) => row.body), ['Klant belt terug']);
  });

  test('message answers 401, 402, 403 and 404 for a missing number, unknown invoice, no message and one too long', async () => {
    const number = nextNumber();
    await jsonOrder(server.url, number);
    const before = await rows('invoice_messages');
    assert.equal((await call(server.url, '/v2/client/order/message', { message: 'hi' })).body.code, '401');
    assert.equal((await call(server.url, '/v2/client/order/message', { invoiceNumber: 'NOPE-6', message: 'hi' })).body.code, '402');
    assert.equal((await call(server.url, '/v2/client/order/message', { invoiceNumber: number, message: '   ' })).body.code, '403');
    assert.equal((await call(server.url, '/v2/client/order/message', { invoiceNumber: number, message: 'x'.repeat(5001) })).body.code, '404');
    assert.equal(await rows('invoice_messages'), before);
  });

  test('a merchant cannot manage another merchant\'s invoice', async () => {
    const number = nextNumber();
    await jsonOrder(server.url, number);
    const other = { billinkUsername: APITEST.username, billinkID: APITEST.clientId };
    const started = await postJson(server.url, '/v2/client/order/start-workflow', { ...other, invoices: [{ invoiceNumber: number }] });
    assert.equal(started.body.code, '704');
    const info = await postJson(server.url, '/v2/client/order/info', { ...other, invoices: [number] });
    assert.equal(info.body.invoices[0].status, -1);
  });

  test('every management route answers unknown credentials with 101 or 102 and HTTP 200, changing nothing', async () => {
    const paths = [
      '/v2/client/order/start-workflow', '/v2/client/invoice/payment', '/v2/client/order/info',
      '/v2/client/order/message', '/v2/client/check', '/v2/client/order', '/v2/client/webshop-settings',
    ];
    for (const path of paths) {
      const unknown = await postJson(server.url, path, { billinkUsername: 'nobody', billinkID: 'x' });
      assert.equal(unknown.status, 200, path);
      assert.equal(unknown.body.code, '101', path);
      assert.equal(unknown.body.description, 'Unknown client username or client id', path);
      const wrongId = await postJson(server.url, path, { billinkUsername: 'usertest', billinkId: 'f'.repeat(40) });
      assert.equal(wrongId.body.code, '102', path);
      assert.equal((await postJson(server.url, path, {})).body.code, '101', path);
    }
  });

  test('a body that is not JSON answers 601 in the flat error shape with HTTP 200', async () => {
    const answer = await postJson(server.url, '/v2/client/invoice/payment', '{"billinkUsername": ');
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, {
      result: 'error',
      code: '601',
      description: 'Request body is not valid JSON',
      error: { code: '601', description: 'Request body is not valid JSON' },
    });
  });

  test('order info shares the per-merchant request limit with the legacy Status call (111)', async () => {
    const legacy = new Legacy(server.url, APITEST);
    const other = { billinkUsername: APITEST.username, billinkID: APITEST.clientId, invoices: ['A'] };
    let limited: any;
    for (let i = 0; i < 60 && !limited; i++) {
      const answer = i % 2 === 0
        ? (await postJson(server.url, '/v2/client/order/info', other)).body
        : { code: (await legacy.call('/api/status', 'Status', {}, { INVOICES: [{ INVOICENUMBER: 'A' }] })).code };
      if (answer.code === '111') limited = { at: i, answer };
    }
    // Half of the calls go to each API: the limit of 40 is reached within 41 calls only if both count.
    assert.ok(limited, 'the limit was never reached');
    assert.ok(limited.at <= 40, `limited only after ${limited.at} calls`);
  });
});
