/**
 * The trust text of the hosted checkout page in Chromium (docs/checkout.md "Trust text"): who the
 * payment provider is, that a credit check is made and why, and the links to the platform's terms
 * and privacy statement, configured by the operator or our own summary pages.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openBrowser } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { createSession, sessionBody, type Shop, startShop } from './checkout-fixtures.js';

describe('the trust text of the checkout page', () => {
  let shop: Shop;
  before(async () => {
    shop = await startShop();
  });
  after(async () => {
    await shop.close();
  });

  test('names the operator as payment provider, explains the credit check and links the configured terms and privacy statement', async () => {
    const server: TestServer = await startTestServer({
      env: { PLATFORM_NAME: 'Betaalhuis Noord', PLATFORM_TERMS_URL: 'https://betaalhuis.example/voorwaarden', PLATFORM_PRIVACY_URL: 'https://betaalhuis.example/privacy' },
    });
    const browser = await openBrowser({ javaScriptEnabled: false });
    try {
      const created = await createSession(server.url, sessionBody(shop.url));
      const { page } = browser;
      await page.goto(created.sessionURL);
      const trust = page.getByRole('region', { name: 'Over achteraf betalen' });
      assert.match((await trust.getByTestId('provider').textContent()) ?? '', /^Achteraf betalen wordt aangeboden door Betaalhuis Noord\. .+ draagt de factuur aan Betaalhuis Noord over/);
      assert.match((await trust.getByTestId('credit-check').textContent()) ?? '', /doet een kredietcheck .* of je achteraf kunt betalen .* schuld aangaat die je niet kunt dragen/);
      assert.equal(await trust.getByRole('link', { name: 'Voorwaarden' }).getAttribute('href'), 'https://betaalhuis.example/voorwaarden');
      assert.equal(await trust.getByRole('link', { name: 'Privacyverklaring' }).getAttribute('href'), 'https://betaalhuis.example/privacy');
      // Read before agreeing: the trust text comes before the terms checkbox in the page's order.
      const html = await page.content();
      assert.ok(html.indexOf('class="trust"') > 0 && html.indexOf('class="trust"') < html.indexOf('id="terms"'));
    } finally {
      await browser.close();
      await server.close();
    }
  });

  test('without configuration links the platform\'s own summary pages, which answer in both languages', async () => {
    const server: TestServer = await startTestServer();
    const browser = await openBrowser();
    try {
      const created = await createSession(server.url, sessionBody(shop.url));
      const { page } = browser;
      await page.goto(`${created.sessionURL}?lang=en`);
      const trust = page.getByRole('region', { name: 'About paying afterwards' });
      assert.match((await trust.getByTestId('provider').textContent()) ?? '', /^Paying afterwards is offered by Achteraf\./);
      await trust.getByRole('link', { name: 'Privacy statement' }).click();
      assert.equal(page.url(), `${server.url}/legal/privacy?lang=en`);
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Privacy statement of Achteraf');
      const terms = await page.goto(`${server.url}/legal/terms?lang=nl`);
      assert.equal(terms?.status(), 200);
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Voorwaarden van Achteraf');
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
