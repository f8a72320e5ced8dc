import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { postForm } from '../checkout/checkout-fixtures.js';
import { APITEST } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { subscribe, WebhookReceiver } from '../support/webhook-receiver.js';
import { ENDPOINTS, startSale } from './dapi-client.js';

/**
 * A DAPI sale is a checkout session and its order an ordinary invoice, so the merchant's Billink
 * webhooks report it (docs/billblend.md "Final-status callback").
 */
describe('Billink webhooks for a BillBlend sale', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  before(async () => {
    server = await startTestServer();
    receiver = await new WebhookReceiver().start();
    await subscribe(server.url, APITEST, { url: receiver.url('/sessions'), kind: 'session' });
    await subscribe(server.url, APITEST, { url: receiver.url('/orders') });
  });
  after(async () => {
    await receiver.close();
    await server.close();
  });

  test('an approved sale reaches the session webhook as order_created under its invoiceId, and the order webhook as order_placed', async () => {
    const sale = await startSale(server.url, { endpoint: ENDPOINTS.apitest });
    const { redirectUrl } = (await sale.status()).body;
    await postForm(`${redirectUrl}/approve`, { birthDate: '31-12-1990', phone: '0612345678', terms: 'yes' });
    const [session] = await receiver.waitFor(1, (entry) => entry.path === '/sessions' && entry.json.invoiceNumber === sale.invoiceId);
    assert.equal(session!.json.status, 'order_created');
    assert.equal(session!.json.billinkInvoiceNumber, `1API${sale.invoiceId}`);
    assert.equal(session!.json.transactionId, (await sale.status()).body.bankOrderId);
    const [order] = await receiver.waitFor(1, (entry) => entry.path === '/orders' && entry.json.invoice_number_clean === sale.invoiceId);
    assert.equal(order!.json.event, 'order_placed');
  });
});
