/**
 * The sandbox page and the keys page in Chromium: a sandbox merchant moves its test clock and reads
 * what the advance did, a live merchant finds no sandbox page, and a merchant replaces its Buckaroo
 * pair, after which only the new pair signs requests the gateway accepts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot } from '../support/browser.js';
import { BuckarooClient, USERTEST_BUCKAROO } from '../support/buckaroo-client.js';
import { USERTEST } from '../support/legacy-client.js';
import { createMerchant, PARTNER_KEY } from '../support/new-merchant.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { postJson } from '../v2/v2-client.js';
import { postForm, signIn as signInOverHttp } from './dashboard-client.js';

/** What the layout check reads inside the page (the project compiles without the DOM library). */
declare const document: { documentElement: { scrollWidth: number; clientWidth: number } };

const DAY = 86_400_000;

describe('the sandbox and keys pages in Chromium', () => {
  let server: TestServer;
  let live: { username: string; password: string };
  const credentials = { billinkUsername: USERTEST.username, billinkID: USERTEST.clientId };

  before(async () => {
    server = await startTestServer({ env: { PARTNER_API_KEY: PARTNER_KEY } });
    const created = await createMerchant(server.url, { sandbox: false, password: 'live shop password' });
    live = { username: created.username, password: created.password! };
  });
  after(() => server.close());

  async function signIn(page: Page, username: string, password: string): Promise<void> {
    await page.goto(`${server.url}/dashboard`);
    await page.getByLabel('Gebruikersnaam').fill(username);
    await page.getByLabel('Wachtwoord').fill(password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL((url) => url.pathname === '/dashboard/invoices');
  }

  const clockOffset = async () => (await postJson(server.url, '/v2/sandbox/clock', credentials)).body.offsetMs as number;

  test('a sandbox merchant advances its clock in the dashboard and reads the new time and the advance’s report', async () => {
    const browser = await openBrowser();
    try {
      const { page } = browser;
      await signIn(page, 'usertest', 'sandbox-usertest');
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Sandbox' }).click();
      assert.equal(await page.getByTestId('clock-offset').textContent(), 'geen (echte tijd)');
      const before = Date.parse((await page.getByTestId('merchant-time').locator('time').getAttribute('datetime'))!);

      await page.getByLabel('Aantal').fill('3');
      await page.getByLabel('Eenheid').selectOption('days');
      await page.getByTestId('advance-by').click();
      await page.getByTestId('advance-report').waitFor();
      assert.equal(await page.getByTestId('clock-offset').textContent(), '3 dagen, 0 uur en 0 minuten');
      const after = Date.parse((await page.getByTestId('merchant-time').locator('time').getAttribute('datetime'))!);
      assert.ok(after - before >= 3 * DAY, 'the merchant’s time moved three days on');
      const report = (await page.getByTestId('advance-report').textContent()) ?? '';
      assert.match(report, /Wat het vooruitzetten deed/);
      assert.match(report, /E-mails verstuurd\s*\d+/);
      assert.match(report, /Webhooks bezorgd \(eerste poging\)\s*\d+/);
      // The dashboard moved the same clock the v2 API reads.
      assert.equal(await clockOffset(), 3 * DAY);
      await screenshot(page, 'dashboard', 'sandbox');

      // A time before the merchant's now is refused with the core's reason, and nothing moves.
      await page.getByLabel('Datum en tijd (Amsterdamse tijd)').fill('2020-01-01T09:00');
      await page.getByTestId('advance-to-button').click();
      assert.equal(
        await page.getByRole('alert').locator('li').textContent(),
        'De testklok gaat alleen vooruit: die tijd ligt vóór de tijd van de webshop nu.',
      );
      assert.equal(await clockOffset(), 3 * DAY);

      await page.getByRole('button', { name: 'Terug naar echte tijd' }).click();
      assert.equal(await page.getByRole('status').textContent(), 'De testklok loopt weer op echte tijd.');
      assert.equal(await page.getByTestId('clock-offset').textContent(), 'geen (echte tijd)');
      assert.equal(await clockOffset(), 0);
    } finally {
      await browser.close();
    }
  });

  test('on a phone without JavaScript the sandbox page works in English and does not scroll sideways', async () => {
    const browser = await openBrowser({ viewport: { width: 375, height: 740 }, javaScriptEnabled: false });
    try {
      const { page } = browser;
      await signIn(page, 'usertest', 'sandbox-usertest');
      await page.getByRole('link', { name: 'English' }).click();
      await page.goto(`${server.url}/dashboard/sandbox`);
      assert.equal(await page.getByRole('heading', { level: 2, name: 'Test clock' }).count(), 1);
      await page.getByLabel('Amount').fill('12');
      await page.getByLabel('Unit').selectOption('hours');
      await page.getByRole('button', { name: 'Move forward' }).click();
      await page.getByTestId('advance-report').waitFor();
      assert.equal(await page.getByTestId('clock-offset').textContent(), '0 days, 12 hours and 0 minutes');
      for (const path of ['/dashboard/sandbox', '/dashboard/keys']) {
        await page.goto(`${server.url}${path}`);
        assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0, path);
      }
      await page.goto(`${server.url}/dashboard/sandbox`);
      await page.getByRole('button', { name: 'Back to real time' }).click();
      assert.equal(await clockOffset(), 0);
    } finally {
      await browser.close();
    }
  });

  test('an advance without a valid CSRF token is refused and leaves the clock where it was', async () => {
    const session = await signInOverHttp(server.url, 'usertest', 'sandbox-usertest');
    const forged = await postForm(server.url, '/dashboard/sandbox/advance', { csrf: 'not-the-token', amount: '2', unit: 'days' }, { cookie: session.cookie });
    assert.equal(forged.status, 403);
    assert.equal(await clockOffset(), 0);
  });

  test('a live merchant has no sandbox page: no menu entry, and its URL answers 404', async () => {
    const browser = await openBrowser();
    try {
      const { page } = browser;
      await signIn(page, live.username, live.password);
      assert.equal(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Sandbox' }).count(), 0);
      const answer = await page.goto(`${server.url}/dashboard/sandbox`);
      assert.equal(answer?.status(), 404);
      const session = await signInOverHttp(server.url, live.username, live.password);
      const posted = await postForm(server.url, '/dashboard/sandbox/advance', { csrf: session.csrf, amount: '2', unit: 'days' }, { cookie: session.cookie });
      assert.equal(posted.status, 404);
    } finally {
      await browser.close();
    }
  });

  test('a merchant rotates its Buckaroo keys: the new pair signs accepted requests and the old pair is refused', async () => {
    const specification = (client: BuckarooClient) => client.send('GET', '/json/Transaction/Specification/ideal?serviceVersion=2');
    const old = new BuckarooClient(server.url, USERTEST_BUCKAROO);
    assert.equal((await specification(old)).status, 200);
    const browser = await openBrowser();
    try {
      const { page } = browser;
      await signIn(page, 'usertest', 'sandbox-usertest');
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Sleutels' }).click();
      assert.equal(await page.getByTestId('website-key').textContent(), USERTEST_BUCKAROO.websiteKey);
      assert.ok(!(await page.content()).includes(USERTEST_BUCKAROO.secret), 'the secret is never shown again');
      await screenshot(page, 'dashboard', 'keys');

      // Without the ticked confirmation nothing changes.
      const unconfirmed = await postForm(
        server.url,
        '/dashboard/keys/buckaroo',
        { csrf: (await page.locator('input[name="csrf"]').first().getAttribute('value'))! },
        { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
      );
      assert.equal(unconfirmed.status, 422);
      assert.match(await unconfirmed.text(), /Vink aan dat u begrijpt dat de oude sleutels direct ophouden te werken/);
      assert.equal((await specification(old)).status, 200);

      await page.getByLabel('Ik begrijp dat de oude sleutels direct ophouden te werken').check();
      await page.getByRole('button', { name: 'Nieuwe sleutels aanmaken' }).click();
      const websiteKey = (await page.getByTestId('new-website-key').textContent())!;
      const secret = (await page.getByTestId('new-secret-key').textContent())!;
      assert.match(websiteKey, /^[A-Z2-9]{10}$/);
      assert.notEqual(websiteKey, USERTEST_BUCKAROO.websiteKey);
      assert.ok(secret.length >= 32);

      assert.equal((await specification(old)).status, 401);
      const renewed = await specification(new BuckarooClient(server.url, { websiteKey, secret }));
      assert.equal(renewed.status, 200);
      assert.ok(renewed.signedCorrectly);

      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Sleutels' }).click();
      assert.equal(await page.getByTestId('website-key').textContent(), websiteKey);
      assert.ok(!(await page.content()).includes(secret), 'the new secret was shown once');
    } finally {
      await browser.close();
    }
  });
});
