import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ManualClock } from '../../src/core/shared/clock.js';
import { APITEST, Legacy } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { restrictWorkflow } from '../support/workflow-types.js';
import { createSession, postJson, type SessionBody, sessionBody } from './checkout-fixtures.js';

const SHOP = 'https://shop.example.test';
const NOW = new Date('2026-03-02T10:00:00.000Z');

async function countSessions(server: TestServer): Promise<number> {
  const rows = await server.store.db.query<{ n: number }>('SELECT count(*) AS n FROM checkout_sessions');
  return Number(rows[0]!.n);
}

describe('creating a checkout session', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ overrides: { clock: new ManualClock(NOW) } });
  });
  after(() => server.close());

  test('answers success with an unguessable session id, a page URL, the Billink number and an expiry one hour on', async () => {
    const body = sessionBody(SHOP, (b) => {
      b.transaction.orderNumber = 'O2026.03.02.7';
      b.transaction.customInvoiceID = 'INV-77';
    });
    const created = await createSession(server.url, body);
    assert.equal(created.status, 'success');
    // 128 random bits are 22 base64url characters.
    assert.match(created.sessionID, /^[A-Za-z0-9_-]{22,}$/);
    assert.equal(created.sessionURL, `${server.url}/checkout/${created.sessionID}`);
    assert.equal(created.invoice, '1TSTO2026-03-02-7');
    assert.equal(created.expiresAt, '2026-03-02T11:00:00.000Z');
    assert.match(created.customerID, /^cus_[A-Za-z0-9_-]{22,}$/);
    assert.equal(created.customInvoiceID, 'INV-77');

    const again = await createSession(server.url, sessionBody(SHOP));
    assert.notEqual(again.sessionID, created.sessionID);
    assert.equal(again.customInvoiceID, null);
  });

  test('reads credentials, numbers and a payTrustScore as Magento sends them', async () => {
    const body = sessionBody(SHOP, (b) => {
      b.client.workflowNumber = 1;
      b.customer.payTrustScore = 10;
      b.transaction.totalAmount = 104.85;
    });
    const created = await createSession(server.url, body);
    assert.equal(created.status, 'success');
  });

  test('refuses an unknown username or a wrong billinkID with 404 Client not found', async () => {
    for (const change of [
      (b: SessionBody) => (b.client.billinkUsername = 'nobody'),
      (b: SessionBody) => (b.client.billinkID = APITEST.clientId),
    ]) {
      const answer = await postJson(server.url, '/v2/session/create', sessionBody(SHOP, change));
      assert.equal(answer.status, 404);
      assert.deepEqual(answer.body, { status: 'error', message: 'Client not found' });
    }
  });

  test('refuses a body without credentials with 400, in both the status and the error_backend shape', async () => {
    const answer = await postJson(server.url, '/v2/session/create', sessionBody(SHOP, (b) => delete b.client.billinkID));
    assert.equal(answer.status, 400);
    assert.deepEqual(answer.body, {
      status: 'error',
      message: 'billinkID parameter missing',
      error_backend: { http_status_code: 400, http_body: { message: 'billinkID parameter missing' } },
    });
  });

  test('answers a body that is not JSON with 400 in the create error shape', async () => {
    const answer = await postJson(server.url, '/v2/session/create', '{"client": ');
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error_backend.http_body.message, 'Request body is not valid JSON');
  });

  const refusals: [string, (b: SessionBody) => void, string][] = [
    ['an e-mail address an order would refuse', (b) => (b.customer.email = 'anna@'), 'customer.email has a wrong format'],
    ['a phone number an order would refuse', (b) => (b.customer.mobile = 'call me'), 'customer.mobile can contain only digits, spaces, +, (, ) and - signs'],
    ['a customer under 18, whom the credit check would refuse', (b) => (b.customer.birthdate = '01-06-2010'), 'The customer must be 18 or older to pay afterwards'],
    ['a postal code the credit check cannot read', (b) => (b.billingAddress.postalCode = '12345'), 'billingAddress.postalCode is not a postal code of billingAddress.countryCode'],
    ['a missing street', (b) => delete b.billingAddress.street, 'billingAddress.street parameter missing'],
    ['a customer type other than p or b', (b) => (b.customer.type = 'x'), 'customer.type must be p (private) or b (business)'],
    ['a delivery outside NL and BE', (b) => (b.shippingAddress.countryCode = 'DE'), 'shippingAddress.countryCode: orders paid afterwards can be shipped to NL and BE only'],
    ['no order lines', (b) => (b.transaction.orderItems = []), 'transaction.orderItems must hold 1 to 500 items'],
    ['a VAT rate that does not exist', (b) => (b.transaction.orderItems[0].taxRate = '13'), 'transaction.orderItems[].taxRate must be one of 0, 5, 6, 7, 9, 16, 19, 20, 21'],
    ['a quantity of zero', (b) => (b.transaction.orderItems[0].quantity = '0'), 'transaction.orderItems[].quantity must be a whole number of at least 1'],
    ['a total that is not the sum of the lines', (b) => (b.transaction.totalAmount = '100.00'), 'transaction.totalAmount 100.00 does not equal the sum of the order items, 104.85'],
    ['an amount above the workflow maximum', (b) => {
      b.transaction.orderItems[0].productAmount = '250.00';
      b.transaction.orderItems[0].totalProductAmount = '500.00';
      delete b.transaction.totalAmount;
    }, 'Amount is bigger than allowed for this workflow'],
    ['an unknown workflow', (b) => (b.client.workflowNumber = '9'), 'Workflow with number 9 does not exist'],
    ['an order number with a space', (b) => (b.transaction.orderNumber = 'A 1'), 'transaction.orderNumber may contain only letters, digits, _ (underscore), - (hyphen) and . (dot)'],
    ['a currency we do not book', (b) => (b.transaction.purchaseCurrency = 'JPY'), 'transaction.purchaseCurrency must be EUR, USD or GBP'],
    ['a missing successURL', (b) => delete b.client.returnURL.successURL, 'client.returnURL.successURL parameter missing'],
    ['a javascript: failURL', (b) => (b.client.returnURL.failURL = 'javascript:alert(1)'), 'client.returnURL.failURL must be an absolute http(s) URL of visible ASCII characters'],
    ['a return URL with a space inside', (b) => (b.client.returnURL.cancelURL = 'https://shop.test/a b'), 'client.returnURL.cancelURL must be an absolute http(s) URL of visible ASCII characters'],
    ['a logo that is not a web address', (b) => (b.client.options.logoURL = 'ftp://shop.test/logo.png'), 'client.options.logoURL must be an absolute https URL without ; , quotes, * or backslashes'],
    ['a logo whose host would end the Content-Security-Policy directive', (b) => (b.client.options.logoURL = 'https://cdn.example;script-src */logo.png'), 'client.options.logoURL must be an absolute https URL without ; , quotes, * or backslashes'],
    ['a logo with a comma in its host', (b) => (b.client.options.logoURL = 'https://a,b.example/logo.png'), 'client.options.logoURL must be an absolute https URL without ; , quotes, * or backslashes'],
    ['a logo with a percent-encoded semicolon in its host', (b) => (b.client.options.logoURL = 'https://cdn.example%3Bscript-src/logo.png'), 'client.options.logoURL must be an absolute https URL without ; , quotes, * or backslashes'],
    ['a logo with a quote in its path', (b) => (b.client.options.logoURL = "https://cdn.example/it's.png"), 'client.options.logoURL must be an absolute https URL without ; , quotes, * or backslashes'],
    ['a logo on plain http off loopback', (b) => (b.client.options.logoURL = 'http://cdn.example/logo.png'), 'client.options.logoURL must be an absolute https URL without ; , quotes, * or backslashes'],
    ['a payTrustScore above 10', (b) => (b.customer.payTrustScore = 11), 'customer.payTrustScore must be a whole number from 0 to 10'],
  ];
  for (const [what, change, message] of refusals) {
    test(`refuses ${what} with 400 and writes nothing`, async () => {
      const before = await countSessions(server);
      const answer = await postJson(server.url, '/v2/session/create', sessionBody(SHOP, change));
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      assert.deepEqual(answer.body, { status: 'error', message, error_backend: { http_status_code: 400, http_body: { message } } });
      assert.equal(await countSessions(server), before);
    });
  }

  test('refuses a private customer on a workflow the merchant restricted to businesses, and writes nothing', async () => {
    await restrictWorkflow(server, 'usertest', 2, 'B');
    try {
      const before = await countSessions(server);
      const answer = await postJson(server.url, '/v2/session/create', sessionBody(SHOP, (b) => (b.client.workflowNumber = '2')));
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
      assert.equal(answer.body.message, 'The workflow does not accept this customer.type');
      assert.equal(await countSessions(server), before);
    } finally {
      await restrictWorkflow(server, 'usertest', 2, 'P,B');
    }
  });

  test('refuses an order number whose Billink number an existing order already has', async () => {
    const legacy = new Legacy(server.url);
    const placed = await legacy.placeOrder();
    const answer = await postJson(server.url, '/v2/session/create', sessionBody(SHOP, (b) => (b.transaction.orderNumber = placed.orderNumber)));
    assert.equal(answer.status, 400);
    assert.equal(answer.body.message, `Order with number ${placed.orderNumber} already exists`);

    // "A.1" becomes the Billink number of "A-1": the same invoice, so it is refused too.
    const dotted = placed.orderNumber.replaceAll('-', '.');
    const collision = await postJson(server.url, '/v2/session/create', sessionBody(SHOP, (b) => (b.transaction.orderNumber = dotted)));
    assert.equal(collision.status, 400);
    assert.equal(collision.body.message, `Order with number ${dotted} already exists`);
  });

  test('books a row whose total is not unit price times quantity as one line of the row total', async () => {
    const body = sessionBody(SHOP, (b) => {
      b.transaction.orderItems = [{ code: 'T', name: 'Theedoek', quantity: '3', productAmount: '3.33', totalProductAmount: '10.00', taxRate: '21' }];
      b.transaction.totalAmount = '10.00';
    });
    const created = await createSession(server.url, body);
    const rows = await server.store.db.query<{ total: number; lines: { description: string; quantity: number; totalInclusive: number }[] }>(
      'SELECT total, lines FROM checkout_sessions WHERE id = $1',
      [created.sessionID],
    );
    assert.equal(rows[0]!.total, 1000);
    assert.deepEqual(
      rows[0]!.lines.map((line) => [line.description, line.quantity, line.totalInclusive]),
      [['3 × Theedoek', 1, 1000]],
    );
  });

  test('is listed with the status endpoint in the OpenAPI document', async () => {
    const document = (await (await fetch(`${server.url}/v2/openapi.json`)).json()) as { paths: Record<string, unknown> };
    assert.ok(document.paths['/v2/session/create']);
    assert.ok(document.paths['/v2/session/status']);
  });
});

describe('a checkout session behind a public URL with a path', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { PUBLIC_URL: 'https://pay.example.test/achteraf/' } });
  });
  after(() => server.close());

  test('hands out page URLs under the public URL, and the page links its assets under that path', async () => {
    const created = await createSession(server.url, sessionBody(SHOP));
    assert.equal(created.sessionURL, `https://pay.example.test/achteraf/checkout/${created.sessionID}`);
    const html = await (await fetch(`${server.url}/checkout/${created.sessionID}`)).text();
    assert.match(html, /href="\/achteraf\/checkout\/assets\/checkout\.css"/);
    assert.match(html, new RegExp(`action="/achteraf/checkout/${created.sessionID}/approve"`));
  });
});
