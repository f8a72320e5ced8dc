import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { APITEST, Legacy, USERTEST } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { WebhookReceiver, postJson } from '../support/webhook-receiver.js';

const CREDENTIALS = { billinkUsername: USERTEST.username, billinkID: USERTEST.clientId };
const GENERATE = '/v2/client/webhook-v3/secret/generate';
const SET_PATHS = ['/v2/client/webhook-v3/set', '/v2/session/webhook-v3/set', '/v2/client/webhook/set'];
const ALL_PATHS = [GENERATE, ...SET_PATHS, '/v2/client/webhook/disable', '/v2/session/webhook/disable', '/v2/client/webhook/deliveries', '/v2/client/webhook/replay'];

describe('webhook subscriptions over the v2 API', () => {
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

  const subscriptions = (merchantId: string) =>
    server.store.db.query<{ kind: string; url: string; signed: boolean }>(
      'SELECT kind, url, signed FROM webhook_subscriptions WHERE merchant_id = $1 ORDER BY kind',
      [merchantId],
    );

  test('v3 set before any secret is refused with 400 and changes nothing', async () => {
    for (const path of ['/v2/client/webhook-v3/set', '/v2/session/webhook-v3/set']) {
      const answer = await postJson(server.url, path, { billinkUsername: APITEST.username, billinkID: APITEST.clientId, url: receiver.url() });
      assert.equal(answer.status, 400);
      assert.deepEqual(answer.json, { status: 'error', message: 'Webhook signing secret is not set. Please, generate the secret first' });
    }
    assert.deepEqual(await subscriptions('m_apitest'), []);
  });

  test('generating a secret answers Billink’s message and a base64 text of 32 random bytes, new on every call', async () => {
    const first = await postJson(server.url, GENERATE, CREDENTIALS);
    assert.equal(first.status, 200);
    assert.deepEqual(Object.keys(first.json).sort(), ['message', 'secret', 'status']);
    assert.equal(first.json.status, 'success');
    assert.equal(first.json.message, 'Webhook V3 secret is generated successfully');
    assert.match(first.json.secret, /^[A-Za-z0-9+/]{43}=$/);
    assert.equal(Buffer.from(first.json.secret, 'base64').length, 32);
    const second = await postJson(server.url, GENERATE, CREDENTIALS);
    assert.notEqual(second.json.secret, first.json.secret);
    const [stored] = await server.store.db.query<{ secret: string }>("SELECT secret FROM webhook_secrets WHERE merchant_id = 'm_usertest'");
    assert.equal(stored?.secret, second.json.secret);
  });

  test('the v3 order and session webhooks and the classic order webhook are set with Billink’s answer', async () => {
    for (const path of SET_PATHS) {
      const answer = await postJson(server.url, path, { ...CREDENTIALS, url: receiver.url(path) });
      assert.equal(answer.status, 200, path);
      assert.deepEqual(answer.json, { status: 'success', message: 'Webhook has been set' });
    }
    // The classic set came last and replaced the v3 order webhook: one order webhook per merchant.
    assert.deepEqual(await subscriptions('m_usertest'), [
      { kind: 'order', url: receiver.url('/v2/client/webhook/set'), signed: false },
      { kind: 'session', url: receiver.url('/v2/session/webhook-v3/set'), signed: true },
    ]);
  });

  test('disabling the order webhook stops deliveries of order events, and saying it twice is harmless', async () => {
    await postJson(server.url, '/v2/client/webhook/set', { ...CREDENTIALS, url: receiver.url('/classic') });
    const legacy = new Legacy(server.url);
    const placed = await legacy.placeOrder();
    await receiver.waitFor(1, (entry) => entry.path === '/classic' && entry.json.invoice_number_clean === placed.orderNumber);
    for (let i = 0; i < 2; i++) {
      const answer = await postJson(server.url, '/v2/client/webhook/disable', CREDENTIALS);
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.json, { status: 'success', message: 'Webhook has been disabled' });
    }
    const later = await legacy.placeOrder();
    const [queued] = await server.store.db.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM webhook_deliveries d JOIN events e ON e.id = d.event_id JOIN invoices i ON i.id = e.invoice_id WHERE i.merchant_number = $1",
      [later.orderNumber],
    );
    assert.equal(queued?.count, 0);
    const session = await postJson(server.url, '/v2/session/webhook/disable', CREDENTIALS);
    assert.deepEqual(session.json, { status: 'success', message: 'Webhook has been disabled' });
    assert.deepEqual(await subscriptions('m_usertest'), []);
  });

  test('a missing, empty or unusable url is refused with Billink’s 400 messages', async () => {
    await postJson(server.url, GENERATE, CREDENTIALS);
    const cases: [unknown, string][] = [
      [undefined, 'url parameter is empty'],
      ['', 'url parameter is empty'],
      ['   ', 'url parameter is empty'],
      ['not a url', 'Invalid url parameter'],
      ['ftp://example.com/hook', 'Invalid url parameter'],
      ['https://user:secret@example.com/hook', 'Invalid url parameter'],
      ['/relative/path', 'Invalid url parameter'],
      [`https://example.com/${'a'.repeat(2100)}`, 'Invalid url parameter'],
      [12345, 'Invalid url parameter'],
    ];
    for (const path of SET_PATHS) {
      for (const [url, message] of cases) {
        const answer = await postJson(server.url, path, { ...CREDENTIALS, url });
        assert.equal(answer.status, 400, `${path} ${String(url).slice(0, 30)}`);
        assert.deepEqual(answer.json, { status: 'error', message });
      }
    }
  });

  test('every webhook endpoint names a missing billinkUsername or billinkID with 400, before looking at anything else', async () => {
    for (const path of ALL_PATHS) {
      let answer = await postJson(server.url, path, { billinkID: USERTEST.clientId, url: 'nonsense' });
      assert.equal(answer.status, 400, path);
      assert.deepEqual(answer.json, { status: 'error', message: 'billinkUsername parameter missing' });
      answer = await postJson(server.url, path, { billinkUsername: USERTEST.username, url: 'nonsense' });
      assert.equal(answer.status, 400, path);
      assert.deepEqual(answer.json, { status: 'error', message: 'billinkID parameter missing' });
    }
  });

  test('every webhook endpoint answers 404 Client not found for an unknown username or a wrong id', async () => {
    const wrong = [
      { billinkUsername: 'nobody', billinkID: USERTEST.clientId },
      { billinkUsername: USERTEST.username, billinkID: APITEST.clientId },
      { billinkUsername: USERTEST.username, billinkID: USERTEST.clientId.slice(0, 39) },
    ];
    for (const path of ALL_PATHS) {
      for (const credentials of wrong) {
        const answer = await postJson(server.url, path, { ...credentials, url: receiver.url(), deliveryId: '1' });
        assert.equal(answer.status, 404, path);
        assert.deepEqual(answer.json, { status: 'error', message: 'Client not found' });
      }
    }
  });

  test('a body that is not JSON gets a 400 in the same shape', async () => {
    const response = await fetch(server.url + '/v2/client/webhook-v3/set', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{url:' });
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), { status: 'error', message: 'Request body is not valid JSON' });
  });

  test('a storage failure answers 500 with the endpoint’s message and no internals', async () => {
    await server.store.db.exec('ALTER TABLE webhook_subscriptions RENAME TO webhook_subscriptions_away');
    try {
      for (const path of SET_PATHS) {
        const answer = await postJson(server.url, path, { ...CREDENTIALS, url: receiver.url() });
        assert.equal(answer.status, 500);
        assert.deepEqual(answer.json, { status: 'error', message: 'Could not set webhook' });
      }
    } finally {
      await server.store.db.exec('ALTER TABLE webhook_subscriptions_away RENAME TO webhook_subscriptions');
    }
    await server.store.db.exec('ALTER TABLE webhook_secrets RENAME TO webhook_secrets_away');
    try {
      const answer = await postJson(server.url, GENERATE, CREDENTIALS);
      assert.equal(answer.status, 500);
      assert.deepEqual(answer.json, { status: 'error', message: 'Could not generate secret' });
    } finally {
      await server.store.db.exec('ALTER TABLE webhook_secrets_away RENAME TO webhook_secrets');
    }
    await server.store.db.exec('ALTER TABLE webhook_subscriptions RENAME TO webhook_subscriptions_away');
    try {
      for (const path of ['/v2/client/webhook/disable', '/v2/session/webhook/disable']) {
        const answer = await postJson(server.url, path, CREDENTIALS);
        assert.equal(answer.status, 500);
        assert.deepEqual(answer.json, { status: 'error', message: 'Could not disable webhook' });
      }
    } finally {
      await server.store.db.exec('ALTER TABLE webhook_subscriptions_away RENAME TO webhook_subscriptions');
    }
    await server.store.db.exec('ALTER TABLE webhook_attempts RENAME TO webhook_attempts_away');
    try {
      const log = await postJson(server.url, '/v2/client/webhook/deliveries', CREDENTIALS);
      assert.equal(log.status, 500);
      assert.deepEqual(log.json, { status: 'error', message: 'Could not read deliveries' });
    } finally {
      await server.store.db.exec('ALTER TABLE webhook_attempts_away RENAME TO webhook_attempts');
    }
    await server.store.db.exec('ALTER TABLE webhook_deliveries RENAME TO webhook_deliveries_away');
    try {
      const replay = await postJson(server.url, '/v2/client/webhook/replay', { ...CREDENTIALS, deliveryId: '1' });
      assert.equal(replay.status, 500);
      assert.deepEqual(replay.json, { status: 'error', message: 'Could not replay delivery' });
    } finally {
      await server.store.db.exec('ALTER TABLE webhook_deliveries_away RENAME TO webhook_deliveries');
    }
  });

  test('the OpenAPI document describes every webhook endpoint', async () => {
    const document = (await (await fetch(server.url + '/v2/openapi.json')).json()) as { paths: Record<string, unknown> };
    for (const path of ALL_PATHS) assert.ok(document.paths[path], path);
  });
});
