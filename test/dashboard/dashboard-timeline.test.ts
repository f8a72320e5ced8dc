/**
 * An invoice's whole life on the dashboard in Chromium: a sandbox merchant moves its test clock on
 * the sandbox page past the invoice e-mail and Reminder 1, reads both e-mails, the reminder fee and
 * what happens next in the timeline, opens the reminder's text and its PDF (read with PDF.js, as a
 * customer's viewer reads it), and another merchant gets 404 for the same e-mail's URLs.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot } from '../support/browser.js';
import { freshCustomer } from '../support/fresh-customer.js';
import { Legacy, USERTEST } from '../support/legacy-client.js';
import { readPdf } from '../support/pdf-text.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { postJson } from '../v2/v2-client.js';
import { getPage, signIn as signInOverHttp } from './dashboard-client.js';

/** What the layout check reads inside the page (the project compiles without the DOM library). */
declare const document: { documentElement: { scrollWidth: number; clientWidth: number } };

const BUSINESS = { TYPE: 'B', COMPANYNAME: 'Bakkerij de Vries', CHAMBEROFCOMMERCE: '12345678', BIRTHDATE: undefined };

describe('the invoice timeline in Chromium', () => {
  let server: TestServer;
  let invoice: string;
  let mailPath: string;
  const credentials = { billinkUsername: USERTEST.username, billinkID: USERTEST.clientId };

  before(async () => {
    server = await startTestServer();
    // A reminder fee, which the law allows for a business customer (art. 6:96 BW), so Reminder 1 adds costs.
    const set = await postJson(server.url, '/v2/client/workflow/set', { ...credentials, workflowNumber: 1, reminders: [{ waitDays: 7, fee: '7.50' }] });
    assert.equal(set.body.result, 'MSG', set.text);
    const legacy = new Legacy(server.url, USERTEST);
    invoice = (await legacy.placeOrder({ fields: freshCustomer(BUSINESS) })).invoice;
    const started = await legacy.call('/api/start-workflow', 'activate order', {}, { INVOICES: [{ INVOICENUMBER: invoice }] });
    assert.equal(started.code, '500', started.text);
  });
  after(() => server.close());

  async function signIn(page: Page): Promise<void> {
    await page.goto(`${server.url}/dashboard`);
    await page.getByLabel('Gebruikersnaam').fill('usertest');
    await page.getByLabel('Wachtwoord').fill('sandbox-usertest');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL((url) => url.pathname === '/dashboard/invoices');
  }

  test('after a clock advance the timeline shows the invoice e-mail, Reminder 1 with its fee and the next step, and each e-mail opens as text and PDF', async () => {
    const browser = await openBrowser();
    try {
      const { page } = browser;
      await signIn(page);
      // Sent 3 days after the start, due 14 days later, Reminder 1 the day after: 20 days pass all three.
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Sandbox' }).click();
      await page.getByLabel('Aantal').fill('20');
      await page.getByLabel('Eenheid').selectOption('days');
      await page.getByTestId('advance-by').click();
      await page.getByTestId('advance-report').waitFor();

      await page.goto(`${server.url}/dashboard/invoices/${encodeURIComponent(invoice)}`);
      const timeline = (await page.getByTestId('timeline').textContent()) ?? '';
      assert.match(timeline, /Workflow gestart/);
      assert.match(timeline, /E-mail: Factuur – “[^”]*”/);
      assert.match(timeline, /Workflowstap: Reminder 1/);
      assert.match(timeline, /Kosten: Herinneringskosten €\s?7,50/);
      assert.match(timeline, /E-mail: Herinnering 1 – “[^”]*” aan \S+@\S+ \(verstuurd /);
      // Reminder 1 comes after the invoice e-mail: the entries are in time order.
      assert.ok(timeline.indexOf('Factuur –') < timeline.indexOf('Reminder 1'));
      // The fee is owed beside the principal: the facts show it apart from the open principal.
      assert.equal(await page.getByTestId('costs-open').textContent(), '€\u00a07,50');
      assert.equal(await page.getByTestId('open-amount').textContent(), '€\u00a0104,85');
      const next = (await page.getByTestId('timeline-next').textContent()) ?? '';
      assert.match(next, /Tijd van de webshop/);
      assert.match(next, /Laatste aanmaning/);
      await screenshot(page, 'dashboard', 'timeline');

      const reminder = page.getByTestId('timeline').locator('li[data-kind="mail"]').filter({ hasText: 'Herinnering 1' });
      await reminder.getByRole('link', { name: 'Tekst bekijken' }).click();
      mailPath = new URL(page.url()).pathname;
      assert.match(mailPath, /^\/dashboard\/invoices\/[^/]+\/mails\/\d+$/);
      assert.match((await page.getByRole('heading', { level: 1 }).textContent()) ?? '', /Herinnering 1/);
      await screenshot(page, 'dashboard', 'mail');
      const text = (await page.getByTestId('mail-text').textContent()) ?? '';
      assert.match(text, new RegExp(invoice));
      assert.match(text, /7,50/);

      const pdf = await page.request.get(`${server.url}${mailPath}/pdf`);
      assert.equal(pdf.status(), 200);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');
      const content = await readPdf(new Uint8Array(await pdf.body()));
      assert.ok(content.pageCount >= 1);
      assert.match(content.text.replaceAll('\u00a0', ' '), new RegExp(invoice));

      // In English the same timeline speaks English, the step keeping its wire name.
      await page.goto(`${server.url}/dashboard/language?to=en&back=${encodeURIComponent(`/dashboard/invoices/${encodeURIComponent(invoice)}`)}`);
      const english = (await page.getByTestId('timeline').textContent()) ?? '';
      assert.match(english, /Workflow step: Reminder 1/);
      assert.match(english, /E-mail: Reminder 1 – /);
      assert.match((await page.getByTestId('timeline-next').textContent()) ?? '', /Final notice/);
    } finally {
      await browser.close();
    }
  });

  test('on a phone without JavaScript, in English, neither the timeline nor an e-mail scrolls sideways', async () => {
    assert.ok(mailPath, 'the first test found the e-mail');
    const browser = await openBrowser({ viewport: { width: 375, height: 740 }, javaScriptEnabled: false });
    try {
      const { page } = browser;
      await signIn(page);
      await page.getByRole('link', { name: 'English' }).click();
      await page.waitForURL((url) => url.pathname === '/dashboard/invoices');
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      await page.goto(`${server.url}/dashboard/invoices/${encodeURIComponent(invoice)}`);
      assert.match((await page.getByTestId('timeline').textContent()) ?? '', /Workflow step: Reminder 1/);
      assert.equal(await overflow(), 0);
      await page.goto(`${server.url}${mailPath}`);
      assert.match((await page.getByRole('heading', { level: 1 }).textContent()) ?? '', /E-mail to the customer: Reminder 1/);
      assert.equal(await overflow(), 0);
      await screenshot(page, 'dashboard', 'mail-phone-en');
    } finally {
      await browser.close();
    }
  });

  test('another merchant gets the not-found page for the e-mail and its PDF, and an unknown e-mail is not found either', async () => {
    assert.ok(mailPath, 'the first test found the e-mail');
    const apitest = await signInOverHttp(server.url, 'apitest', 'sandbox-apitest');
    assert.equal((await getPage(server.url, mailPath, apitest)).status, 404);
    assert.equal((await getPage(server.url, `${mailPath}/pdf`, apitest)).status, 404);
    const usertest = await signInOverHttp(server.url, 'usertest', 'sandbox-usertest');
    assert.equal((await getPage(server.url, mailPath, usertest)).status, 200);
    assert.equal((await getPage(server.url, mailPath.replace(/\d+$/, '999999'), usertest)).status, 404);
    assert.equal((await getPage(server.url, mailPath.replace(/\d+$/, 'x'), usertest)).status, 404);
  });
});
