import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Legacy, USERTEST } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { WebhookReceiver, subscribe } from '../support/webhook-receiver.js';

/**
 * Every order event the legacy XML API causes reaches the order webhook with Billink's payload
 * (spec §4.1), because the events come from the core whichever contract was used.
 */
describe('order webhooks caused by legacy XML calls', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  let legacy: Legacy;
  before(async () => {
    server = await startTestServer();
    receiver = await new WebhookReceiver().start();
    legacy = new Legacy(server.url);
    await subscribe(server.url, USERTEST, { url: receiver.url('/orders') });
  });
  after(async () => {
    await receiver.close();
    await server.close();
  });

  /** Billink's invoice number, the events the receiver got for it in the order they were caused, and their bodies. */
  async function deliveredFor(orderNumber: string, count: number) {
    const received = await receiver.waitFor(count, (entry) => entry.json.invoice_number_clean === orderNumber);
    const events = await server.store.db.query<{ type: string; created_at: Date; invoice_id: number }>(
      'SELECT e.type, e.created_at, e.invoice_id FROM events e JOIN invoices i ON i.id = e.invoice_id WHERE i.merchant_number = $1 ORDER BY e.id',
      [orderNumber],
    );
    assert.equal(received.length, events.length, 'one delivery per event');
    return events.map((event) => {
      const body = received.find((entry) => entry.json.event === event.type);
      assert.ok(body, `a delivery for ${event.type}`);
      // Amsterdam wall-clock time, written independently of the server's own formatter.
      const timestamp = event.created_at.toLocaleString('sv-SE', { timeZone: 'Europe/Amsterdam' });
      return { event: event.type, body: body.body, expected: { order_id: event.invoice_id, timestamp } };
    });
  }

  function expectBodies(deliveries: Awaited<ReturnType<typeof deliveredFor>>, order: { orderNumber: string; invoice: string }, events: string[]) {
    assert.deepEqual(deliveries.map((delivery) => delivery.event), events);
    for (const delivery of deliveries) {
      assert.equal(
        delivery.body,
        JSON.stringify({
          order_id: delivery.expected.order_id,
          invoice_number: order.invoice,
          invoice_number_clean: order.orderNumber,
          workflow_id: 1,
          event: delivery.event,
          timestamp: delivery.expected.timestamp,
        }),
      );
    }
  }

  const items = (number: string, fields: Record<string, string>) => ({ INVOICES: [{ INVOICENUMBER: number, ...fields }] });

  test('placing, starting, holding and paying in two parts sends order_placed, order_workflow_started, order_on_hold, partial_payment_added, order_paid and customer_fully_paid', async () => {
    const order = await legacy.placeOrder();
    assert.equal((await legacy.call('/api/start-workflow', 'activate order', {}, items(order.orderNumber, {}))).code, '500');
    const held = await legacy.call('/api/on-hold', 'Onhold', { WORKFLOWNUMBER: '1', INVOICENUMBER: order.orderNumber, DAYS: '7' });
    assert.equal(held.code, '200', held.text);
    await legacy.call('/api/payment', 'Payment', {}, items(order.orderNumber, { AMOUNT: '100.00', DESCRIPTION: 'Bank' }));
    await legacy.call('/api/payment', 'Payment', {}, items(order.orderNumber, { AMOUNT: '4.85', DESCRIPTION: 'Bank' }));
    expectBodies(await deliveredFor(order.orderNumber, 6), order, [
      'order_placed',
      'order_workflow_started',
      'order_on_hold',
      'partial_payment_added',
      'order_paid',
      'customer_fully_paid',
    ]);
  });

  test('crediting in two parts sends partial_credit_added and then order_fully_accredited', async () => {
    const order = await legacy.placeOrder();
    const partial = await legacy.call('/api/credit', 'Credit', {}, items(order.orderNumber, { CREDITAMOUNT: '4.85', DESCRIPTION: 'Return' }));
    assert.equal(partial.api.MSG.STATUSES.ITEM[0].CODE, '200', partial.text);
    await legacy.call('/api/credit', 'Credit', {}, items(order.orderNumber, { CREDITAMOUNT: '100.00', DESCRIPTION: 'Return' }));
    expectBodies(await deliveredFor(order.orderNumber, 3), order, ['order_placed', 'partial_credit_added', 'order_fully_accredited']);
  });

  test('paying the rest after a credit sends order_paid without customer_fully_paid, through the /v1/client paths too', async () => {
    const order = await legacy.placeOrder();
    await legacy.call('/v1/client/credit', 'Credit', {}, items(order.orderNumber, { CREDITAMOUNT: '4.85', DESCRIPTION: 'Return' }));
    await legacy.call('/v1/client/payment', 'Payment', {}, items(order.invoice, { AMOUNT: '100.00', DESCRIPTION: 'Bank' }));
    expectBodies(await deliveredFor(order.orderNumber, 3), order, ['order_placed', 'partial_credit_added', 'order_paid']);
  });

  test('a request that changes nothing sends nothing', async () => {
    const order = await legacy.placeOrder();
    const refused = await legacy.call('/api/payment', 'Payment', {}, items(order.orderNumber, { AMOUNT: '999.00', DESCRIPTION: 'Too much' }));
    assert.notEqual(refused.api.MSG.INVOICES.ITEM[0].CODE, '200');
    await legacy.call('/api/on-hold', 'resume', { WORKFLOWNUMBER: '1', INVOICENUMBER: order.orderNumber, RESUME: 'y' });
    await deliveredFor(order.orderNumber, 1);
    const [count] = await server.store.db.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM webhook_deliveries d JOIN events e ON e.id = d.event_id JOIN invoices i ON i.id = e.invoice_id WHERE i.merchant_number = $1',
      [order.orderNumber],
    );
    assert.equal(count?.count, 1);
  });
});
