import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot } from '../support/browser.js';
import { freshCustomer } from '../support/fresh-customer.js';
import { APITEST, Legacy, USERTEST } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { eventually, postJson, subscribe, WebhookReceiver } from '../support/webhook-receiver.js';

/** What the layout check reads inside the page (the project compiles without the DOM library). */
declare const document: { documentElement: { scrollWidth: number; clientWidth: number } };

describe('the dashboard in Chromium', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  let order: { orderNumber: string; invoice: string; email: string };
  let apitestInvoice: string;
  const credentials = { billinkUsername: USERTEST.username, billinkID: USERTEST.clientId };

  before(async () => {
    // No retries: the first failed attempt is the delivery's last, so the log shows it failed.
    server = await startTestServer({ env: { WEBHOOK_RETRY_SCHEDULE: '' } });
    receiver = await new WebhookReceiver().start();
    await subscribe(server.url, USERTEST, { url: receiver.url('/orders'), signed: false });
    receiver.answer(500, 1);
    const customer = freshCustomer({ LASTNAME: 'Verhoeven' });
    const placed = await new Legacy(server.url, USERTEST).placeOrder({ fields: customer });
    order = { ...placed, email: customer.EMAIL! };
    apitestInvoice = (await new Legacy(server.url, APITEST).placeOrder({ fields: freshCustomer() })).invoice;
    await eventually(async () => {
      const log = await postJson(server.url, '/v2/client/webhook/deliveries', { ...credentials, state: 'failed' });
      return log.json.totalDeliveries >= 1 ? true : undefined;
    }, 15_000, 'the first delivery to fail');
  });
  after(async () => {
    await receiver.close();
    await server.close();
  });

  async function signIn(page: Page, username = 'usertest'): Promise<void> {
    await page.goto(`${server.url}/dashboard`);
    await page.getByLabel('Gebruikersnaam').fill(username);
    await page.getByLabel('Wachtwoord').fill(`sandbox-${username}`);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL((url) => url.pathname === '/dashboard/invoices');
  }

  test('a merchant signs in, finds an invoice by the customer’s e-mail and reads its timeline', async () => {
    const browser = await openBrowser();
    try {
      const { page } = browser;
      await signIn(page);
      await screenshot(page, 'dashboard', 'invoices');
      await page.getByRole('searchbox', { name: 'Zoeken' }).fill(order.email.toUpperCase());
      await page.getByRole('button', { name: 'Zoeken' }).click();
      // count() does not wait: wait for the answer to the search before counting its rows.
      await page.waitForURL((url) => url.searchParams.get('q') === order.email.toUpperCase());
      await page.waitForLoadState('domcontentloaded');
      const rows = page.getByTestId('invoice-row');
      assert.equal(await rows.count(), 1);
      await page.getByRole('link', { name: order.invoice }).click();
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), `Factuur ${order.invoice}`);
      const timeline = page.getByTestId('timeline');
      assert.match(await timeline.textContent() ?? '', /Order geplaatst/);
      assert.match(await timeline.textContent() ?? '', /order_placed.*Mislukt \(poging 1: 500\)/s);

      await page.locator('#payment-amount').fill('10,00');
      await page.locator('#payment-description').fill('Deelbetaling');
      await page.getByTestId('register-payment').click();
      await page.waitForURL((url) => url.searchParams.get('done') === 'payment');
      assert.equal(await page.getByRole('status').textContent(), 'De betaling is geregistreerd.');
      assert.match(await timeline.textContent() ?? '', /Betaling geregistreerd: €\s?10,00 \(rechtstreeks aan de webshop\) – Deelbetaling/);
      assert.equal(await page.getByTestId('open-amount').textContent(), '€\u00a094,85');

      // The core's own error, as a sentence: more than is open cannot be paid.
      await page.locator('#payment-amount').fill('1000');
      await page.getByTestId('register-payment').click();
      assert.equal(await page.getByRole('alert').locator('li').textContent(), 'Het bedrag is hoger dan wat nog open staat.');
      assert.equal(await page.getByTestId('open-amount').textContent(), '€\u00a094,85');
      await screenshot(page, 'dashboard', 'invoice');
    } finally {
      await browser.close();
    }
  });

  test('replaying a failed webhook from the log queues a new delivery whose attempt then shows', async () => {
    const browser = await openBrowser();
    try {
      const { page } = browser;
      await signIn(page);
      await page.getByRole('link', { name: 'Webhooks' }).click();
      await page.getByLabel('Status').selectOption('failed');
      await page.getByRole('button', { name: 'Filter' }).click();
      const failed = page.getByTestId('delivery').first();
      const failedId = await failed.getAttribute('data-delivery-id');
      assert.equal(await failed.getByTestId('delivery-state').textContent(), 'Mislukt');
      const before = receiver.received.length;
      await failed.getByTestId('replay').click();
      await page.waitForURL((url) => url.searchParams.get('replayed') === '1');
      assert.equal(await page.getByRole('status').textContent(), '1 webhook(s) opnieuw in de wachtrij.');
      await receiver.waitFor(before + 1);
      const replay = page.locator(`[data-testid="delivery"]:has-text("↻ ${failedId}")`);
      await eventually(async () => {
        await page.reload();
        return (await replay.getByTestId('delivery-state').textContent()) === 'Afgeleverd' ? true : undefined;
      }, 15_000, 'the replay to be delivered');
      assert.equal(await replay.getByTestId('attempt-count').textContent(), '1');
      await replay.locator('summary').click();
      assert.match(await replay.textContent() ?? '', /poging 1, .*HTTP 200/);
      // The same event again: the receiver sees the same webhook id twice.
      const ids = receiver.received.map((entry) => entry.webhookId);
      assert.equal(ids.at(-1), receiver.received[0]!.webhookId);
      await screenshot(page, 'dashboard', 'webhooks');
    } finally {
      await browser.close();
    }
  });

  test('a merchant changes its return URL domains and its session webhook, and sees them kept', async () => {
    const browser = await openBrowser();
    try {
      const { page } = browser;
      await signIn(page);
      await page.getByRole('link', { name: 'Instellingen' }).click();
      await page.getByRole('textbox', { name: 'Toegestane domeinen voor terugkeer-URL’s' }).fill('shop.example\npay.shop.example');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.waitForURL((url) => url.searchParams.get('saved') === '1');
      await page.reload();
      assert.equal(await page.getByRole('textbox', { name: 'Toegestane domeinen voor terugkeer-URL’s' }).inputValue(), 'shop.example\npay.shop.example');
      await screenshot(page, 'dashboard', 'settings');

      await page.getByRole('textbox', { name: 'Toegestane domeinen voor terugkeer-URL’s' }).fill('not a domain!');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      assert.match(await page.getByRole('alert').textContent() ?? '', /Geef tot 20 domeinnamen/);

      await page.getByRole('link', { name: 'Webhooks' }).click();
      const form = page.getByTestId('subscription-session');
      await form.getByLabel('Sessie-webhook').fill(receiver.url('/sessions'));
      await form.getByRole('button', { name: 'Opslaan' }).click();
      await page.waitForURL((url) => url.searchParams.get('saved') === '1');
      assert.equal(await page.getByTestId('subscription-session').getByLabel('Sessie-webhook').inputValue(), receiver.url('/sessions'));
    } finally {
      await browser.close();
    }
  });

  test('one merchant cannot open another merchant’s invoice by its URL', async () => {
    const browser = await openBrowser();
    try {
      const { page } = browser;
      await signIn(page);
      const answer = await page.goto(`${server.url}/dashboard/invoices/${encodeURIComponent(apitestInvoice)}`);
      assert.equal(answer?.status(), 404);
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Niet gevonden');
      assert.equal(await page.getByText(apitestInvoice).count(), 0);
    } finally {
      await browser.close();
    }
  });

  test('the pages switch to English and fit a phone without sideways scrolling of the page', async () => {
    const browser = await openBrowser({ viewport: { width: 375, height: 740 }, javaScriptEnabled: false });
    try {
      const { page } = browser;
      await signIn(page);
      await page.getByRole('link', { name: 'English' }).click();
      await page.waitForURL((url) => url.pathname === '/dashboard/invoices');
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Invoices');
      await page.getByRole('link', { name: order.invoice }).click();
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), `Invoice ${order.invoice}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(overflow, 0);
      await screenshot(page, 'dashboard', 'invoice-phone-en');
    } finally {
      await browser.close();
    }
  });
});
