/**
 * Dispute webhooks over real HTTP (docs/webhooks.md "Life-cycle events"): opening and resolving a
 * dispute each write their event to the outbox in the same transaction as the dispute, and the
 * delivery job posts them signed (v3) to the merchant's webhook, retrying a failed attempt with
 * the same webhook id. A refused open writes no event.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verifyWebhook } from '@achteraf/billink';
import { Legacy } from '../support/legacy-client.js';
import { freshCustomer } from '../support/fresh-customer.js';
import { createMerchant, PARTNER_KEY, type NewMerchant } from '../support/new-merchant.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { subscribe, WebhookReceiver } from '../support/webhook-receiver.js';
import { postJson } from './v2-client.js';

describe('dispute webhooks', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  before(async () => {
    // One retry a second after a failure, so the test sees it without waiting a minute.
    server = await startTestServer({ env: { PARTNER_API_KEY: PARTNER_KEY, WEBHOOK_RETRY_SCHEDULE: '1' } });
    receiver = await new WebhookReceiver().start();
  });
  after(async () => {
    await receiver.close();
    await server.close();
  });

  const credentials = (merchant: NewMerchant) => ({ billinkUsername: merchant.username, billinkID: merchant.clientId });
  const eventsOf = async (number: string) =>
    (await server.store.db.query<{ type: string }>(
      'SELECT e.type FROM events e JOIN invoices i ON i.id = e.invoice_id WHERE i.merchant_number = $1 ORDER BY e.id',
      [number],
    )).map((row) => row.type);

  test('opening and resolving a dispute each reach the webhook signed, a failed attempt retried with the same id', async () => {
    const merchant = await createMerchant(server.url, { sandbox: true });
    const path = `/${merchant.username}`;
    const legacy = new Legacy(server.url, merchant);
    const { orderNumber } = await legacy.placeOrder({ fields: freshCustomer() });
    const started = await legacy.call('/api/start-workflow', 'activate order', {}, { INVOICES: [{ INVOICENUMBER: orderNumber }] });
    assert.equal(started.api.MSG.STATUSES.ITEM[0].CODE, '500');
    const secret = (await subscribe(server.url, merchant, { url: receiver.url(path) }))!;
    const ofEvent = (event: string) => (entry: { path: string; json: Record<string, unknown> }) =>
      entry.path === path && entry.json.event === event && entry.json.invoice_number_clean === orderNumber;

    receiver.answer(500, 1);
    const opened = await postJson(server.url, '/v2/client/order/dispute', {
      ...credentials(merchant), invoice: orderNumber, category: 6, customerEmail: 'klant@example.nl', customerName: 'Jan de Vries',
      message: 'Ik heb al betaald.',
    });
    assert.equal(opened.status, 200, opened.text);
    // Written with the dispute: the event is in the outbox when the answer comes.
    assert.deepEqual((await eventsOf(orderNumber)).slice(-1), ['dispute_opened']);

    const refused = await postJson(server.url, '/v2/client/order/dispute', {
      ...credentials(merchant), invoice: orderNumber, category: 6, customerEmail: 'klant@example.nl', customerName: 'Jan de Vries', message: 'Nog eens.',
    });
    assert.equal(refused.body.code, '701');
    assert.equal((await eventsOf(orderNumber)).filter((type) => type === 'dispute_opened').length, 1, 'a refused open writes no event');

    const [failed, retried] = await receiver.waitFor(2, ofEvent('dispute_opened'));
    assert.equal(failed!.answered, 500);
    assert.equal(retried!.answered, 200);
    assert.equal(retried!.webhookId, failed!.webhookId, 'a retry keeps the webhook id receivers de-duplicate by');
    const event = verifyWebhook({ secret, rawBody: retried!.body, headers: retried!.headers as Record<string, string> });
    assert.equal(event.kind, 'order');
    assert.equal(event.payload.event, 'dispute_opened');
    assert.equal(event.payload.invoice_number_clean, orderNumber);
    assert.equal(event.payload.workflow_step, 'Wait for payment');

    const resolved = await postJson(server.url, '/v2/client/order/dispute/resolve', { ...credentials(merchant), id: opened.body.id, resolution: 'Betaling gevonden' });
    assert.equal(resolved.status, 200, resolved.text);
    const [delivery] = await receiver.waitFor(1, ofEvent('dispute_resolved'));
    const resolvedEvent = verifyWebhook({ secret, rawBody: delivery!.body, headers: delivery!.headers as Record<string, string> });
    assert.equal(resolvedEvent.kind, 'order');
    assert.equal(resolvedEvent.payload.event, 'dispute_resolved');
    assert.notEqual(delivery!.webhookId, failed!.webhookId);
    assert.deepEqual((await eventsOf(orderNumber)).filter((type) => type.startsWith('dispute_')), ['dispute_opened', 'dispute_resolved']);
  });
});
