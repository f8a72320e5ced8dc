/**
 * The HMAC authentication of spec buckaroo.md §2 over real HTTP: the SDKs' signatures are taken
 * (Node's encodeURIComponent, PHP's urlencode, a trailing slash, any case of the path), and a
 * missing, wrong, stale or replayed signature is refused with 401 before anything is written.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BuckarooClient, orderRequest, sign, USERTEST_BUCKAROO } from '../support/buckaroo-client.js';
import { rowCounts } from '../support/row-counts.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('Buckaroo request authentication', () => {
  let server: TestServer;
  let client: BuckarooClient;
  before(async () => {
    server = await startTestServer();
    client = new BuckarooClient(server.url);
  });
  after(() => server.close());

  const spec = (path = '/json/Transaction/Specification/ideal?serviceVersion=2') => client.send('GET', path);

  test('a request signed like the Node SDK is answered 200 and the answer is signed for the same URI', async () => {
    const answer = await spec();
    assert.equal(answer.status, 200);
    assert.ok(answer.signedCorrectly);
    assert.match(answer.authorization!, /^hmac USERTEST01:[A-Za-z0-9+/]{43}=:[0-9a-f]{32}:\d{10}$/);
  });

  test('a request signed like the PHP SDK, with a UUID nonce and urlencode, is answered too', async () => {
    const answer = await client.send('POST', '/json/Transaction/', orderRequest('Pay'), { style: 'php' });
    assert.equal(answer.status, 200);
    assert.equal(answer.json.Status.Code.Code, 190);
  });

  test('paths are matched in any case and with a trailing slash, and signed as received', async () => {
    for (const path of ['/json/transaction/specification/billink', '/JSON/Transaction/Specification/Billink/', '/Json/TRANSACTION/specification/BILLINK']) {
      const answer = await spec(path);
      assert.equal(answer.status, 200, path);
      assert.ok(answer.signedCorrectly, path);
      assert.equal(answer.json.Name, 'billink');
    }
  });

  test('a missing or malformed Authorization header is refused with 401 and a Message', async () => {
    for (const authorization of ['', 'Bearer abc', 'hmac USERTEST01:abc']) {
      const answer = await client.send('GET', '/json/Transaction/Specification/billink', undefined, { authorization });
      assert.equal(answer.status, 401, authorization);
      assert.equal(typeof answer.json.Message, 'string');
      assert.equal(answer.authorization, null, 'a refused request gets no signed answer');
    }
  });

  test('a wrong secret, an unknown website key and a changed body are refused alike', async () => {
    const wrongSecret = await client.send('GET', '/json/Transaction/Specification/billink', undefined, { secret: 'not-the-secret' });
    assert.equal(wrongSecret.status, 401);
    const unknown = new BuckarooClient(server.url, { websiteKey: 'NOSUCHKEY1', secret: 'x' });
    const unknownAnswer = await unknown.send('GET', '/json/Transaction/Specification/billink');
    assert.equal(unknownAnswer.status, 401);
    assert.equal(unknownAnswer.json.Message, wrongSecret.json.Message);

    const before = await rowCounts(server);
    const body = JSON.stringify(orderRequest('Pay'));
    const timestamp = Math.floor(Date.now() / 1000);
    const authorization = sign(USERTEST_BUCKAROO, 'POST', `${server.url}/json/Transaction`, body, timestamp, 'nonce_1');
    const tampered = await client.send('POST', '/json/Transaction', body.replace('"AmountDebit":100.3', '"AmountDebit":1.3'), { authorization });
    assert.equal(tampered.status, 401);
    assert.deepEqual(await rowCounts(server), before, 'a refused request writes nothing');
  });

  test('a signature for another path or method is refused', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const authorization = sign(USERTEST_BUCKAROO, 'GET', `${server.url}/json/Transaction/Specification/ideal`, '', timestamp, 'nonce_2');
    const answer = await client.send('GET', '/json/Transaction/Specification/billink', undefined, { authorization });
    assert.equal(answer.status, 401);
  });

  test('a timestamp more than five minutes from the server clock is refused, either way', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const timestamp of [now - 301 - 5, now + 301 + 5]) {
      const answer = await client.send('GET', '/json/Transaction/Specification/billink', undefined, { timestamp });
      assert.equal(answer.status, 401);
      assert.match(answer.json.Message, /timestamp/);
    }
    const recent = await client.send('GET', '/json/Transaction/Specification/billink', undefined, { timestamp: now - 240 });
    assert.equal(recent.status, 200);
  });

  test('a nonce used once is refused the second time, even with a fresh signature', async () => {
    const first = await client.send('GET', '/json/Transaction/Specification/billink', undefined, { nonce: 'nonce_replayed' });
    assert.equal(first.status, 200);
    const again = await client.send('GET', '/json/Transaction/Specification/billink', undefined, { nonce: 'nonce_replayed' });
    assert.equal(again.status, 401);
    assert.match(again.json.Message, /nonce/);
    const otherSite = new BuckarooClient(server.url, { websiteKey: 'APITEST001', secret: 'apitest-buckaroo-secret' });
    const elsewhere = await otherSite.send('GET', '/json/Transaction/Specification/billink', undefined, { nonce: 'nonce_replayed' });
    assert.equal(elsewhere.status, 200, 'nonces are per website key');
  });

  test('the Billink and v2 routes still parse their own bodies beside the gateway', async () => {
    const response = await fetch(`${server.url}/health`);
    assert.equal(response.status, 200);
    const v2 = await fetch(`${server.url}/v2/openapi.json`);
    assert.equal(v2.status, 200);
  });
});
