import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { ManualClock, MINUTE } from '../../src/core/shared/clock.js';
import { postForm } from '../checkout/checkout-fixtures.js';
import { assertGolden } from '../support/golden.js';
import { startTestServer, TEST_DATABASE_URL, type TestServer } from '../support/test-server.js';
import { type Answer, performSale, saleRequest, saleStatus, startSale } from './dapi-client.js';

const PUBLIC_URL = 'https://pay.example.test';

/** Compact JSON on the wire, and pretty-printed with its volatile values as placeholders equal to test/golden/<name>. */
function assertGoldenJson(name: string, answer: Answer, volatile: Record<string, string> = {}): void {
  assert.equal(answer.text, JSON.stringify(answer.body), `${name}: the wire text is not compact JSON`);
  assertGolden(name, `${JSON.stringify(answer.body, null, 2)}\n`, volatile);
}

/** The session id inside a checkout page URL. */
const sessionIdOf = (redirectUrl: string) => redirectUrl.slice(`${PUBLIC_URL}/checkout/`.length);

/** Posts the checkout page's approve form the way a browser without JavaScript does. */
async function approve(redirectUrl: string): Promise<Response> {
  // The page lives under PUBLIC_URL; the test reaches the same server on its loopback address.
  return postForm(`${redirectUrl}/approve`, { birthDate: '31-12-1990', phone: '06 12345678', terms: 'yes' });
}

describe('the BillBlend DAPI sale status', () => {
  let server: TestServer;
  const clock = new ManualClock(new Date('2026-12-01T09:00:00.000Z'));
  before(async () => {
    server = await startTestServer({ env: { PUBLIC_URL }, overrides: { clock } });
  });
  after(() => server.close());

  const onLoopback = (url: string) => url.replace(PUBLIC_URL, server.url);

  async function transactionIdOf(redirectUrl: string): Promise<string> {
    const [row] = await server.store.db.query<{ transaction_id: string }>('SELECT transaction_id FROM checkout_sessions WHERE id = $1', [sessionIdOf(redirectUrl)]);
    return row!.transaction_id;
  }

  test('perform sale answers the invoiceId and the session token, nothing else', async () => {
    const answer = await performSale(server.url, saleRequest());
    assert.equal(answer.status, 200);
    assertGoldenJson('billblend-sale-started.json', answer);
  });

  test('an open sale asks for the cardholder action: REDIRECT_REQUEST with our checkout page', async () => {
    const sale = await startSale(server.url);
    const answer = await sale.status();
    assert.equal(answer.status, 200);
    assertGoldenJson('billblend-status-redirect.json', answer, { SESSION: sessionIdOf(answer.body.redirectUrl) });
    const page = await fetch(onLoopback(answer.body.redirectUrl));
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Geboortedatum/);
  });

  test('approving on the page makes the sale APPROVED with the order and its amounts', async () => {
    const sale = await startSale(server.url);
    const { redirectUrl } = (await sale.status()).body;
    clock.advance(2 * MINUTE);
    const approved = await approve(onLoopback(redirectUrl));
    assert.equal(approved.status, 303);
    assert.equal(approved.headers.get('location'), `${PUBLIC_URL}/checkout/dapi/v1/finished?result=success`);
    const answer = await sale.status();
    assert.equal(answer.status, 200);
    assertGoldenJson('billblend-status-approved.json', answer, { TRANSACTION: await transactionIdOf(redirectUrl) });
    assert.equal(answer.body.orderId, `1TST${sale.invoiceId}`);

    // The order is a real invoice: the merchant finds it under its invoiceId with the Billink APIs.
    const [invoice] = await server.store.db.query<{ total: number; status: string }>(
      'SELECT total, status FROM invoices WHERE merchant_id = $1 AND merchant_number = $2', ['m_usertest', sale.invoiceId],
    );
    assert.deepEqual(invoice, { total: 10485, status: 'open' });
  });

  test('a declined credit check makes the sale DECLINED with errorCode 1', async () => {
    const sale = await startSale(server.url, { change: (body) => (body.consumer.email = `dapi-${Date.now()}+decline@example.com`) });
    const { redirectUrl } = (await sale.status()).body;
    const declined = await approve(onLoopback(redirectUrl));
    assert.equal(declined.headers.get('location'), `${PUBLIC_URL}/checkout/dapi/v1/finished?result=fail`);
    const answer = await sale.status();
    assert.equal(answer.status, 200);
    assertGoldenJson('billblend-status-declined.json', answer, { TRANSACTION: await transactionIdOf(redirectUrl) });
  });

  test('cancelling on the page makes the sale DECLINED with errorCode 2', async () => {
    const sale = await startSale(server.url);
    const { redirectUrl } = (await sale.status()).body;
    const cancelled = await postForm(`${onLoopback(redirectUrl)}/cancel`, {});
    assert.equal(cancelled.headers.get('location'), `${PUBLIC_URL}/checkout/dapi/v1/finished?result=cancel`);
    const answer = await sale.status();
    assert.equal(answer.body.state, 'DECLINED');
    assert.equal(answer.body.errorCode, 2);
    assert.equal(answer.body.errorMessage, 'The customer cancelled on the payment page');
  });

  test('a sale nobody confirms within 60 minutes expires: DECLINED with errorCode 3', async () => {
    const sale = await startSale(server.url);
    clock.advance(61 * MINUTE);
    const answer = await sale.status();
    assert.equal(answer.body.state, 'DECLINED');
    assert.equal(answer.body.errorCode, 3);
    assert.equal(answer.body.errorMessage, 'The customer did not confirm within 60 minutes');
  });

  test('an unknown invoiceId, endpoint or session token is ORDER_NOT_FOUND', async () => {
    const sale = await startSale(server.url);
    const unknownInvoice = await saleStatus(server.url, { endpointId: sale.endpointId, invoiceId: 'no-such-invoice' }, sale.tokens);
    assert.equal(unknownInvoice.status, 400);
    assertGoldenJson('billblend-fail-order-not-found.json', unknownInvoice);
    const otherEndpoint = await saleStatus(server.url, { endpointId: '1002', invoiceId: sale.invoiceId }, sale.tokens);
    assert.equal(otherEndpoint.body.error.cause, 'ORDER_NOT_FOUND');
    assert.equal(otherEndpoint.body.invoiceId, sale.invoiceId);
    const otherToken = await saleStatus(server.url, sale, { ...sale.tokens, token: '00000000-0000-4000-8000-000000000000' });
    assert.equal(otherToken.status, 400);
    assert.equal(otherToken.body.error.cause, 'ORDER_NOT_FOUND');
  });

  test('the right session token with another access token is INVALID_REQUEST', async () => {
    const sale = await startSale(server.url);
    const answer = await saleStatus(server.url, sale, { ...sale.tokens, accessToken: 'x'.repeat(64) });
    assert.equal(answer.status, 400);
    assertGoldenJson('billblend-fail-access-token.json', answer);
  });

  test('a status request without session.token names the field', async () => {
    const sale = await startSale(server.url);
    const answer = await saleStatus(server.url, sale, { accessToken: sale.tokens.accessToken } as { accessToken: string; token: string });
    assert.equal(answer.status, 400);
    assert.deepEqual(answer.body.error, { cause: 'INVALID_REQUEST', code: '101', message: 'session.token is missing or invalid' });
  });

  test('while an approval holds the session the sale is PROCESSING', { skip: !TEST_DATABASE_URL && 'PGlite runs one transaction at a time, so no status call can see an approval in progress' }, async () => {
    const sale = await startSale(server.url);
    const { redirectUrl } = (await sale.status()).body;
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      await client.query(`SET search_path TO "${server.config.databaseSchema}"`);
      await client.query('BEGIN');
      await client.query('SELECT id FROM checkout_sessions WHERE id = $1 FOR UPDATE', [sessionIdOf(redirectUrl)]);
      const answer = await sale.status();
      assertGoldenJson('billblend-status-processing.json', answer);
      await client.query('ROLLBACK');
    } finally {
      await client.end();
    }
    assert.equal((await sale.status()).body.state, 'REDIRECT_REQUEST');
  });

  test('the page the customer lands on afterwards says what happened and to go back to the app', async () => {
    const page = await fetch(`${server.url}/checkout/dapi/v1/finished?result=success`, { headers: { 'accept-language': 'en' } });
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /Your order has been placed/);
    assert.match(html, /go back to the app/);
    const unknown = await (await fetch(`${server.url}/checkout/dapi/v1/finished?result=%3Cb%3E`)).text();
    assert.doesNotMatch(unknown, /data-testid="finished"|<b>/);
  });
});
