/**
 * verifyBuckarooPush: a real push from the server's outbox to a loopback receiver verifies from
 * its raw body and headers with the website's secret key, also once a framework parsed the body,
 * and anything changed, stale or signed with another key is refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signBuckarooPush, verifyBuckarooPush, WebhookVerificationError } from '@achteraf/billink';
import { BuckarooClient, orderRequest, USERTEST_BUCKAROO } from '../support/buckaroo-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { type ReceivedWebhook, WebhookReceiver } from '../support/webhook-receiver.js';

describe('verifying a Buckaroo push', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  let push: ReceivedWebhook;
  let url: string;
  let key: string;
  before(async () => {
    receiver = await new WebhookReceiver().start();
    server = await startTestServer();
    url = receiver.url("/buckaroo/push?shop=1&name=O'Brien (NL)");
    const pay = (await new BuckarooClient(server.url).transaction(orderRequest('Pay', { invoice: `Bestelling/€-${Date.now()}`, extra: { PushURL: url } }))).json;
    key = pay.Key;
    push = (await receiver.waitFor(1, (entry) => entry.path.startsWith('/buckaroo/push')))[0]!;
  });
  after(async () => {
    await server.close();
    await receiver.close();
  });

  const secretKey = USERTEST_BUCKAROO.secret;

  test('a real push verifies from its raw bytes and headers and gives the transaction and delivery id', () => {
    const verified = verifyBuckarooPush({ secretKey, websiteKey: USERTEST_BUCKAROO.websiteKey, url, rawBody: Buffer.from(push.body), headers: push.headers });
    assert.equal(verified.transaction.Key, key);
    assert.equal(verified.transaction.Status.Code.Code, 190);
    assert.equal(verified.websiteKey, USERTEST_BUCKAROO.websiteKey);
    assert.equal(verified.deliveryId, push.headers['x-achteraf-delivery-id']);
    const asFetchHeaders = new Headers(Object.entries(push.headers).map(([name, value]) => [name, String(value)]));
    assert.equal(verifyBuckarooPush({ secretKey, url, rawBody: push.body, headers: asFetchHeaders }).transaction.Key, key);
  });

  test('a body a framework already parsed verifies too, as the Node SDK hashes JSON.stringify of it', () => {
    assert.equal(verifyBuckarooPush({ secretKey, url, rawBody: JSON.parse(push.body), headers: push.headers }).transaction.Key, key);
  });

  test('a changed body, another secret key, another URL or another website key is refused', () => {
    const refused = (input: Partial<Parameters<typeof verifyBuckarooPush>[0]>) =>
      assert.throws(() => verifyBuckarooPush({ secretKey, url, rawBody: push.body, headers: push.headers, ...input }), WebhookVerificationError);
    refused({ rawBody: push.body.replace('"AmountDebit":100.3', '"AmountDebit":1') });
    refused({ secretKey: 'apitest-buckaroo-secret' });
    refused({ url: receiver.url('/elsewhere') });
    refused({ websiteKey: 'APITEST001' });
    refused({ headers: { ...push.headers, authorization: undefined } });
  });

  test('a push signed longer ago than the tolerance is refused, and the tolerance can be widened', () => {
    const later = new Date(Date.now() + 3_600_000);
    assert.throws(() => verifyBuckarooPush({ secretKey, url, rawBody: push.body, headers: push.headers, now: later }), /timestamp/);
    assert.equal(verifyBuckarooPush({ secretKey, url, rawBody: push.body, headers: push.headers, now: later, toleranceSeconds: 7200 }).transaction.Key, key);
  });

  test('signBuckarooPush makes the header the server sends, so a receiver can be tested without a server', () => {
    const header = String(push.headers.authorization);
    const [, , , nonce, timestamp] = /^hmac ([^:]+):([^:]+):([^:]+):(\d+)$/.exec(header)!;
    assert.equal(signBuckarooPush({ websiteKey: USERTEST_BUCKAROO.websiteKey, secretKey, url, body: push.body, timestamp: timestamp!, nonce: nonce! }), header);
  });
});
