import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { APITEST, Legacy, USERTEST } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { WebhookReceiver, eventually, postJson, subscribe } from '../support/webhook-receiver.js';

const API_CREDENTIALS = { billinkUsername: APITEST.username, billinkID: APITEST.clientId };
const USER_CREDENTIALS = { billinkUsername: USERTEST.username, billinkID: USERTEST.clientId };

describe('the delivery log and replay', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  let legacy: Legacy;
  before(async () => {
    // No retries: a failed attempt fails the delivery at once.
    server = await startTestServer({ env: { WEBHOOK_RETRY_SCHEDULE: '' } });
    receiver = await new WebhookReceiver().start();
    legacy = new Legacy(server.url, APITEST);
  });
  after(async () => {
    await receiver.close();
    await server.close();
  });

  const log = (body: Record<string, unknown> = {}, credentials = API_CREDENTIALS) =>
    postJson(server.url, '/v2/client/webhook/deliveries', { ...credentials, ...body });

  async function settled(webhookId: string, state: string) {
    return eventually(async () => {
      const page = await log({ pageSize: 100 });
      return (page.json.deliveries as any[]).find((d) => d.webhookId === webhookId && d.state === state && d.replayOf === null);
    }, 15_000, `${webhookId} ${state}`);
  }

  test('lists deliveries newest first, page by page, with every attempt, and only the merchant’s own', async () => {
    await subscribe(server.url, APITEST, { url: receiver.url('/log') });
    const orders = [];
    for (let i = 0; i < 3; i++) orders.push(await legacy.placeOrder());
    const received = await receiver.waitFor(3, (entry) => entry.path === '/log');
    for (const entry of received) await settled(entry.webhookId!, 'delivered');

    const first = await log({ page: 1, pageSize: 2 });
    assert.equal(first.status, 200);
    assert.equal(first.json.status, 'success');
    assert.deepEqual([first.json.page, first.json.pageSize, first.json.totalDeliveries, first.json.totalPages], [1, 2, 3, 2]);
    const second = await log({ page: '2', pageSize: '2' });
    const listed = [...first.json.deliveries, ...second.json.deliveries];
    assert.deepEqual(listed.map((d: any) => JSON.parse(d.body).invoice_number_clean), orders.map((o) => o.orderNumber).reverse());
    assert.ok(Number(listed[0].deliveryId) > Number(listed[1].deliveryId));
    const [newest] = listed;
    assert.deepEqual(
      { kind: newest.kind, event: newest.event, url: newest.url, signed: newest.signed, state: newest.state, nextAttemptAt: newest.nextAttemptAt, replayOf: newest.replayOf },
      { kind: 'order', event: 'order_placed', url: receiver.url('/log'), signed: true, state: 'delivered', nextAttemptAt: null, replayOf: null },
    );
    assert.equal(newest.attempts.length, 1);
    assert.deepEqual([newest.attempts[0].number, newest.attempts[0].httpStatus, newest.attempts[0].responseBody, newest.attempts[0].error], [1, 200, 'ok', null]);
    assert.ok(Date.parse(newest.attempts[0].at) >= Date.parse(newest.createdAt));
    assert.ok(newest.finishedAt);

    assert.equal((await log({ state: 'delivered' })).json.totalDeliveries, 3);
    assert.equal((await log({ state: 'failed' })).json.totalDeliveries, 0);
    const beyond = await log({ page: 9 });
    assert.deepEqual([beyond.json.deliveries, beyond.json.totalDeliveries], [[], 3]);
    const other = await log({}, USER_CREDENTIALS);
    assert.ok(!(other.json.deliveries as any[]).some((d) => received.some((entry) => entry.webhookId === d.webhookId)));
  });

  test('keeps only the first 200 characters of an answer, with control characters removed and white space folded', async () => {
    await subscribe(server.url, APITEST, { url: receiver.url('/chatty') });
    receiver.answer(200, 1, `\u0000\u001b[31m  line one\r\n\tline\u0007 two ${'é'.repeat(600)}${'x'.repeat(3000)}`);
    const order = await legacy.placeOrder();
    const [entry] = await receiver.waitFor(1, (e) => e.path === '/chatty' && e.json.invoice_number_clean === order.orderNumber);
    const delivery = await settled(entry!.webhookId!, 'delivered');
    const excerpt = `[31m line one line two ${'é'.repeat(600)}`.slice(0, 200);
    assert.equal(delivery.attempts[0].responseBody, excerpt);
    assert.equal([...delivery.attempts[0].responseBody].length, 200);
  });

  test('refuses a page, page size or state it cannot read', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ page: 0 }, 'Invalid page parameter'],
      [{ page: 'two' }, 'Invalid page parameter'],
      [{ page: 1.5 }, 'Invalid page parameter'],
      [{ pageSize: 0 }, 'Invalid pageSize parameter'],
      [{ pageSize: 101 }, 'Invalid pageSize parameter'],
      [{ state: 'lost' }, 'Invalid state parameter'],
    ];
    for (const [body, message] of cases) {
      const answer = await log(body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.deepEqual(answer.json, { status: 'error', message });
    }
  });

  test('a replay of a failed delivery is a new delivery with the same body and webhook id, sent to the URL set now', async () => {
    await subscribe(server.url, APITEST, { url: receiver.url('/broken') });
    receiver.answer(500, 1);
    const order = await legacy.placeOrder();
    const [failedAttempt] = await receiver.waitFor(1, (entry) => entry.path === '/broken' && entry.json.invoice_number_clean === order.orderNumber);
    const original = await settled(failedAttempt!.webhookId!, 'failed');

    await subscribe(server.url, APITEST, { url: receiver.url('/fixed') });
    const replay = await postJson(server.url, '/v2/client/webhook/replay', { ...API_CREDENTIALS, deliveryId: original.deliveryId });
    assert.equal(replay.status, 200);
    assert.deepEqual(Object.keys(replay.json).sort(), ['deliveryId', 'message', 'status', 'webhookId']);
    assert.deepEqual([replay.json.status, replay.json.message, replay.json.webhookId], ['success', 'Delivery has been queued', original.webhookId]);
    assert.notEqual(replay.json.deliveryId, original.deliveryId);

    const [again] = await receiver.waitFor(1, (entry) => entry.path === '/fixed' && entry.webhookId === original.webhookId);
    assert.equal(again!.body, failedAttempt!.body);
    const listed = (await log({ pageSize: 100 })).json.deliveries as any[];
    const copy = await eventually(async () => {
      const rows = (await log({ pageSize: 100 })).json.deliveries as any[];
      return rows.find((d) => d.deliveryId === replay.json.deliveryId && d.state === 'delivered');
    });
    assert.deepEqual([copy.replayOf, copy.url, copy.body, copy.attempts.length], [original.deliveryId, receiver.url('/fixed'), original.body, 1]);
    const unchanged = listed.find((d) => d.deliveryId === original.deliveryId);
    assert.deepEqual([unchanged.state, unchanged.attempts.length, unchanged.url], ['failed', 1, receiver.url('/broken')]);
  });

  test('a replay after the webhook was disabled goes to the original URL, and delivered deliveries can be replayed too', async () => {
    await subscribe(server.url, APITEST, { url: receiver.url('/before-disable') });
    const order = await legacy.placeOrder();
    const [first] = await receiver.waitFor(1, (entry) => entry.path === '/before-disable' && entry.json.invoice_number_clean === order.orderNumber);
    const delivered = await settled(first!.webhookId!, 'delivered');
    await postJson(server.url, '/v2/client/webhook/disable', API_CREDENTIALS);
    const replay = await postJson(server.url, '/v2/client/webhook/replay', { ...API_CREDENTIALS, deliveryId: Number(delivered.deliveryId) });
    assert.equal(replay.status, 200);
    const copies = await receiver.waitFor(2, (entry) => entry.path === '/before-disable' && entry.webhookId === first!.webhookId);
    assert.equal(copies[1]!.body, copies[0]!.body);
  });

  test('refuses a replay without a delivery id, or of a delivery that is unknown or another merchant’s', async () => {
    const missing = await postJson(server.url, '/v2/client/webhook/replay', API_CREDENTIALS);
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.json, { status: 'error', message: 'deliveryId parameter missing' });
    const own = (await log({ pageSize: 1 })).json.deliveries[0];
    for (const [credentials, deliveryId] of [
      [API_CREDENTIALS, '999999999'],
      [API_CREDENTIALS, 'abc'],
      [API_CREDENTIALS, '99999999999999999999999'],
      [USER_CREDENTIALS, own.deliveryId],
    ] as const) {
      const answer = await postJson(server.url, '/v2/client/webhook/replay', { ...credentials, deliveryId });
      assert.equal(answer.status, 404, String(deliveryId));
      assert.deepEqual(answer.json, { status: 'error', message: 'Delivery not found' });
    }
  });
});
