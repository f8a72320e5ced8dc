/**
 * GET /v2/webhooks/stream: a merchant's webhooks as Server-Sent Events, read by the SDK. Each
 * message carries the body a webhook would carry and, once the merchant has a v3 secret, a
 * signature that verifies like a real delivery's.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type StreamMessage, verifyWebhook } from '@achteraf/billink';
import { APITEST } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';
import { client, placeOrder } from '../sdk/sdk-fixtures.js';

type Webhook = Extract<StreamMessage, { type: 'webhook' }>;

/** Opens the stream, runs `act` once it is ready, and collects webhooks until `count` arrived. */
async function collect(stream: AsyncGenerator<StreamMessage>, count: number, act: () => Promise<unknown>) {
  const messages: Webhook[] = [];
  let ready: StreamMessage | undefined;
  for await (const message of stream) {
    if (message.type === 'ready') {
      ready = message;
      await act();
    } else {
      messages.push(message);
      if (messages.length === count) break;
    }
  }
  return { ready: ready as Extract<StreamMessage, { type: 'ready' }>, messages };
}

describe('the live webhook stream', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  before(async () => {
    server = await startTestServer();
    receiver = await new WebhookReceiver().start();
  });
  after(async () => {
    await receiver.close();
    await server.close();
  });

  test('without credentials it answers 401 with a Basic challenge, with unknown ones 404', async () => {
    const anonymous = await fetch(`${server.url}/v2/webhooks/stream`);
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.headers.get('www-authenticate'), 'Basic realm="achteraf"');
    assert.equal(((await anonymous.json()) as { status: string }).status, 'error');
    await assert.rejects(client(server.url, { clientId: 'f'.repeat(40) }).webhooks.stream().next(), { httpStatus: 404, description: 'Client not found' });
  });

  test('events arrive unsigned before the merchant has a secret, with the order webhook\'s exact body', async () => {
    const billink = client(server.url, { username: APITEST.username, clientId: APITEST.clientId });
    const controller = new AbortController();
    let invoiceNumber = '';
    const { ready, messages } = await collect(billink.webhooks.stream({ signal: controller.signal }), 1, async () => {
      ({ invoiceNumber } = await placeOrder(billink));
    });
    controller.abort();
    assert.deepEqual(ready.merchant, { username: 'apitest', code: 'API', sandbox: true });
    assert.equal(ready.signed, false);
    const [placed] = messages;
    assert.deepEqual([placed!.kind, placed!.event, placed!.signature, placed!.timestamp], ['order', 'order_placed', null, null]);
    const body = JSON.parse(placed!.body);
    assert.deepEqual(Object.keys(body), ['order_id', 'invoice_number', 'invoice_number_clean', 'workflow_id', 'event', 'timestamp']);
    assert.equal(body.invoice_number, invoiceNumber);
    assert.equal(placed!.webhookId, `event-${placed!.eventId}`);
  });

  test('with a secret and a webhook set, each message is signed and shares the delivery\'s body and webhook id', async () => {
    const billink = client(server.url);
    const secret = await billink.webhooks.generateSecret();
    await billink.webhooks.setOrderWebhook({ url: receiver.url('/orders') });
    const controller = new AbortController();
    let invoiceNumber = '';
    const { ready, messages } = await collect(billink.webhooks.stream({ signal: controller.signal }), 3, async () => {
      ({ invoiceNumber } = await placeOrder(billink));
      await billink.v2.startWorkflow({ invoices: [invoiceNumber] });
      await billink.v2.payment({ invoices: [{ invoiceNumber, amount: '1.00' }] });
    });
    controller.abort();
    assert.equal(ready.signed, true);
    assert.deepEqual(messages.map((message) => message.event), ['order_placed', 'order_workflow_started', 'partial_payment_added']);
    for (const message of messages) {
      const event = verifyWebhook({
        secret,
        rawBody: message.body,
        headers: { 'x-billink-signature': message.signature!, 'x-billink-timestamp': message.timestamp!, 'x-billink-webhook-id': message.webhookId },
      });
      assert.equal(event.kind === 'order' && event.payload.invoice_number, invoiceNumber);
    }
    const delivered = await receiver.waitFor(3, (entry) => entry.path === '/orders' && entry.json.invoice_number === invoiceNumber);
    assert.deepEqual(
      messages.map((message) => [message.webhookId, message.body]).sort(),
      delivered.map((entry) => [entry.webhookId, entry.body]).sort(),
    );
    await billink.webhooks.disableOrderWebhook();
  });

  test('a stream opened with since resumes after that event, so a reconnect misses nothing', async () => {
    const billink = client(server.url);
    const first = new AbortController();
    let invoiceNumber = '';
    const { messages } = await collect(billink.webhooks.stream({ signal: first.signal }), 1, async () => {
      ({ invoiceNumber } = await placeOrder(billink));
      await billink.v2.startWorkflow({ invoices: [invoiceNumber] });
    });
    first.abort();
    const again = new AbortController();
    const { ready, messages: resumed } = await collect(billink.webhooks.stream({ since: messages[0]!.eventId, signal: again.signal }), 1, async () => {});
    again.abort();
    assert.equal(ready.lastEventId, messages[0]!.eventId);
    assert.deepEqual([resumed[0]!.event, JSON.parse(resumed[0]!.body).invoice_number], ['order_workflow_started', invoiceNumber]);
  });

  // The timeout only turns a hanging shutdown into a failure; nothing is measured.
  test('an open stream ends when its server shuts down, instead of holding the shutdown', { timeout: 30_000 }, async () => {
    const other = await startTestServer();
    const stream = client(other.url).webhooks.stream();
    assert.equal((await stream.next()).value?.type, 'ready');
    await other.close();
    assert.equal((await stream.next()).done, true);
  });
});
