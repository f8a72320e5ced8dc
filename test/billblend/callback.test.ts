/**
 * BillBlend's final-status callback (spec billblend.md §7.1) through the outbox to a real
 * receiver on loopback: a GET to the endpoint's callback URL with the classic parameters, whose
 * `control` the merchant verifies with its control key, retried until it gets 200 OK.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { postForm } from '../checkout/checkout-fixtures.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { type ReceivedWebhook, WebhookReceiver } from '../support/webhook-receiver.js';
import { call } from '../v2/v2-client.js';
import { ENDPOINTS, startSale } from './dapi-client.js';

/** What a merchant server does with a callback (PaynetEasy's PHP library): recompute control from the query and its key. */
function verified(callback: ReceivedWebhook, controlKey: string): URLSearchParams {
  const query = new URL(callback.path, 'http://merchant.example').searchParams;
  const expected = createHash('sha1')
    .update(`${query.get('status')}${query.get('orderid')}${query.get('client_orderid')}${controlKey}`)
    .digest('hex');
  assert.equal(query.get('control'), expected, 'control verifies with the control key');
  return query;
}

const forSale = (invoiceId: string) => (entry: ReceivedWebhook) => entry.path.includes(`client_orderid=${invoiceId}`);

describe('BillBlend final-status callbacks', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  before(async () => {
    receiver = await new WebhookReceiver().start();
    server = await startTestServer({ env: { BILLBLEND_CALLBACK_RETRY_SCHEDULE: '0,0' } });
    // An endpoint's callback URL is configuration of the endpoint, set through v2 (docs/billblend.md "Callback URL").
    const set = await call(server.url, '/v2/client/billblend/callback-url/set', { endpointId: ENDPOINTS.usertest.endpointId, url: receiver.url('/billblend/callback?shop=7') });
    assert.equal(set.status, 200, set.text);
  });
  after(async () => {
    await server.close();
    await receiver.close();
  });

  test('an approved sale calls the endpoint back with a GET whose control verifies and whose values match the sale status', async () => {
    const sale = await startSale(server.url);
    const { redirectUrl } = (await sale.status()).body;
    await postForm(`${redirectUrl}/approve`, { birthDate: '31-12-1990', phone: '0612345678', terms: 'yes' });
    const [callback] = await receiver.waitFor(1, forSale(sale.invoiceId));
    const status = (await sale.status()).body;
    const query = verified(callback!, ENDPOINTS.usertest.controlKey);
    assert.equal(callback!.body, '', 'a GET has no body');
    assert.equal(callback!.headers['content-type'], undefined);
    assert.deepEqual(Object.fromEntries(query), {
      shop: '7',
      status: 'approved',
      type: 'sale',
      orderid: status.orderId,
      client_orderid: sale.invoiceId,
      merchant_order: sale.invoiceId,
      amount: '104.85',
      currency: 'EUR',
      control: query.get('control'),
    });
    assert.equal(typeof callback!.headers['x-achteraf-delivery-id'], 'string');
  });

  test('a declined sale calls back declined with the error code and message of its sale status', async () => {
    const sale = await startSale(server.url, { change: (body) => (body.consumer.email = `anna${Date.now()}+decline@example.com`) });
    const { redirectUrl } = (await sale.status()).body;
    await postForm(`${redirectUrl}/approve`, { birthDate: '31-12-1990', phone: '0612345678', terms: 'yes' });
    const [callback] = await receiver.waitFor(1, forSale(sale.invoiceId));
    const status = (await sale.status()).body;
    assert.equal(status.state, 'DECLINED');
    const query = verified(callback!, ENDPOINTS.usertest.controlKey);
    assert.equal(query.get('status'), 'declined');
    assert.equal(query.get('error_code'), String(status.errorCode));
    assert.equal(query.get('error_message'), status.errorMessage);
  });

  test('a cancelled sale calls back declined with error code 2', async () => {
    const sale = await startSale(server.url);
    const { redirectUrl } = (await sale.status()).body;
    await postForm(`${redirectUrl}/cancel`, {});
    const [callback] = await receiver.waitFor(1, forSale(sale.invoiceId));
    const query = verified(callback!, ENDPOINTS.usertest.controlKey);
    assert.deepEqual([query.get('status'), query.get('error_code')], ['declined', '2']);
  });

  test('a callback not answered 200 is sent again with the same URL and delivery id until it is', async () => {
    receiver.answer(500, 2);
    const sale = await startSale(server.url);
    const { redirectUrl } = (await sale.status()).body;
    await postForm(`${redirectUrl}/approve`, { birthDate: '31-12-1990', phone: '0612345678', terms: 'yes' });
    const attempts = await receiver.waitFor(3, forSale(sale.invoiceId));
    assert.deepEqual(attempts.map((entry) => entry.answered), [500, 500, 200]);
    assert.equal(new Set(attempts.map((entry) => entry.path)).size, 1);
    assert.equal(new Set(attempts.map((entry) => entry.headers['x-achteraf-delivery-id'])).size, 1);
  });

  test('a sale on an endpoint without a callback URL calls nobody back', async () => {
    const sale = await startSale(server.url, { endpoint: ENDPOINTS.apitest });
    const { redirectUrl } = (await sale.status()).body;
    await postForm(`${redirectUrl}/approve`, { birthDate: '31-12-1990', phone: '0612345678', terms: 'yes' });
    // A callback, had one been queued, would be written in the approval's own transaction.
    const [row] = await server.store.db.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM webhook_deliveries WHERE contract = 'billblend' AND url LIKE $1",
      [`%client_orderid=${sale.invoiceId}%`],
    );
    assert.equal(row!.count, 0);
  });
});
