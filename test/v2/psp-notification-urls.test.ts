/**
 * The v2 endpoints that read and set where the PSP contracts notify a merchant (docs/buckaroo.md
 * "Push URL", docs/billblend.md "Callback URL"): the Buckaroo website's push URL, used by every
 * transaction that names no PushURL, and each BillBlend endpoint's callback URL. URLs obey the
 * webhook rules, bad input changes nothing, and the writes take idempotency keys.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BuckarooClient, orderRequest } from '../support/buckaroo-client.js';
import { APITEST } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { type ReceivedWebhook, WebhookReceiver } from '../support/webhook-receiver.js';
import { call, CREDENTIALS, postJson } from './v2-client.js';

const APITEST_CREDENTIALS = { billinkUsername: APITEST.username, billinkID: APITEST.clientId };

describe('the PSP notification URLs on the v2 API', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  before(async () => {
    receiver = await new WebhookReceiver().start();
    server = await startTestServer();
  });
  after(async () => {
    await server.close();
    await receiver.close();
  });

  const storedPushUrl = async () =>
    (await server.store.db.query<{ push_url: string | null }>("SELECT push_url FROM buckaroo_credentials WHERE website_key = 'USERTEST01'"))[0]!.push_url;
  const storedCallbackUrl = async (endpointId: string) =>
    (await server.store.db.query<{ callback_url: string | null }>('SELECT callback_url FROM psp_endpoints WHERE id = $1', [endpointId]))[0]!.callback_url;

  test('the push URL reads null, is set, reads back, receives the pushes of transactions that name no PushURL, and is removed with null', async () => {
    const read = await call(server.url, '/v2/client/buckaroo/push-url');
    assert.equal(read.status, 200, read.text);
    assert.deepEqual(read.body, { status: 'success', message: 'Buckaroo push URL', pushUrl: null });

    const url = receiver.url('/configured/push?site=1');
    const set = await call(server.url, '/v2/client/buckaroo/push-url/set', { url });
    assert.deepEqual(set.body, { status: 'success', message: 'Push URL has been set', pushUrl: url });
    assert.equal((await call(server.url, '/v2/client/buckaroo/push-url')).body.pushUrl, url);

    const pay = (await new BuckarooClient(server.url).transaction(orderRequest('Pay'))).json;
    assert.equal(pay.Status.Code.Code, 190);
    const [push] = await receiver.waitFor(1, (entry: ReceivedWebhook) => entry.path === '/configured/push?site=1');
    assert.equal((push!.json as { Transaction: { Key: string } }).Transaction.Key, pay.Key);

    const removed = await call(server.url, '/v2/client/buckaroo/push-url/set', { url: null });
    assert.deepEqual(removed.body, { status: 'success', message: 'Push URL has been removed', pushUrl: null });
    assert.equal(await storedPushUrl(), null);
  });

  test('a push URL that is missing, empty, not http(s), with a password or too long is a 400 that changes nothing', async () => {
    const kept = receiver.url('/kept');
    await call(server.url, '/v2/client/buckaroo/push-url/set', { url: kept });
    for (const [fields, message] of [
      [{}, 'url parameter is empty'],
      [{ url: '' }, 'url parameter is empty'],
      [{ url: '   ' }, 'url parameter is empty'],
      [{ url: 'ftp://shop.example/push' }, 'Invalid url parameter'],
      [{ url: 'not a url' }, 'Invalid url parameter'],
      [{ url: 'https://user:secret@shop.example/push' }, 'Invalid url parameter'],
      [{ url: `https://shop.example/${'a'.repeat(2100)}` }, 'Invalid url parameter'],
    ] as const) {
      const answer = await call(server.url, '/v2/client/buckaroo/push-url/set', fields);
      assert.equal(answer.status, 400, JSON.stringify(fields));
      assert.deepEqual(answer.body, { status: 'error', message }, JSON.stringify(fields));
    }
    assert.equal(await storedPushUrl(), kept);
  });

  test('missing credentials are a 400 and wrong ones a 404 Client not found, on every one of the four endpoints', async () => {
    for (const path of ['/v2/client/buckaroo/push-url', '/v2/client/buckaroo/push-url/set', '/v2/client/billblend/callback-url', '/v2/client/billblend/callback-url/set']) {
      const missing = await postJson(server.url, path, { billinkUsername: 'usertest', endpointId: '1001', url: 'https://shop.example/x' });
      assert.deepEqual([missing.status, missing.body], [400, { status: 'error', message: 'billinkID parameter missing' }], path);
      const wrong = await postJson(server.url, path, { ...CREDENTIALS, billinkID: '0'.repeat(40), endpointId: '1001', url: 'https://shop.example/x' });
      assert.deepEqual([wrong.status, wrong.body], [404, { status: 'error', message: 'Client not found' }], path);
    }
  });

  test('each merchant sees and sets only its own BillBlend endpoints; an unknown or foreign endpoint is a 404 that changes nothing', async () => {
    const read = await call(server.url, '/v2/client/billblend/callback-url');
    assert.deepEqual(read.body, { status: 'success', message: 'BillBlend callback URLs', endpoints: [{ endpointId: '1001', workflowNumber: 1, callbackUrl: null }] });
    const other = await postJson(server.url, '/v2/client/billblend/callback-url', APITEST_CREDENTIALS);
    assert.deepEqual(other.body.endpoints.map((endpoint: { endpointId: string }) => endpoint.endpointId), ['1002']);

    const url = receiver.url('/billblend/final?shop=9');
    const set = await call(server.url, '/v2/client/billblend/callback-url/set', { endpointId: '1001', url });
    assert.deepEqual(set.body, { status: 'success', message: 'Callback URL has been set', endpointId: '1001', callbackUrl: url });
    assert.equal(await storedCallbackUrl('1001'), url);

    for (const [fields, status, message] of [
      [{ endpointId: '1002', url }, 404, 'Endpoint not found'],
      [{ endpointId: '9999', url }, 404, 'Endpoint not found'],
      [{ url }, 400, 'endpointId parameter missing'],
      [{ endpointId: '1001' }, 400, 'url parameter is empty'],
      [{ endpointId: '1001', url: 'javascript:alert(1)' }, 400, 'Invalid url parameter'],
    ] as const) {
      const answer = await call(server.url, '/v2/client/billblend/callback-url/set', fields);
      assert.deepEqual([answer.status, answer.body], [status, { status: 'error', message }], JSON.stringify(fields));
    }
    assert.equal(await storedCallbackUrl('1002'), null);
    assert.equal(await storedCallbackUrl('1001'), url);

    const removed = await call(server.url, '/v2/client/billblend/callback-url/set', { endpointId: 1001, url: null });
    assert.deepEqual(removed.body, { status: 'success', message: 'Callback URL has been removed', endpointId: '1001', callbackUrl: null });
    assert.equal(await storedCallbackUrl('1001'), null);
  });

  test('a merchant without a Buckaroo pair gets a 404 from the push URL read and set, and no pair is made', async () => {
    await server.store.db.query("DELETE FROM buckaroo_credentials WHERE website_key = 'APITEST001'");
    for (const [path, fields] of [['/v2/client/buckaroo/push-url', {}], ['/v2/client/buckaroo/push-url/set', { url: 'https://shop.example/push' }]] as const) {
      const answer = await postJson(server.url, path, { ...APITEST_CREDENTIALS, ...fields });
      assert.deepEqual([answer.status, answer.body], [404, { status: 'error', message: 'Buckaroo credentials not found; rotate them first' }], path);
    }
    const [{ pairs } = { pairs: -1 }] = await server.store.db.query<{ pairs: number }>(
      "SELECT count(*)::int AS pairs FROM buckaroo_credentials c JOIN merchants m ON m.id = c.merchant_id WHERE m.username = 'apitest'",
    );
    assert.equal(pairs, 0);
  });

  test('a repeated set with the same Idempotency-Key replays its answer and a different body under that key is a 422', async () => {
    const headers = { 'content-type': 'application/json', 'idempotency-key': 'push-url-1' };
    const first = receiver.url('/idempotent/first');
    const once = await postJson(server.url, '/v2/client/buckaroo/push-url/set', { ...CREDENTIALS, url: first }, headers);
    assert.equal(once.status, 200, once.text);
    // Someone changes the URL in between; the replay answers what the keyed request did and sets nothing.
    await call(server.url, '/v2/client/buckaroo/push-url/set', { url: receiver.url('/idempotent/between') });
    const response = await fetch(`${server.url}/v2/client/buckaroo/push-url/set`, { method: 'POST', headers, body: JSON.stringify({ ...CREDENTIALS, url: first }) });
    assert.equal(response.headers.get('idempotent-replayed'), 'true');
    assert.equal(await response.text(), once.text);
    assert.equal(await storedPushUrl(), receiver.url('/idempotent/between'));
    const reused = await postJson(server.url, '/v2/client/buckaroo/push-url/set', { ...CREDENTIALS, url: receiver.url('/idempotent/other') }, headers);
    assert.equal(reused.status, 422);
    assert.equal(await storedPushUrl(), receiver.url('/idempotent/between'));
  });
});

describe('PSP notification URLs with WEBHOOK_ALLOW_PRIVATE off', () => {
  let server: TestServer;
  const lookups: string[] = [];
  const DNS: Record<string, string[]> = { 'shop.example': ['93.184.216.34'], 'intranet.shop.example': ['10.1.2.3'], 'mixed.shop.example': ['93.184.216.34', '169.254.169.254'] };
  before(async () => {
    const resolveHost = async (hostname: string) => {
      lookups.push(hostname);
      const addresses = DNS[hostname];
      if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      return addresses;
    };
    server = await startTestServer({ env: { WEBHOOK_ALLOW_PRIVATE: '0', JOBS: 'off' }, overrides: { resolveHost } });
  });
  after(() => server.close());

  test('internal addresses and names that resolve to one are refused for both URLs; names are looked up only for an authenticated merchant', async () => {
    for (const url of [
      'http://127.0.0.1:8080/push',
      'http://[::1]/push',
      'http://10.0.0.7/push',
      'http://169.254.169.254/latest/meta-data',
      'http://localhost/push',
      'http://intranet.shop.example/push',
      'https://mixed.shop.example/push',
    ]) {
      const push = await call(server.url, '/v2/client/buckaroo/push-url/set', { url });
      assert.deepEqual([push.status, push.body], [400, { status: 'error', message: 'Invalid url parameter' }], url);
      const callback = await call(server.url, '/v2/client/billblend/callback-url/set', { endpointId: '1001', url });
      assert.deepEqual([callback.status, callback.body], [400, { status: 'error', message: 'Invalid url parameter' }], url);
    }
    const [row] = await server.store.db.query<{ push_url: string | null; callback_url: string | null }>(
      "SELECT c.push_url, e.callback_url FROM buckaroo_credentials c JOIN psp_endpoints e ON e.merchant_id = c.merchant_id WHERE c.website_key = 'USERTEST01'",
    );
    assert.deepEqual(row, { push_url: null, callback_url: null });

    lookups.length = 0;
    const stranger = await postJson(server.url, '/v2/client/buckaroo/push-url/set', { ...CREDENTIALS, billinkID: '0'.repeat(40), url: 'https://intranet.shop.example/push' });
    assert.equal(stranger.status, 404);
    assert.deepEqual(lookups, [], 'no look-up for a request without valid credentials');

    const publicName = await call(server.url, '/v2/client/buckaroo/push-url/set', { url: 'https://shop.example/push' });
    assert.equal(publicName.status, 200, publicName.text);
    const unresolved = await call(server.url, '/v2/client/billblend/callback-url/set', { endpointId: '1001', url: 'https://not-yet.shop.example/callback' });
    assert.equal(unresolved.status, 200, 'a name without an address yet is accepted; every delivery checks it again');
  });
});
