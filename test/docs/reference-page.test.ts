import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openBrowser, screenshot } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('the API reference page at /docs', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('is served with a policy that allows nothing from other origins', async () => {
    const response = await fetch(`${server.url}/docs`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'; script-src 'self'/);
    const page = await response.text();
    assert.doesNotMatch(page, /https?:\/\//, 'the page names no other host');
    assert.equal((await fetch(`${server.url}/docs/assets/swagger-ui-bundle.js`)).status, 200);
    assert.equal((await fetch(`${server.url}/docs/assets/package.json`)).status, 404, 'only the named assets are served');
  });

  test('renders every group of the document in Chromium, loading nothing but this server', async () => {
    const browser = await openBrowser({ locale: 'en-GB' });
    try {
      const { page } = browser;
      const requested: string[] = [];
      const errors: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await page.goto(`${server.url}/docs`);
      await page.locator('.opblock-tag', { hasText: 'legacy' }).first().waitFor();
      const text = await page.locator('#reference').innerText();
      for (const expected of ['Achteraf API', '/v2/client/invoice/credit', '/api/check', 'order_paid']) {
        assert.ok(text.includes(expected), `the page shows ${expected}`);
      }
      await screenshot(page, 'docs', 'reference');
      assert.deepEqual(requested.filter((url) => !url.startsWith(server.url) && !url.startsWith('data:')), []);
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });
});
