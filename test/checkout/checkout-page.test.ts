import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ManualClock, MINUTE } from '../../src/core/shared/clock.js';
import { openBrowser, screenshot } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { createSession, type SessionBody, sessionBody, sessionStatus, type Shop, startShop } from './checkout-fixtures.js';

/** Path and query of a URL, as the shop's server sees the request line. */
const requestTarget = (url: string) => url.slice(new URL(url).origin.length);

describe('the checkout page in Chromium', () => {
  let server: TestServer;
  let shop: Shop;
  const clock = new ManualClock(new Date());
  before(async () => {
    server = await startTestServer({ overrides: { clock } });
    shop = await startShop();
  });
  after(async () => {
    await shop.close();
    await server.close();
  });

  async function fillAndApprove(page: import('playwright-core').Page): Promise<void> {
    await page.getByLabel('Geboortedatum').fill('31-12-1990');
    await page.getByLabel('Telefoonnummer').fill('06 12345678');
    await page.getByLabel(/Ik ga akkoord met achteraf betalen/).check();
    await page.getByTestId('approve').click();
  }

  test('approving places the order and lands on successURL with its query string byte for byte', async () => {
    const body = sessionBody(shop.url, (b) => (b.client.options.logoURL = `${shop.url}/logo.svg`));
    const created = await createSession(server.url, body);
    const browser = await openBrowser();
    try {
      const { page } = browser;
      const requested: string[] = [];
      const violations: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      await page.goto(created.sessionURL);
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Achteraf betalen');
      assert.equal(await page.getByTestId('total').textContent(), '€\u00a0104,85');
      assert.equal(await page.getByRole('img', { name: 'Test Webshop' }).evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth > 0), true);
      await screenshot(page, 'checkout', 'open-session');

      await fillAndApprove(page);
      await page.waitForURL((url) => url.pathname === '/billink/success');
      assert.equal(shop.visits.at(-1), requestTarget(body.client.returnURL.successURL));
      assert.equal(page.url(), body.client.returnURL.successURL);
      assert.equal((await sessionStatus(server.url, { sessionID: created.sessionID })).body.status, 'order_created');

      // Nothing but our own server and the merchant's logo was loaded (no external resources).
      const origins = new Set(requested.map((url) => new URL(url).origin));
      assert.deepEqual([...origins].sort(), [new URL(server.url).origin, shop.url].sort());
      assert.ok(requested.filter((url) => url.startsWith(shop.url)).every((url) => /\/logo\.svg$|\/billink\/success/.test(url)));
      assert.deepEqual(violations, []);
    } finally {
      await browser.close();
    }
  });

  test('a declined credit check lands on failURL and the page then says so', async () => {
    const body = sessionBody(shop.url, (b) => (b.customer.email = `decline-${Date.now()}+decline@example.com`));
    const created = await createSession(server.url, body);
    const browser = await openBrowser();
    try {
      const { page } = browser;
      await page.goto(created.sessionURL);
      await fillAndApprove(page);
      await page.waitForURL((url) => url.pathname === '/billink/fail');
      assert.equal(shop.visits.at(-1), requestTarget(body.client.returnURL.failURL));

      await page.goto(created.sessionURL);
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Achteraf betalen is niet gelukt');
      assert.equal(await page.getByTestId('approve').count(), 0);
      await screenshot(page, 'checkout', 'failed');
    } finally {
      await browser.close();
    }
  });

  test('cancelling lands on cancelURL and the session is cancelled', async () => {
    const body: SessionBody = sessionBody(shop.url);
    const created = await createSession(server.url, body);
    const browser = await openBrowser();
    try {
      const { page } = browser;
      await page.goto(created.sessionURL);
      await page.getByTestId('cancel').click();
      await page.waitForURL((url) => url.pathname === '/billink/cancel');
      assert.equal(shop.visits.at(-1), requestTarget(body.client.returnURL.cancelURL));
      assert.equal((await sessionStatus(server.url, { sessionID: created.sessionID })).body.status, 'cancelled');
    } finally {
      await browser.close();
    }
  });

  test('a page left open for 61 minutes shows that it expired instead of placing the order', async () => {
    const body = sessionBody(shop.url);
    const created = await createSession(server.url, body);
    const browser = await openBrowser();
    try {
      const { page } = browser;
      await page.goto(created.sessionURL);
      clock.advance(61 * MINUTE);
      await fillAndApprove(page);
      await page.waitForURL((url) => url.pathname === `/checkout/${created.sessionID}`);
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Deze betaalpagina is verlopen');
      assert.equal(await page.getByTestId('closed').getAttribute('data-status'), 'session_expired');
      assert.equal(await page.getByRole('link', { name: 'Terug naar Test Webshop' }).getAttribute('href'), body.client.returnURL.cancelURL);
      await screenshot(page, 'checkout', 'expired');
      assert.equal((await sessionStatus(server.url, { sessionID: created.sessionID })).body.status, 'session_expired');
    } finally {
      await browser.close();
    }
  });

  test('speaks English to a browser that prefers it, and switches to Dutch by its link', async () => {
    const created = await createSession(server.url, sessionBody(shop.url));
    const browser = await openBrowser({ locale: 'en-GB' });
    try {
      const { page } = browser;
      await page.goto(created.sessionURL);
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Pay afterwards');
      assert.equal(await page.getByTestId('total').textContent(), '€104.85');
      assert.equal(await page.getByTestId('approve').textContent(), 'Agree and place order');
      await screenshot(page, 'checkout', 'english');

      await page.getByRole('link', { name: 'Nederlands' }).click();
      assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Achteraf betalen');
    } finally {
      await browser.close();
    }
  });
});
