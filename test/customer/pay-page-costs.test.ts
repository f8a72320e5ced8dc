/**
 * The pay page after collection added costs, in real Chromium: a sandbox merchant's clock is
 * advanced into Collection, the page tells the principal open from the WIK costs open, the
 * simulated bank pays part (the costs first, art. 6:44 BW) and then the rest; the PDF behind the
 * page's link and legacy Status agree with the page at each point, and nothing is over-paid.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openBrowser, screenshot } from '../support/browser.js';
import { readPdf } from '../support/pdf-text.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { postJson } from '../v2/v2-client.js';
import { createShop, PARTNER_KEY, placeStartedOrder, type ShopUnderTest } from './customer-support.js';

const euros = (text: string | null) => (text ?? '').replaceAll('\u00a0', ' ');

describe('the pay page collects open costs', () => {
  let server: TestServer;
  let shop: ShopUnderTest;
  before(async () => {
    server = await startTestServer({ env: { PARTNER_API_KEY: PARTNER_KEY, JOBS: 'off' } });
    shop = await createShop(server);
  });
  after(() => server.close());

  const credentials = () => ({ billinkUsername: shop.legacy.merchant.username, billinkID: shop.legacy.merchant.clientId });
  const status = async (number: string) =>
    (await shop.legacy.call('/api/status', 'Status', {}, { INVOICES: [{ INVOICENUMBER: number }] })).api.MSG.INVOICES.INVOICE[0];
  const money = async (id: string) => {
    const [row] = await server.store.db.query<{ paid: string; costs: string; costs_paid: string }>('SELECT paid, costs, costs_paid FROM invoices WHERE id = $1', [id]);
    return { paid: Number(row!.paid), costs: Number(row!.costs), costsPaid: Number(row!.costs_paid) };
  };
  const payments = async (id: string) =>
    (await server.store.db.query<{ amount: string; to_costs: string | null }>(
      "SELECT amount, to_costs FROM ledger_entries WHERE invoice_id = $1 AND kind = 'payment' ORDER BY id",
      [id],
    )).map((row) => [Number(row.amount), Number(row.to_costs ?? 0)]);
  const pdfOf = async (href: string) => {
    const answer = await fetch(new URL(href, server.url));
    assert.equal(answer.status, 200);
    return (await readPdf(new Uint8Array(await answer.arrayBuffer()))).text.replaceAll('\u00a0', ' ');
  };

  test('after an advance into Collection the customer sees the WIK costs, pays part and then the rest, and the invoice is paid exactly', async () => {
    const invoice = await placeStartedOrder(server, shop);
    // Start + 3 days the invoice, 14 days' term, Reminder 1 for 7 days, the final notice's 14
    // days counted from the day after it: Collection falls due within 45 days.
    const advanced = await postJson(server.url, '/v2/sandbox/clock/advance', { ...credentials(), days: 45 });
    assert.equal(advanced.body.code, '200', advanced.text);
    assert.equal(advanced.body.steps.Collection, 1, advanced.text);
    assert.deepEqual(await status(invoice.orderNumber), { INVOICENUMBER: invoice.orderNumber, STATUS: '0', DESCRIPTION: 'Collection', PAIDOUT: '1' });
    assert.deepEqual(await money(invoice.id), { paid: 0, costs: 4_000, costsPaid: 0 });

    const [mail] = await server.store.db.query<{ kind: string; body: string }>(
      'SELECT kind, body FROM customer_mails WHERE invoice_id = $1 ORDER BY id DESC LIMIT 1',
      [invoice.id],
    );
    assert.equal(mail!.kind, 'collection');
    const link = /(http:\/\/127\.0\.0\.1:\d+\/pay\/[A-Za-z0-9_-]{22}\?lang=nl)/.exec(mail!.body)?.[1];
    assert.ok(link, mail!.body);

    const browser = await openBrowser({ javaScriptEnabled: false, viewport: { width: 375, height: 812 } });
    try {
      const { page } = browser;
      assert.equal((await page.goto(link))?.status(), 200);
      assert.equal(euros(await page.getByTestId('principal-open').textContent()), '€ 104,85');
      assert.equal(euros(await page.getByTestId('collection-costs').textContent()), '€ 40,00');
      assert.equal(await page.getByRole('rowheader', { name: 'Incassokosten (wettelijke staffel, art. 6:96 BW)' }).count(), 1);
      assert.equal(euros(await page.getByTestId('costs-open').textContent()), '€ 40,00');
      assert.equal(euros(await page.getByTestId('open').textContent()), '€ 144,85');
      assert.match((await page.locator('main').textContent()) ?? '', /eerst naar de kosten en daarna naar het factuurbedrag \(art\. 6:44 BW\)/);
      assert.equal(await page.getByLabel('Bedrag').inputValue(), '144,85');
      const pdfHref = (await page.getByTestId('pdf').getAttribute('href'))!;
      const pdf = await pdfOf(pdfHref);
      assert.match(pdf, /Kosten\s+€ 40,00/);
      assert.match(pdf, /Te betalen\s+€ 144,85/);
      await screenshot(page, 'pay-page', 'collection-costs');

      // 50.00: the 40.00 costs first, then 10.00 of the principal.
      await page.getByLabel('Bedrag').fill('50,00');
      await page.getByTestId('pay').click();
      await page.waitForURL(/paid=5000/);
      assert.equal(euros(await page.getByTestId('principal-open').textContent()), '€ 94,85');
      assert.equal(euros(await page.getByTestId('costs-open').textContent()), '€ 0,00');
      assert.equal(euros(await page.getByTestId('open').textContent()), '€ 94,85');
      assert.deepEqual(await money(invoice.id), { paid: 1_000, costs: 4_000, costsPaid: 4_000 });
      assert.deepEqual(await status(invoice.orderNumber), { INVOICENUMBER: invoice.orderNumber, STATUS: '0', DESCRIPTION: 'Collection', PAIDOUT: '1' });
      assert.match(await pdfOf(pdfHref), /Te betalen\s+€ 94,85/);

      // A cent over what is open is refused and books nothing.
      await page.getByLabel('Bedrag').fill('94,86');
      await page.getByTestId('pay').click();
      assert.match((await page.getByRole('alert').textContent()) ?? '', /meer dan je nog moet betalen/);
      assert.deepEqual(await money(invoice.id), { paid: 1_000, costs: 4_000, costsPaid: 4_000 });

      await page.getByLabel('Bedrag').fill('94,85');
      await page.getByTestId('pay').click();
      await page.waitForURL(/paid=9485/);
      assert.equal(await page.getByTestId('settled').count(), 1);
      assert.equal(await page.getByTestId('pay').count(), 0);
      assert.equal(euros(await page.getByTestId('open').textContent()), '€ 0,00');
      assert.match(await pdfOf(pdfHref), /is voldaan; u hoeft niets meer te betalen/);
    } finally {
      await browser.close();
    }
    assert.deepEqual(await money(invoice.id), { paid: 10_485, costs: 4_000, costsPaid: 4_000 });
    assert.deepEqual(await payments(invoice.id), [[5_000, 4_000], [9_485, 0]]);
    assert.deepEqual(await status(invoice.orderNumber), { INVOICENUMBER: invoice.orderNumber, STATUS: '1', DESCRIPTION: 'Paid', PAIDOUT: '1' });
    const info = await postJson(server.url, '/v2/client/order/info', { ...credentials(), invoices: [invoice.orderNumber] });
    assert.deepEqual(info.body.invoices, [{ invoiceNumber: invoice.orderNumber, status: 1, description: 'Paid', paidOut: 1 }]);
    // Once paid, the simulated bank takes nothing more.
    const again = await fetch(`${link.split('?')[0]}/pay`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'amount=1,00&lang=nl' });
    assert.equal(again.status, 422);
    assert.deepEqual(await money(invoice.id), { paid: 10_485, costs: 4_000, costsPaid: 4_000 });
  });
});
