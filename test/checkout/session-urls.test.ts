/**
 * The URLs a checkout session carries: the logo, whose origin enters the page's
 * Content-Security-Policy, and the return URLs, which a merchant may restrict to its own domains
 * (docs/security.md "Content-Security-Policy and the logo URL", "Checkout return URLs").
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { APITEST } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { createSession, postJson, type SessionBody, sessionBody } from './checkout-fixtures.js';

const SHOP = 'https://shop.example.test';

async function countSessions(server: TestServer): Promise<number> {
  const rows = await server.store.db.query<{ n: number }>('SELECT count(*) AS n FROM checkout_sessions');
  return Number(rows[0]!.n);
}

describe('the URLs of a checkout session', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('puts the logo origin into the page policy as a plain host-source, and leaves out a stored logo URL that would inject a directive', async () => {
    const created = await createSession(server.url, sessionBody(SHOP, (b) => (b.client.options.logoURL = 'https://cdn.shop.example:8443/img/logo.png?v=2')));
    const policy = async () => (await fetch(created.sessionURL)).headers.get('content-security-policy');
    assert.equal(
      await policy(),
      "default-src 'self'; img-src 'self' https://cdn.shop.example:8443; style-src 'self'; script-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
    await server.store.db.query('UPDATE checkout_sessions SET logo_url = $1 WHERE id = $2', ['https://cdn.example;script-src */logo.png', created.sessionID]);
    assert.equal(await policy(), "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'none'; base-uri 'none'; frame-ancestors 'none'");
  });

  test('with return URL domains set, accepts return URLs on them and their subdomains and refuses others, writing nothing', async () => {
    const set = (domains: unknown) => postJson(server.url, '/v2/client/checkout/return-domains/set', { billinkUsername: APITEST.username, billinkID: APITEST.clientId, domains });
    const asApitest = (change: (b: SessionBody) => void = () => {}) =>
      sessionBody('https://shop.example', (b) => {
        b.client.billinkUsername = APITEST.username;
        b.client.billinkID = APITEST.clientId;
        change(b);
      });
    // No list: any web URL, as before.
    assert.equal((await postJson(server.url, '/v2/session/create', asApitest((b) => (b.client.returnURL.backURL = 'https://elsewhere.example/')))).status, 200);

    const answer = await set(['Shop.Example.', 'pay.partner.example']);
    assert.deepEqual([answer.status, answer.body], [200, { status: 'success', message: 'Return URL domains have been set', domains: ['shop.example', 'pay.partner.example'] }]);
    assert.equal((await postJson(server.url, '/v2/session/create', asApitest((b) => (b.client.returnURL.failURL = 'https://checkout.shop.example/fail')))).status, 200);
    for (const [field, url] of [
      ['successURL', 'https://evil.example/success'],
      ['failURL', 'https://shop.example.evil.example/fail'],
      ['cancelURL', 'https://partner.example/cancel'],
      ['backURL', 'https://notshop.example/'],
    ]) {
      const before = await countSessions(server);
      const refused = await postJson(server.url, '/v2/session/create', asApitest((b) => (b.client.returnURL[field!] = url)));
      const message = `client.returnURL.${field} is not on one of the return URL domains you set`;
      assert.deepEqual([refused.status, refused.body], [400, { status: 'error', message, error_backend: { http_status_code: 400, http_body: { message } } }]);
      assert.equal(await countSessions(server), before);
    }
    // Another merchant's sessions are not affected by this list.
    assert.equal((await postJson(server.url, '/v2/session/create', sessionBody('https://evil.example'))).status, 200);

    for (const bad of ['shop.example', ['https://shop.example/'], ['shop example'], Array.from({ length: 21 }, (_, i) => `s${i}.example`)]) {
      const refused = await set(bad);
      assert.deepEqual([refused.status, refused.body], [400, { status: 'error', message: 'domains must be a list of at most 20 domain names such as shop.example' }], JSON.stringify(bad));
    }
    assert.deepEqual((await set([])).body.domains, []);
    assert.equal((await postJson(server.url, '/v2/session/create', asApitest((b) => (b.client.returnURL.successURL = 'https://evil.example/')))).status, 200);
  });
});
