import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { USERTEST } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { subscribe, WebhookReceiver } from '../support/webhook-receiver.js';
import { createSession, postForm, sessionBody, sessionStatus } from './checkout-fixtures.js';

const SHOP = 'https://shop.example.test';
const ANSWERS = { lang: 'nl', birthDate: '31-12-1990', phone: '06 12345678', terms: 'yes' };

describe('approving and cancelling a session through its page', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  const count = async (sql: string, params: unknown[]) => Number((await server.store.db.query<{ n: number }>(sql, params))[0]!.n);
  const events = (sessionId: string) =>
    server.store.db
      .query<{ data: { status: string } }>(`SELECT data FROM events WHERE type = 'session_status_changed' AND session_id = $1 ORDER BY id`, [sessionId])
      .then((rows) => rows.map((row) => row.data.status));

  test('approving places the order with what the customer typed and redirects to successURL verbatim', async () => {
    const body = sessionBody(SHOP, (b) => (b.transaction.customInvoiceID = 'CUSTOM-9'));
    const created = await createSession(server.url, body);
    const response = await postForm(`${created.sessionURL}/approve`, ANSWERS);
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), body.client.returnURL.successURL);

    const [invoice] = await server.store.db.query<{ invoice_number: string; total: number; custom_invoice_id: string; customer: Record<string, string> }>(
      'SELECT invoice_number, total, custom_invoice_id, customer FROM invoices WHERE merchant_number = $1',
      [body.transaction.orderNumber],
    );
    assert.equal(invoice!.invoice_number, created.invoice);
    assert.equal(invoice!.total, 10_485);
    assert.equal(invoice!.custom_invoice_id, 'CUSTOM-9');
    assert.equal(invoice!.customer.birthDate, '1990-12-31');
    assert.equal(invoice!.customer.phone, '06 12345678');
    assert.equal(invoice!.customer.sex, 'V');
    // The customer's own address, as the page saw it, not the shop server's.
    assert.match(invoice!.customer.ip!, /127\.0\.0\.1$/);
    assert.deepEqual(await events(created.sessionID), ['order_created']);
  });

  test('approving twice at once, as a double click does, places one order and sends both to successURL', async () => {
    const body = sessionBody(SHOP);
    const created = await createSession(server.url, body);
    const responses = await Promise.all([1, 2, 3].map(() => postForm(`${created.sessionURL}/approve`, ANSWERS)));
    for (const response of responses) {
      assert.equal(response.status, 303);
      assert.equal(response.headers.get('location'), body.client.returnURL.successURL);
    }
    assert.equal(await count('SELECT count(*) AS n FROM invoices WHERE merchant_number = $1', [body.transaction.orderNumber]), 1);
    assert.equal(
      await count(
        `SELECT count(*) AS n FROM events e JOIN invoices i ON i.id = e.invoice_id WHERE e.type = 'order_placed' AND i.merchant_number = $1`,
        [body.transaction.orderNumber],
      ),
      1,
    );
    assert.deepEqual(await events(created.sessionID), ['order_created']);
  });

  test('a declined credit check fails the session and redirects to failURL without an order', async () => {
    const body = sessionBody(SHOP, (b) => (b.customer.email = `anna-${Date.now()}+decline@example.com`));
    const created = await createSession(server.url, body);
    const response = await postForm(`${created.sessionURL}/approve`, ANSWERS);
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), body.client.returnURL.failURL);
    assert.equal((await sessionStatus(server.url, { sessionID: created.sessionID })).body.status, 'failed');
    assert.equal(await count('SELECT count(*) AS n FROM invoices WHERE merchant_number = $1', [body.transaction.orderNumber]), 0);
    assert.deepEqual(await events(created.sessionID), ['failed']);
  });

  test('missing or wrong answers show the page again with messages and change nothing', async () => {
    const created = await createSession(server.url, sessionBody(SHOP));
    const response = await postForm(`${created.sessionURL}/approve`, { lang: 'en', birthDate: '31-02-1990', phone: '' });
    assert.equal(response.status, 422);
    const html = await response.text();
    assert.match(html, /<html lang="en">/);
    assert.match(html, /Enter your date of birth as day-month-year, for example 31-12-1990\./);
    assert.match(html, /Enter your phone number\./);
    assert.match(html, /Agree to pay afterwards to place your order\./);
    assert.match(html, /id="birthDate"[^>]*aria-describedby="birthDate-hint birthDate-error"[^>]*aria-invalid="true"[^>]*value="31-02-1990"/);
    assert.equal((await sessionStatus(server.url, { sessionID: created.sessionID })).body.status, 'session_active');
    assert.deepEqual(await events(created.sessionID), []);
  });

  test('a customer who types a birth date under 18 is asked again, as the credit check would refuse them', async () => {
    const created = await createSession(server.url, sessionBody(SHOP));
    const response = await postForm(`${created.sessionURL}/approve`, { ...ANSWERS, birthDate: '01-01-2015' });
    assert.equal(response.status, 422);
    assert.match(await response.text(), /Je moet 18 jaar of ouder zijn om achteraf te betalen\./);
  });

  test('cancelling redirects to cancelURL, again on a second click, and the session cannot be approved after', async () => {
    const body = sessionBody(SHOP);
    const created = await createSession(server.url, body);
    for (const attempt of [1, 2]) {
      const response = await postForm(`${created.sessionURL}/cancel`, { lang: 'nl' });
      assert.equal(response.status, 303, `attempt ${attempt}`);
      assert.equal(response.headers.get('location'), body.client.returnURL.cancelURL);
    }
    const approve = await postForm(`${created.sessionURL}/approve`, ANSWERS);
    assert.equal(approve.status, 303);
    assert.equal(approve.headers.get('location'), `/checkout/${created.sessionID}?lang=nl`);
    assert.equal(await count('SELECT count(*) AS n FROM invoices WHERE merchant_number = $1', [body.transaction.orderNumber]), 0);
    assert.deepEqual(await events(created.sessionID), ['cancelled']);
  });

  test('a session without cancelURL sends a cancelling customer to failURL', async () => {
    const body = sessionBody(SHOP, (b) => delete b.client.returnURL.cancelURL);
    const created = await createSession(server.url, body);
    const response = await postForm(`${created.sessionURL}/cancel`, {});
    assert.equal(response.headers.get('location'), body.client.returnURL.failURL);
  });

  test('an unknown session id gets a 404 page on every route', async () => {
    for (const [method, path] of [['GET', ''], ['POST', '/approve'], ['POST', '/cancel']] as const) {
      const response = await fetch(`${server.url}/checkout/AAAAAAAAAAAAAAAAAAAAAA${path}`, {
        method,
        ...(method === 'POST' ? { body: 'terms=yes', headers: { 'content-type': 'application/x-www-form-urlencoded' } } : {}),
      });
      assert.equal(response.status, 404, `${method} ${path}`);
      assert.match(await response.text(), /Deze betaalpagina bestaat niet/);
    }
  });
});

describe('session outcomes reaching the shop by webhook', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  before(async () => {
    server = await startTestServer();
    receiver = await new WebhookReceiver().start();
    await subscribe(server.url, USERTEST, { url: receiver.url('/session'), kind: 'session' });
    await subscribe(server.url, USERTEST, { url: receiver.url('/order'), kind: 'order' });
  });
  after(async () => {
    await receiver.close();
    await server.close();
  });

  test('an approval sends the session webhook order_created and the order webhook with the custom invoice id', async () => {
    const body = sessionBody(SHOP, (b) => (b.transaction.customInvoiceID = 'CUSTOM-10'));
    const created = await createSession(server.url, body);
    await postForm(`${created.sessionURL}/approve`, ANSWERS);

    const [session] = await receiver.waitFor(1, (entry) => entry.path === '/session');
    assert.deepEqual(
      { ...session!.json, transactionId: undefined },
      { status: 'order_created', invoiceNumber: body.transaction.orderNumber, billinkInvoiceNumber: created.invoice, transactionId: undefined },
    );
    assert.match(String(session!.json.transactionId), /^tx_/);
    const [order] = await receiver.waitFor(1, (entry) => entry.path === '/order');
    assert.equal(order!.json.event, 'order_placed');
    assert.equal(order!.json.invoice_number, created.invoice);
    assert.equal(order!.json.custom_invoice_id, 'CUSTOM-10');
  });

  test('a cancellation sends the session webhook cancelled and no order webhook', async () => {
    const body = sessionBody(SHOP);
    const created = await createSession(server.url, body);
    await postForm(`${created.sessionURL}/cancel`, {});
    const deliveries = await receiver.waitFor(1, (entry) => entry.path === '/session' && entry.json.invoiceNumber === body.transaction.orderNumber);
    assert.deepEqual(deliveries.map((entry) => entry.json.status), ['cancelled']);
    assert.equal(receiver.at('/order').filter((entry) => entry.json.invoice_number === created.invoice).length, 0);
  });
});
