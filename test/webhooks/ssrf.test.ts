/**
 * Webhook URLs may only point at public addresses unless the operator sets WEBHOOK_ALLOW_PRIVATE
 * (docs/security.md "Webhook SSRF"). The server here runs with it off; host names are resolved by
 * a resolver of the test's own, so names can point anywhere without a network.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { APITEST, Legacy, USERTEST } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { WebhookReceiver, eventually, postJson } from '../support/webhook-receiver.js';

const CREDENTIALS = { billinkUsername: USERTEST.username, billinkID: USERTEST.clientId };
const PUBLIC_ADDRESS = '93.184.216.34';

describe('webhook targets with WEBHOOK_ALLOW_PRIVATE off', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  let legacy: Legacy;
  /** What each test name resolves to, in turn: the last entry repeats. */
  const dns = new Map<string, string[][]>();
  const lookups: string[] = [];
  const resolveHost = async (hostname: string): Promise<string[]> => {
    lookups.push(hostname);
    if (hostname === 'localhost') return ['127.0.0.1', '::1'];
    const answers = dns.get(hostname);
    if (!answers) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return answers.length > 1 ? answers.shift()! : answers[0]!;
  };

  before(async () => {
    server = await startTestServer({ env: { WEBHOOK_ALLOW_PRIVATE: '0', WEBHOOK_RETRY_SCHEDULE: '' }, overrides: { resolveHost } });
    receiver = await new WebhookReceiver().start();
    legacy = new Legacy(server.url);
    await postJson(server.url, '/v2/client/webhook-v3/secret/generate', CREDENTIALS);
  });
  after(async () => {
    await receiver.close();
    await server.close();
  });

  const subscriptions = () =>
    server.store.db.query<{ kind: string; url: string }>("SELECT kind, url FROM webhook_subscriptions WHERE merchant_id = 'm_usertest' ORDER BY kind");
  const set = (url: string, path = '/v2/client/webhook-v3/set') => postJson(server.url, path, { ...CREDENTIALS, url });

  test('the server refuses loopback, private, link-local, CGNAT, multicast, unspecified and metadata addresses in every spelling, changing nothing', async () => {
    const port = new URL(receiver.url()).port;
    const urls = [
      `http://127.0.0.1:${port}/hook`,
      'http://127.0.0.1:5432/',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://0177.0.0.1/',
      'http://127.1/',
      'http://0.0.0.0/',
      'http://0/',
      'http://[::1]/',
      'http://[::]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[0:0:0:0:0:ffff:7f00:1]/',
      'http://[::ffff:169.254.169.254]/latest/meta-data/',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.100.100.200/',
      'http://10.0.0.1/',
      'http://172.16.0.1/',
      'https://192.168.1.1/',
      'http://[fd00:ec2::254]/',
      'http://[fe80::1]/',
      'http://224.0.0.1/',
      'http://[ff02::1]/',
      'http://[64:ff9b::7f00:1]/',
      'http://localhost/',
      'http://LOCALHOST./',
      `http://localhost:${port}/hook`,
      'http://shop.localhost/',
    ];
    for (const url of urls) {
      for (const path of ['/v2/client/webhook-v3/set', '/v2/session/webhook-v3/set', '/v2/client/webhook/set']) {
        const answer = await set(url, path);
        assert.equal(answer.status, 400, `${path} ${url}`);
        assert.deepEqual(answer.json, { status: 'error', message: 'Invalid url parameter' }, url);
      }
    }
    assert.deepEqual(await subscriptions(), []);
    assert.ok(!lookups.includes('localhost'), 'localhost is refused without asking DNS');
  });

  test('a name that resolves to a private address, or to a public and a private one, is refused when it is set', async () => {
    dns.set('internal.shop.test', [['10.1.2.3']]);
    dns.set('mixed.shop.test', [[PUBLIC_ADDRESS, '127.0.0.1']]);
    dns.set('metadata.shop.test', [['::ffff:169.254.169.254']]);
    for (const url of ['https://internal.shop.test/hook', 'https://mixed.shop.test/hook', 'http://metadata.shop.test/']) {
      const answer = await set(url);
      assert.equal(answer.status, 400, url);
      assert.deepEqual(answer.json, { status: 'error', message: 'Invalid url parameter' });
    }
    assert.deepEqual(await subscriptions(), []);
  });

  test('a public address, a name that resolves to one, and a name that does not resolve yet are accepted', async () => {
    dns.set('hooks.shop.test', [[PUBLIC_ADDRESS, '2606:4700:4700::1111']]);
    for (const url of [`http://${PUBLIC_ADDRESS}/hook`, 'https://hooks.shop.test/hook', 'https://not-yet.shop.test/hook']) {
      const answer = await set(url);
      assert.equal(answer.status, 200, url);
      assert.deepEqual(await subscriptions(), [{ kind: 'order', url }]);
    }
  });

  test('a name that resolves to loopback at delivery time (DNS rebinding) is not called, and the attempt says why', async () => {
    const port = new URL(receiver.url()).port;
    // Public when the webhook is set, loopback (where the receiver listens) ever after.
    dns.set('rebind.shop.test', [[PUBLIC_ADDRESS], ['127.0.0.1']]);
    assert.equal((await set(`http://rebind.shop.test:${port}/rebind`)).status, 200);
    const order = await legacy.placeOrder();
    const delivery = await failedDelivery(order.orderNumber);
    assert.equal(delivery.attempts[0].httpStatus, null);
    assert.match(delivery.attempts[0].error, /^refused: .*WEBHOOK_ALLOW_PRIVATE is off/);
    assert.deepEqual(receiver.at('/rebind'), []);
  });

  test('a stored URL with a private literal address, from before this rule, is refused at delivery time', async () => {
    await server.store.db.query("UPDATE webhook_subscriptions SET url = $1 WHERE merchant_id = 'm_usertest'", [receiver.url('/stored')]);
    const order = await legacy.placeOrder();
    const delivery = await failedDelivery(order.orderNumber);
    assert.match(delivery.attempts[0].error, /^refused: /);
    assert.deepEqual(receiver.at('/stored'), []);
  });

  test('another merchant’s webhook is unaffected by these refusals', async () => {
    const answer = await postJson(server.url, '/v2/client/webhook/set', { billinkUsername: APITEST.username, billinkID: APITEST.clientId, url: 'http://[::1]/' });
    assert.equal(answer.status, 400);
    const rows = await server.store.db.query("SELECT url FROM webhook_subscriptions WHERE merchant_id = 'm_apitest'");
    assert.deepEqual(rows, []);
  });

  async function failedDelivery(orderNumber: string): Promise<any> {
    return eventually(async () => {
      const log = await postJson(server.url, '/v2/client/webhook/deliveries', { ...CREDENTIALS, pageSize: 100 });
      return (log.json.deliveries as any[]).find((d) => d.state === 'failed' && JSON.parse(d.body).invoice_number_clean === orderNumber);
    }, 15_000, `the failed delivery of ${orderNumber}`);
  }
});

describe('webhook targets with WEBHOOK_ALLOW_PRIVATE=1', () => {
  test('loopback URLs are accepted and delivered to, for local development', async () => {
    const server = await startTestServer({ env: { WEBHOOK_ALLOW_PRIVATE: '1' } });
    const receiver = await new WebhookReceiver().start();
    try {
      await postJson(server.url, '/v2/client/webhook-v3/secret/generate', CREDENTIALS);
      const url = receiver.url('/local').replace('127.0.0.1', 'localhost');
      assert.equal((await postJson(server.url, '/v2/client/webhook-v3/set', { ...CREDENTIALS, url })).status, 200);
      const order = await new Legacy(server.url).placeOrder();
      await receiver.waitFor(1, (entry) => entry.path === '/local' && entry.json.invoice_number_clean === order.orderNumber);
    } finally {
      await receiver.close();
      await server.close();
    }
  });
});
