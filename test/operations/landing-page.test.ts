/**
 * GET / (docs/operations.md, "The landing page"): version, database engine, links to the
 * documentation, the OpenAPI document and the checkout docs, and in the sandbox the published
 * credentials; HTML for browsers, JSON on request.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { USERTEST } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

interface Landing {
  version: string;
  database: string;
  links: { openapi: string; checkout: string; docs: { title: string; href: string }[] };
  sandbox?: { merchants: { username: string; clientId: string }[] };
}

describe('the landing page', () => {
  let server: TestServer;
  before(async () => (server = await startTestServer()));
  after(() => server.close());

  test('answers JSON with the version, the database engine, working links and the sandbox credentials', async () => {
    const response = await fetch(server.url + '/', { headers: { accept: 'application/json' } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type')!, /^application\/json/);
    const page = (await response.json()) as Landing;
    assert.equal(page.version, VERSION);
    assert.equal(page.database, server.store.db.engine);
    assert.equal(page.links.openapi, '/v2/openapi.json');
    assert.equal(page.links.checkout, '/docs/checkout.md');
    assert.ok(page.links.docs.some((doc) => doc.href === '/docs/legacy-api.md' && doc.title === 'The legacy XML API'));
    assert.deepEqual(
      page.sandbox?.merchants.find((merchant) => merchant.username === USERTEST.username),
      { username: USERTEST.username, clientId: USERTEST.clientId },
    );

    const openapi = await fetch(server.url + page.links.openapi);
    assert.equal(openapi.status, 200);
    for (const doc of page.links.docs) {
      const served = await fetch(server.url + doc.href);
      assert.equal(served.status, 200, doc.href);
      assert.match(served.headers.get('content-type')!, /^text\/markdown/);
      assert.match(await served.text(), new RegExp(`^# ${doc.title.replace(/[()]/g, '\\$&')}`, 'm'));
    }
  });

  test('answers a browser with an HTML page holding the same links', async () => {
    const response = await fetch(server.url + '/', { headers: { accept: BROWSER_ACCEPT } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type')!, /^text\/html/);
    const html = await response.text();
    assert.match(html, new RegExp(`Version ${VERSION.replace(/\./g, '\\.')}, database: ${server.store.db.engine}`));
    assert.match(html, /href="\/v2\/openapi\.json"/);
    assert.match(html, /href="\/docs\/checkout\.md"/);
    assert.match(html, /href="\/docs\/legacy-api\.md"/);
    assert.ok(html.includes(USERTEST.clientId));
  });

  test('serves only the documentation files, never another path', async () => {
    for (const path of ['/docs/..%2Fpackage.json', '/docs/%2E%2E%2Fpackage.json', '/docs/nothing.md', '/docs/.gitignore']) {
      assert.equal((await fetch(server.url + path)).status, 404, path);
    }
  });
});

describe('the landing page without sandbox merchants', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { SANDBOX_SEED: 'off' } });
  });
  after(() => server.close());

  test('shows no credentials', async () => {
    const page = (await (await fetch(server.url + '/', { headers: { accept: 'application/json' } })).json()) as Landing;
    assert.equal(page.sandbox, undefined);
    const html = await (await fetch(server.url + '/')).text();
    assert.doesNotMatch(html, /Sandbox merchants/);
    assert.ok(!html.includes(USERTEST.clientId));
  });
});
