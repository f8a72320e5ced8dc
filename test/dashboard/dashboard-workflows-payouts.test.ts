/**
 * The workflows on the settings page and the payouts on the reconciliation page, in Chromium: a
 * merchant changes a reminder's wait and its fee terms and the v2 API reads the change; a refused
 * change shows its sentence and changes nothing; after a test-clock advance past the payout day
 * the reconciliation page shows the payout with its fee, and its CSV holds the same figures.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { openBrowser, screenshot } from '../support/browser.js';
import { freshCustomer } from '../support/fresh-customer.js';
import { Legacy } from '../support/legacy-client.js';
import { createMerchant, type NewMerchant, PARTNER_KEY } from '../support/new-merchant.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { postJson } from '../v2/v2-client.js';
import { getPage, postForm, signIn as signInOverHttp } from './dashboard-client.js';

/** What the layout check reads inside the page (the project compiles without the DOM library). */
declare const document: { documentElement: { scrollWidth: number; clientWidth: number } };

interface WireWorkflow {
  workflowNumber: number;
  reminders: { waitDays: number; fee: string }[];
  payout: { guaranteedAfterDays: number; feeBasisPoints: number; feeFixed: string };
}

describe('workflow settings and payouts in the dashboard', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { PARTNER_API_KEY: PARTNER_KEY } });
  });
  after(() => server.close());

  const credentials = (merchant: NewMerchant) => ({ billinkUsername: merchant.username, billinkID: merchant.clientId });
  const workflows = async (merchant: NewMerchant): Promise<WireWorkflow[]> => {
    const answer = await postJson(server.url, '/v2/client/workflows', credentials(merchant));
    assert.equal(answer.body.code, '200', answer.text);
    return answer.body.workflows;
  };

  async function signIn(page: Page, merchant: NewMerchant): Promise<void> {
    await page.goto(`${server.url}/dashboard`);
    await page.getByLabel('Gebruikersnaam').fill(merchant.username);
    await page.getByLabel('Wachtwoord').fill(merchant.password!);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL((url) => url.pathname === '/dashboard/invoices');
  }

  test('a merchant changes a reminder’s wait and the fee terms of workflow 1, and v2 workflows reads them', async () => {
    const merchant = await createMerchant(server.url, { sandbox: true, password: 'workflow page password' });
    const before = (await workflows(merchant)).find((workflow) => workflow.workflowNumber === 1)!;
    assert.equal(before.reminders[0]!.waitDays, 7);
    const browser = await openBrowser();
    try {
      const { page } = browser;
      await signIn(page, merchant);
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Instellingen' }).click();
      const form = page.getByTestId('workflow-1');
      assert.match((await page.getByTestId('workflows-note').textContent()) ?? '', /facturen waarvan de workflow daarna start/);
      assert.equal(await form.getByLabel('Betaaltermijn (dagen)').inputValue(), '14');
      await form.getByRole('group', { name: 'Herinnering 1' }).getByLabel('Wachttijd (dagen)').fill('10');
      await form.getByRole('group', { name: 'Herinnering 2' }).getByLabel('Wachttijd (dagen)').fill('5');
      await form.getByRole('group', { name: 'Herinnering 2' }).getByLabel('Kosten (€)').fill('7,50');
      await form.getByLabel('Fee (% van elke uitbetaling)').fill('1,5');
      await form.getByLabel('Vaste fee per factuur (€)').fill('0,25');
      await form.getByRole('button', { name: 'Workflow 1 wijzigen' }).click();
      await page.waitForURL((url) => url.searchParams.get('workflow') === '1');
      assert.match((await form.getByRole('status').textContent()) ?? '', /Workflow 1 is opgeslagen/);
      assert.equal(await form.getByRole('group', { name: 'Herinnering 2' }).getByLabel('Kosten (€)').inputValue(), '7,50');
      await screenshot(page, 'dashboard', 'workflow-settings');
    } finally {
      await browser.close();
    }
    const changed = (await workflows(merchant)).find((workflow) => workflow.workflowNumber === 1)!;
    assert.deepEqual(changed.reminders.map(({ waitDays, fee }) => ({ waitDays, fee })), [
      { waitDays: 10, fee: '0.00' },
      { waitDays: 5, fee: '7.50' },
    ]);
    assert.deepEqual(changed.payout, { guaranteedAfterDays: 14, feeBasisPoints: 150, feeFixed: '0.25' });
  });

  test('a refused change shows a sentence per refused field, keeps what was typed and changes nothing', async () => {
    const merchant = await createMerchant(server.url, { sandbox: true, password: 'refused change password' });
    const before = await workflows(merchant);
    const browser = await openBrowser();
    try {
      const { page } = browser;
      await signIn(page, merchant);
      await page.goto(`${server.url}/dashboard/settings`);
      const form = page.getByTestId('workflow-2');
      await form.getByRole('group', { name: 'Herinnering 1' }).getByLabel('Wachttijd (dagen)').fill('0');
      await form.getByLabel('Particulieren').uncheck();
      await form.getByLabel('Zakelijke klanten').uncheck();
      await form.getByRole('button', { name: 'Workflow 2 wijzigen' }).click();
      await page.waitForLoadState('domcontentloaded');
      const alert = form.getByRole('alert');
      assert.deepEqual(await alert.getByRole('listitem').allTextContents(), [
        'Herinnering 1: de wachttijd is een heel aantal dagen van 1 tot 60.',
        'Kies ten minste één soort klant.',
      ]);
      assert.equal(await form.getByRole('group', { name: 'Herinnering 1' }).getByLabel('Wachttijd (dagen)').inputValue(), '0');
      assert.equal(await form.getByRole('group', { name: 'Herinnering 1' }).getByLabel('Wachttijd (dagen)').getAttribute('aria-invalid'), 'true');
      assert.equal(await form.getByLabel('Betaaltermijn (dagen)').getAttribute('aria-invalid'), null);
      // The other workflows' forms show what is stored, not the refused values.
      assert.equal(await page.getByTestId('workflow-1').getByRole('group', { name: 'Herinnering 1' }).getByLabel('Wachttijd (dagen)').inputValue(), '7');
    } finally {
      await browser.close();
    }
    assert.deepEqual(await workflows(merchant), before);
  });

  test('a workflow change without the form’s CSRF token is refused and changes nothing', async () => {
    const merchant = await createMerchant(server.url, { sandbox: true, password: 'csrf workflow password' });
    const before = await workflows(merchant);
    const session = await signInOverHttp(server.url, merchant.username, merchant.password!);
    const fields = {
      number: '1', name: 'Standaard', paymentTermDays: '30', startDelayDays: '0', reminderWait1: '3', finalNoticeWaitDays: '14',
      businessCompensation: '40,00', guaranteed: 'yes', guaranteedAfterDays: '14', feePercent: '0', feeFixed: '0', maxAmount: '', customerTypes: 'P',
    };
    const forged = await postForm(server.url, '/dashboard/settings/workflow', fields, { cookie: session.cookie });
    assert.equal(forged.status, 403);
    assert.match(await forged.text(), /Het formulier was verlopen/);
    const otherOrigin = await postForm(server.url, '/dashboard/settings/workflow', { ...fields, csrf: session.csrf }, { cookie: session.cookie, origin: 'https://evil.example' });
    assert.equal(otherOrigin.status, 403);
    assert.deepEqual(await workflows(merchant), before);
    // The same form with the token is the merchant's own change.
    const own = await postForm(server.url, '/dashboard/settings/workflow', { ...fields, csrf: session.csrf }, { cookie: session.cookie });
    assert.equal(own.status, 303);
    assert.equal((await workflows(merchant))[0]!.reminders[0]!.waitDays, 3);
    const unknown = await postForm(server.url, '/dashboard/settings/workflow', { ...fields, number: '42', csrf: session.csrf }, { cookie: session.cookie });
    assert.equal(unknown.status, 404);
    assert.match(await unknown.text(), /Die workflow bestaat niet/);
  });

  /** A sandbox merchant whose workflow 1 charges 1.5 % + € 0.25, with one invoice paid out on its moved clock. */
  async function merchantWithPayout(password: string) {
    const merchant = await createMerchant(server.url, { sandbox: true, password: password });
    const set = await postJson(server.url, '/v2/client/workflow/set', { ...credentials(merchant), workflowNumber: 1, payout: { feeBasisPoints: 150, feeFixed: '0.25' } });
    assert.equal(set.body.code, '200', set.text);
    const legacy = new Legacy(server.url, merchant);
    const { orderNumber, invoice } = await legacy.placeOrder({ fields: freshCustomer({ LASTNAME: 'Uitbetaald' }) });
    const started = await legacy.call('/api/start-workflow', 'activate order', {}, { INVOICES: [{ INVOICENUMBER: orderNumber }] });
    assert.equal(started.api.MSG.STATUSES.ITEM[0].CODE, '500');
    assert.equal((await postJson(server.url, '/v2/sandbox/clock/advance', { ...credentials(merchant), days: 15 })).body.code, '200');

    const list = await postJson(server.url, '/v2/client/invoices', { billinkUsername: merchant.username, billinkId: merchant.clientId });
    const listed = list.body.invoices.find((row: { invoice_number: string }) => row.invoice_number === invoice);
    assert.equal(listed.settlements.length, 1, list.text);
    const settlement = listed.settlements[0];
    const total = listed.total_amount_cents as number;
    const fee = Math.round((total * 150) / 10_000) + 25;
    assert.deepEqual([settlement.kind, settlement.gross_amount_cents, settlement.fee_amount_cents, settlement.net_amount_cents], ['payout', total, fee, total - fee]);
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date(settlement.settled_at)).slice(0, 7);

    return { merchant, invoice, orderNumber, total, fee, month };
  }

  test('after a clock advance past the payout day the reconciliation page shows the payout and its fee, and the CSV the same figures', async () => {
    const { merchant, invoice, orderNumber, total, fee, month } = await merchantWithPayout('payout page password');
    const euro = (cents: number) => new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }).format(cents / 100);
    const browser = await openBrowser();
    try {
      const { page } = browser;
      await signIn(page, merchant);
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Afletteren' }).click();
      await page.getByLabel('Maand', { exact: true }).fill(month);
      await page.getByRole('button', { name: 'Tonen' }).first().click();
      await page.waitForURL((url) => url.searchParams.get('month') === month);
      const rows = page.getByTestId('payout-row');
      assert.equal(await rows.count(), 1);
      const cells = await rows.first().getByRole('cell').allTextContents();
      assert.deepEqual([cells[0], cells[1], cells[3], cells[4], cells[5], cells[6], cells[7]], [
        invoice, orderNumber, 'Uitbetaling', euro(total), `1,50 % + ${euro(25)}`, euro(fee), euro(total - fee),
      ]);
      const totals = await page.getByTestId('payout-total').getByRole('cell').allTextContents();
      assert.deepEqual(totals.filter(Boolean), [euro(total), euro(fee), euro(total - fee)]);
      assert.match((await page.getByTestId('payout-total').getByRole('rowheader').textContent()) ?? '', /Totaal EUR \(1 boeking\)/);
      await screenshot(page, 'dashboard', 'reconciliation');

      const pdf = await page.request.get(String(await rows.first().getByRole('link', { name: /PDF/ }).getAttribute('href')).replace(/^/, server.url));
      assert.equal(pdf.headers()['content-type'], 'application/pdf');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('payouts-csv').click()]);
      const csv = readFileSync(await download.path(), 'utf8');
      assert.ok(csv.startsWith('\uFEFF'), 'a byte order mark, so Excel reads UTF-8');
      const lines = csv.slice(1).split('\r\n');
      assert.equal(lines[0], 'invoice_number;order_number;date;kind;currency;gross;fee_percent;fee_fixed;fee;net');
      const comma = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');
      const [first] = lines.slice(1, 2);
      assert.deepEqual(first!.split(';'), [invoice, orderNumber, first!.split(';')[2], 'payout', 'EUR', comma(total), '1,50', '0,25', comma(fee), comma(total - fee)]);
      assert.match(first!.split(';')[2]!, new RegExp(`^${month}-\\d{2}$`));
      assert.deepEqual(lines.slice(2), ['']);
    } finally {
      await browser.close();
    }
  });

  test('the reconciliation page refuses a month that is no month with a sentence', async () => {
    const merchant = await createMerchant(server.url, { sandbox: true, password: 'month check password' });
    const session = await signInOverHttp(server.url, merchant.username, merchant.password!);
    const refused = await getPage(server.url, '/dashboard/reconciliation?month=2026-13', session);
    assert.equal(refused.status, 400);
    assert.match(refused.html, /Geef een maand als jjjj-mm/);
    const backwards = await getPage(server.url, '/dashboard/reconciliation?from=2026-03-10&to=2026-03-01', session);
    assert.equal(backwards.status, 400);
    assert.match(backwards.html, /De begindatum ligt na de einddatum/);
    const empty = await getPage(server.url, '/dashboard/reconciliation?month=2020-01', session);
    assert.equal(empty.status, 200);
    assert.match(empty.html, /Geen uitbetalingen in deze periode/);
  });
  test('on a phone without JavaScript, in English, a workflow changes and the payouts read, and neither page scrolls sideways', async () => {
    const { merchant, invoice, fee, month } = await merchantWithPayout('phone payouts password');
    const browser = await openBrowser({ viewport: { width: 375, height: 740 }, javaScriptEnabled: false });
    try {
      const { page } = browser;
      await signIn(page, merchant);
      await page.getByRole('link', { name: 'English' }).click();
      await page.goto(`${server.url}/dashboard/settings`);
      const form = page.getByTestId('workflow-3');
      await form.getByRole('group', { name: 'Reminder 1' }).getByLabel('Wait (days)').fill('9');
      await form.getByRole('button', { name: 'Change workflow 3' }).click();
      await page.waitForURL((url) => url.searchParams.get('workflow') === '3');
      assert.match((await form.getByRole('status').textContent()) ?? '', /Workflow 3 is saved/);
      assert.equal((await workflows(merchant)).find((workflow) => workflow.workflowNumber === 3)!.reminders[0]!.waitDays, 9);
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0, 'settings');

      await page.goto(`${server.url}/dashboard/reconciliation?month=${month}`);
      const cells = await page.getByTestId('payout-row').getByRole('cell').allTextContents();
      assert.deepEqual([cells[0], cells[3], cells[5]], [invoice, 'Payout', '1.50 % + €0.25']);
      assert.equal(cells[6], new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(fee / 100));
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0, 'reconciliation');
      const csv = await (await page.request.get(`${server.url}/dashboard/reconciliation/payouts.csv?month=${month}`)).text();
      const [header, line] = csv.slice(1).split('\r\n');
      assert.equal(header, 'invoice_number,order_number,date,kind,currency,gross,fee_percent,fee_fixed,fee,net');
      assert.deepEqual(line!.split(',').slice(6, 9), ['1.50', '0.25', (fee / 100).toFixed(2)]);
    } finally {
      await browser.close();
    }
  });
});
