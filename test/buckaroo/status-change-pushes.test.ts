/**
 * Buckaroo status changes made outside the Buckaroo gateway (docs/buckaroo.md "Which changes
 * push"): a Billink payment in full, a Billink credit, a hold and the hold's end applied by a
 * sandbox clock advance push the Pay again, signed as §11.1; the steps of the dunning course do
 * not. The server runs no jobs, so every push that arrives was delivered by the clock advance's
 * own follow-up.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isBuckarooStatusChange } from '../../src/api/buckaroo/push.js';
import { INVOICE_EVENTS } from '../../src/core/shared/events.js';
import { BuckarooClient, orderRequest, sign, USERTEST_BUCKAROO } from '../support/buckaroo-client.js';
import { Legacy } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { type ReceivedWebhook, WebhookReceiver } from '../support/webhook-receiver.js';
import { postJson } from '../v2/v2-client.js';

const USERTEST = { billinkUsername: 'usertest', billinkID: 'd38a3439590889df026367bf01d621e687b8d278' };

function verifies(push: ReceivedWebhook, url: string): boolean {
  const match = /^hmac ([^:]+):([^:]+):([^:]+):(\d+)$/.exec(String(push.headers.authorization ?? ''));
  return match !== null && sign(USERTEST_BUCKAROO, 'POST', url, push.body, Number(match[4]), match[3]!) === push.headers.authorization;
}

describe('Buckaroo pushes for status changes made elsewhere', () => {
  let server: TestServer;
  let client: BuckarooClient;
  let receiver: WebhookReceiver;
  let legacy: Legacy;
  before(async () => {
    receiver = await new WebhookReceiver().start();
    server = await startTestServer({ env: { JOBS: 'off' } });
    client = new BuckarooClient(server.url);
    legacy = new Legacy(server.url);
  });
  after(async () => {
    await server.close();
    await receiver.close();
  });

  const advance = (fields: Record<string, unknown>) => postJson(server.url, '/v2/sandbox/clock/advance', { ...USERTEST, ...fields });

  /** A Pay with its own push URL, and the Billink invoice number it placed. */
  async function pay(path: string): Promise<{ key: string; number: string; url: string }> {
    const url = receiver.url(path);
    const answer = (await client.transaction(orderRequest('Pay', { extra: { PushURL: url } }))).json;
    assert.equal(answer.Status.Code.Code, 190, JSON.stringify(answer));
    const [row] = await server.store.db.query<{ invoice_number: string }>('SELECT invoice_number FROM buckaroo_transactions WHERE key = $1', [answer.Key]);
    return { key: answer.Key, number: row!.invoice_number, url };
  }

  /** The Buckaroo deliveries queued for a push URL, by their delivery-log names, in order. */
  async function queued(url: string): Promise<string[]> {
    const rows = await server.store.db.query<{ event: string }>("SELECT event FROM webhook_deliveries WHERE contract = 'buckaroo' AND url = $1 ORDER BY id", [url]);
    return rows.map((row) => row.event);
  }

  /** The push of one delivery row as the receiver got it (matched by its delivery id), and the row's state. */
  async function received(url: string, event: string): Promise<{ push: ReceivedWebhook | undefined; state: string }> {
    const [row] = await server.store.db.query<{ webhook_id: string; state: string }>(
      "SELECT webhook_id, state FROM webhook_deliveries WHERE contract = 'buckaroo' AND url = $1 AND event = $2",
      [url, event],
    );
    assert.ok(row, `a delivery ${event} to ${url}`);
    return { push: receiver.received.find((entry) => entry.headers['x-achteraf-delivery-id'] === row.webhook_id), state: row.state };
  }

  test('every invoice event has a decision, and only the hold end of the life-cycle extension events pushes', () => {
    const pushed = INVOICE_EVENTS.filter((type) => isBuckarooStatusChange(type));
    assert.deepEqual(pushed, ['order_workflow_started', 'partial_payment_added', 'order_paid', 'partial_credit_added', 'order_fully_accredited', 'order_on_hold', 'order_resumed']);
    assert.equal(isBuckarooStatusChange('session_status_changed'), false);
  });

  test('a Billink legacy Payment in full of a Buckaroo Pay queues one push of the Pay with the payment, delivered signed by the next advance', async () => {
    const { key, number, url } = await pay('/push/paid-in-full');
    const payment = await legacy.call('/api/payment', 'Payment', {}, { INVOICES: [{ INVOICENUMBER: number, AMOUNT: '100.30' }] });
    assert.equal(String(payment.api.MSG.INVOICES.ITEM[0].CODE), '200', payment.text);
    // order_paid and Billink's repeat customer_fully_paid: one push, queued with the payment's commit.
    assert.deepEqual(await queued(url), ['Pay 190', 'Pay order_paid']);

    const advanced = await advance({ hours: 1 });
    assert.equal(advanced.body.code, '200', advanced.text);
    assert.equal(receiver.received.filter((entry) => entry.path === '/push/paid-in-full').length, 2, 'both delivered before the advance answered');
    const { push, state } = await received(url, 'Pay order_paid');
    assert.ok(push, 'the push of the payment arrived');
    assert.equal(state, 'delivered');
    const transaction = (push.json as { Transaction: Record<string, any> }).Transaction;
    assert.equal(transaction.Key, key);
    assert.equal(transaction.Status.Code.Code, 190);
    assert.equal(transaction.IsCancelable, false);
    assert.ok(verifies(push, url), 'signed as §11.1 with the website secret');
  });

  test('a Billink legacy Credit of a Buckaroo Pay queues a push of the Pay, as a refund would', async () => {
    const { number, url } = await pay('/push/billink-credit');
    const credited = await legacy.call('/api/credit', 'Credit', {}, { INVOICES: [{ INVOICENUMBER: number, CREDITAMOUNT: '10.00' }] });
    assert.equal(String(credited.api.MSG.STATUSES.ITEM[0].CODE), '200', credited.text);
    assert.deepEqual(await queued(url), ['Pay 190', 'Pay partial_credit_added']);
  });

  test("a hold pushes, and the hold's end applied by a clock advance pushes before the advance answers; the dunning steps it applies push nothing", async () => {
    const { key, number, url } = await pay('/push/hold-end');
    const held = await legacy.call('/api/on-hold', 'Onhold', { WORKFLOWNUMBER: '1', INVOICENUMBER: number, DAYS: '3' });
    assert.equal(held.api.MSG?.CODE ?? held.api.MSG?.STATUSES?.ITEM?.[0]?.CODE, '200', held.text);
    assert.deepEqual(await queued(url), ['Pay 190', 'Pay order_on_hold']);

    // Past the hold's end and far enough for the invoice e-mail and the first reminder.
    const advanced = await advance({ days: 40 });
    assert.equal(advanced.body.code, '200', advanced.text);
    const [{ resumed } = { resumed: 0 }] = await server.store.db.query<{ resumed: number }>(
      "SELECT count(*)::int AS resumed FROM events e JOIN invoices i ON i.id = e.invoice_id WHERE i.invoice_number = $1 AND e.type = 'order_resumed'",
      [number],
    );
    assert.equal(resumed, 1, 'the hold ended on the advance');
    const [{ steps } = { steps: 0 }] = await server.store.db.query<{ steps: number }>(
      "SELECT count(*)::int AS steps FROM events e JOIN invoices i ON i.id = e.invoice_id WHERE i.invoice_number = $1 AND e.type IN ('invoice_sent', 'workflow_step_changed')",
      [number],
    );
    assert.ok(steps >= 2, `the invoice e-mail and a reminder were applied too (${steps})`);
    assert.deepEqual(await queued(url), ['Pay 190', 'Pay order_on_hold', 'Pay order_resumed'], 'only the end of the hold is a status change');

    assert.equal(receiver.received.filter((entry) => entry.path === '/push/hold-end').length, 3, 'every push had its attempt before the advance answered');
    const { push, state } = await received(url, 'Pay order_resumed');
    assert.ok(push, 'the push of the hold end arrived');
    assert.equal(state, 'delivered');
    assert.equal((push.json as { Transaction: { Key: string } }).Transaction.Key, key);
    assert.ok(verifies(push, url), 'signed as §11.1 with the website secret');
  });
});
