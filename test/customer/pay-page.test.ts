/**
 * The customer pay page in real Chromium: reached by the link in the e-mail, it shows the invoice,
 * what is open, the PDF and the bank transfer with its QR code; a sandbox merchant's customer pays
 * part and then the rest through the simulated bank, booked by the Payment API's use case with its
 * events. More than is open is refused and changes nothing; an unknown token is a 404; a post from
 * another site is refused; a live merchant's customer is offered the bank transfer only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LifeCycleMail } from '../../src/core/invoices/life-cycle/types.js';
import { openBrowser, screenshot } from '../support/browser.js';
import { readPdf } from '../support/pdf-text.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { createShop, PARTNER_KEY, placeStartedOrder, queueMail, type PlacedInvoice, type ShopUnderTest } from './customer-support.js';

const INVOICE_MAIL: LifeCycleMail = { kind: 'invoice', language: 'nl', amountDue: 10_485, costsDue: 0, dueDate: '2026-12-08', restarted: false };

describe('the customer pay page in Chromium', () => {
  let server: TestServer;
  let shop: ShopUnderTest;
  before(async () => {
    server = await startTestServer({ env: { PARTNER_API_KEY: PARTNER_KEY, JOBS: 'off' } });
    shop = await createShop(server);
  });
  after(async () => {
    await server.close();
  });

  /** The pay link of the invoice e-mail as the local outbox kept it. */
  async function payLinkOf(target: ShopUnderTest, invoice: PlacedInvoice): Promise<string> {
    // Receipts of payments made in earlier tests go out first: a platform payment sends one.
    await server.sendCustomerMails(target.merchantId);
    await queueMail(server, target, invoice, INVOICE_MAIL);
    assert.equal(await server.sendCustomerMails(target.merchantId), 1);
    const [row] = await server.store.db.query<{ body: string }>('SELECT body FROM customer_mails WHERE invoice_id = $1', [invoice.id]);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/pay\/[A-Za-z0-9_-]{22}\?lang=nl)/.exec(row!.body)?.[1];
    assert.ok(link, row!.body);
    return link;
  }

  const eventsOf = async (invoice: PlacedInvoice) =>
    (await server.store.db.query<{ type: string }>('SELECT type FROM events WHERE invoice_id = $1 ORDER BY id', [invoice.id])).map((row) => row.type);
  const paidOf = async (invoice: PlacedInvoice) =>
    Number((await server.store.db.query<{ paid: string }>('SELECT paid FROM invoices WHERE id = $1', [invoice.id]))[0]!.paid);

  test('a customer pays part, is refused more than is open, then pays the rest, each through the Payment API use case', async () => {
    const invoice = await placeStartedOrder(server, shop);
    const link = await payLinkOf(shop, invoice);
    const browser = await openBrowser({ javaScriptEnabled: false, viewport: { width: 375, height: 812 } });
    try {
      const { page } = browser;
      const answer = await page.goto(link);
      assert.equal(answer?.status(), 200);
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), `Factuur ${invoice.invoiceNumber}`);
      assert.equal((await page.getByTestId('open').textContent())?.replaceAll('\u00a0', ' '), '€ 104,85');
      assert.equal(await page.getByTestId('iban').textContent(), 'NL91 ABNA 0417 1643 00');
      assert.equal(await page.getByRole('img', { name: 'QR-code voor je bank-app' }).count(), 1);
      assert.match((await page.getByTestId('provider').textContent()) ?? '', /Achteraf betalen wordt aangeboden door Achteraf\. Acmé Webwinkel B\.V\. draagt de factuur/);
      assert.equal(await page.getByRole('link', { name: 'Voorwaarden' }).getAttribute('href'), `${server.url}/legal/terms?lang=nl`);
      const pdf = await fetch(new URL((await page.getByTestId('pdf').getAttribute('href'))!, server.url));
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers.get('content-type'), 'application/pdf');
      await screenshot(page, 'pay-page', 'open-phone');

      await page.getByLabel('Bedrag').fill('40,00');
      await page.getByTestId('pay').click();
      await page.waitForURL(/paid=4000/);
      assert.match((await page.getByTestId('paid-notice').textContent()) ?? '', /€\s40,00 ontvangen/);
      assert.equal((await page.getByTestId('open').textContent())?.replaceAll('\u00a0', ' '), '€ 64,85');
      assert.equal(await paidOf(invoice), 4_000);

      await page.getByLabel('Bedrag').fill('64,86');
      await page.getByTestId('pay').click();
      assert.match((await page.getByRole('alert').textContent()) ?? '', /meer dan je nog moet betalen/);
      assert.equal(await page.getByLabel('Bedrag').getAttribute('aria-invalid'), 'true');
      assert.equal(await paidOf(invoice), 4_000);
      await screenshot(page, 'pay-page', 'refused');

      await page.getByLabel('Bedrag').fill('64,85');
      await page.getByTestId('pay').click();
      await page.waitForURL(/paid=6485/);
      assert.equal(await page.getByTestId('settled').count(), 1);
      assert.equal(await page.getByTestId('pay').count(), 0);
      assert.equal(await paidOf(invoice), 10_485);
      assert.deepEqual((await eventsOf(invoice)).slice(-3), ['partial_payment_added', 'order_paid', 'customer_fully_paid']);
    } finally {
      await browser.close();
    }
  });

  test('an unknown token shows a page that says so, with status 404', async () => {
    const browser = await openBrowser();
    try {
      const answer = await browser.page.goto(`${server.url}/pay/AAAAAAAAAAAAAAAAAAAAAA`);
      assert.equal(answer?.status(), 404);
      assert.equal(await browser.page.getByRole('heading', { level: 1 }).textContent(), 'Deze betaalpagina bestaat niet');
    } finally {
      await browser.close();
    }
  });

  test('a payment posted from another site is refused and books nothing', async () => {
    const invoice = await placeStartedOrder(server, shop);
    const link = new URL(await payLinkOf(shop, invoice));
    const forged = await fetch(`${link.origin}${link.pathname}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      body: 'amount=10,00&lang=nl',
    });
    assert.equal(forged.status, 403);
    assert.equal(await paidOf(invoice), 0);
  });

  test('in English, a live merchant\'s customer sees the bank transfer and the QR code but no simulated bank', async () => {
    const live = await createShop(server, 'NL', { sandbox: false });
    const invoice = await placeStartedOrder(server, live);
    const link = (await payLinkOf(live, invoice)).replace('lang=nl', 'lang=en');
    const browser = await openBrowser();
    try {
      const { page } = browser;
      await page.goto(link);
      assert.equal(await page.getByRole('heading', { level: 2, name: 'Pay by bank transfer' }).count(), 1);
      assert.equal(await page.getByRole('img', { name: 'QR code for your banking app' }).count(), 1);
      assert.equal(await page.getByTestId('pay').count(), 0);
      assert.equal((await page.getByTestId('open').textContent())?.replaceAll('\u00a0', ' '), '€104.85');
      // The download is the invoice in the page's language, though the customer's mails are Dutch.
      const pdf = await fetch(new URL((await page.getByTestId('pdf').getAttribute('href'))!, server.url));
      assert.equal((await readPdf(Buffer.from(await pdf.arrayBuffer()))).title, `Invoice ${invoice.invoiceNumber}`);
    } finally {
      await browser.close();
    }
    const posted = await fetch(`${link.split('?')[0]}/pay`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'amount=10.00&lang=en' });
    assert.equal(posted.status, 422);
    assert.equal(await paidOf(invoice), 0);
  });
});
