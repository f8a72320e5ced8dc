/**
 * Message (spec §2.9) and File, ACTION pdf (spec §2.10), against the real server. The PDF is read
 * back with PDF.js (test/support/pdf-text.ts), so the test checks what a customer would actually see.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ManualClock } from '../../src/core/shared/clock.js';
import { APITEST, Legacy, type Fields, type Item } from '../support/legacy-client.js';
import { freshCustomer } from '../support/fresh-customer.js';
import { readPdf } from '../support/pdf-text.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const PUBLIC_URL = 'https://pay.achteraf.example';

describe('messages and invoice files over the legacy API', () => {
  let server: TestServer;
  let legacy: Legacy;
  before(async () => {
    server = await startTestServer({ env: { PUBLIC_URL }, overrides: { clock: new ManualClock(new Date('2026-11-23T09:00:00Z')) } });
    legacy = new Legacy(server.url);
  });
  after(async () => {
    await server.close();
  });

  const message = (number: string | undefined, text: string | undefined, client = legacy, workflow = '1') =>
    client.call('/api/message', 'message', { WORKFLOWNUMBER: workflow, INVOICENUMBER: number, MESSAGE: text });
  const file = (number: string | undefined, client = legacy) =>
    client.call('/api/file', 'pdf', { WORKFLOWNUMBER: '1', INVOICENUMBER: number });
  const messagesOf = (number: string) =>
    server.store.db.query<{ body: string; created_at: Date }>(
      `SELECT m.body, m.created_at FROM invoice_messages m JOIN invoices i ON i.id = m.invoice_id WHERE i.merchant_number = $1 ORDER BY m.id`,
      [number],
    );
  /** The PDF behind a File answer, fetched from this server whatever host PUBLIC_URL names. */
  const download = (description: string) => fetch(server.url + new URL(description).pathname);

  test('a message answers 200 and is stored with the invoice, text exactly as sent', async () => {
    const { orderNumber, invoice } = await placeOrder(legacy);
    const answer = await message(orderNumber, 'Klant belt over retour & <levering>');
    assert.equal(answer.result, 'MSG');
    assert.deepEqual(answer.api.MSG, { CODE: '200', DESCRIPTION: 'Message added' });
    assert.equal((await message(invoice, 'Tweede bericht')).code, '200');
    assert.deepEqual(await messagesOf(orderNumber), [
      { body: 'Klant belt over retour & <levering>', created_at: new Date('2026-11-23T09:00:00Z') },
      { body: 'Tweede bericht', created_at: new Date('2026-11-23T09:00:00Z') },
    ]);
  });

  test('message errors: 401 without an invoice number, 402 for unknown or foreign invoices, 403 without text, 404 over 5000 characters', async () => {
    const { orderNumber } = await placeOrder(legacy);
    const theirs = await placeOrder(new Legacy(server.url, APITEST));
    const cases: [string | undefined, string | undefined, string, string][] = [
      [undefined, 'Hallo', '1', '401'],
      ['NO-SUCH-ORDER', 'Hallo', '1', '402'],
      [theirs.orderNumber, 'Hallo', '1', '402'],
      [orderNumber, 'Hallo', '3', '402'],
      [orderNumber, undefined, '1', '403'],
      [orderNumber, 'x'.repeat(5001), '1', '404'],
    ];
    for (const [number, text, workflow, code] of cases) {
      const answer = await message(number, text, legacy, workflow);
      assert.equal(answer.result, 'ERROR');
      assert.equal(answer.api.ERROR.CODE, code, `${number} / ${text?.length} / workflow ${workflow}`);
    }
    assert.deepEqual(await messagesOf(orderNumber), []);
    assert.deepEqual(await messagesOf(theirs.orderNumber), []);
    assert.equal((await message(orderNumber, 'x'.repeat(5000))).code, '200');
  });

  test('the pdf action answers a URL under PUBLIC_URL that serves the invoice as a PDF a customer can read', async () => {
    const items: Item[] = [
      { CODE: 'BOOK-1', DESCRIPTION: 'Kookboek Wat de pot schaft', ORDERQUANTITY: '1', PRICEINCL: '21.80', BTW: '9' },
      { CODE: 'SKU-1', DESCRIPTION: 'Wollen trui', ORDERQUANTITY: '2', PRICEINCL: '49.95', BTW: '21' },
      { CODE: '0001', DESCRIPTION: 'Verzendkosten', ORDERQUANTITY: '1', PRICEINCL: '4.95', BTW: '21' },
    ];
    const { orderNumber, invoice } = await placeOrder(legacy, { items });
    await legacy.call('/api/start-workflow', 'activate order', {}, { INVOICES: [{ INVOICENUMBER: orderNumber }] });
    await legacy.call('/api/payment', 'Payment', {}, { INVOICES: [{ INVOICENUMBER: orderNumber, AMOUNT: '20.00' }] });

    const answer = await file(orderNumber);
    assert.equal(answer.code, '200');
    const url: string = answer.api.MSG.DESCRIPTION;
    assert.ok(url.startsWith(`${PUBLIC_URL}/files/invoices/`), url);
    assert.ok(url.endsWith(`/${invoice}.pdf`), url);

    const response = await download(url);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');

    const content = await readPdf(pdf);
    assert.equal(content.pageCount, 1);
    assert.equal(content.title, `Factuur ${invoice}`);
    const text = content.text.replaceAll('\u00a0', ' ').replace(/[ \t]+/g, ' ');
    for (const expected of [
      'Test Webshop',
      'John Doe',
      'Damrak',
      invoice,
      orderNumber,
      // Lines show the unit price and amount excluding VAT (art. 35a Wet OB 1968).
      'Kookboek Wat de pot schaft 1 € 20,00 9% € 20,00',
      'Wollen trui 2 € 41,28 21% € 82,56',
      'Verzendkosten 1 € 4,09 21% € 4,09',
      'Totaal exclusief btw € 106,65',
      // 104,85 at 21% holds 18,20 VAT; 21,80 at 9% holds 1,80.
      'Btw 21% over € 86,65 € 18,20',
      'Btw 9% over € 20,00 € 1,80',
      'Totaal inclusief btw € 126,65',
      'Betaald € -20,00',
      'Te betalen € 106,65',
      // The workflow started on 23 November 2026; the invoice goes out three days later with
      // workflow 1's 14-day term (docs/collection.md "The default course").
      'Leveringsdatum 23 november 2026',
      'Vervaldatum 10 december 2026',
      'Uiterlijk op 10 december 2026',
    ]) {
      assert.ok(text.includes(expected), `missing "${expected}" in:\n${text}`);
    }
  });

  test('the pdf action\'s invoice speaks the language of the customer\'s mails, and ?lang= picks another', async () => {
    const abroad = { COUNTRYCODE: 'DE', POSTALCODE: '10115', CITY: 'Berlin', BACKDOOR: '1' };
    const german = await placeOrder(legacy, { fields: abroad });
    const germanPdf = await readPdf(Buffer.from(await (await download((await file(german.orderNumber)).api.MSG.DESCRIPTION)).arrayBuffer()));
    assert.equal(germanPdf.title, `Invoice ${german.invoice}`);

    const dutch = await placeOrder(legacy);
    const url = new URL((await file(dutch.orderNumber)).api.MSG.DESCRIPTION);
    const pdfIn = async (query: string) =>
      readPdf(Buffer.from(await (await fetch(server.url + url.pathname + query)).arrayBuffer()));
    assert.equal((await pdfIn('')).title, `Factuur ${dutch.invoice}`);
    assert.equal((await pdfIn('?lang=en')).title, `Invoice ${dutch.invoice}`);
    assert.equal((await pdfIn('?lang=de')).title, `Factuur ${dutch.invoice}`);
  });

  test('a paid invoice says so at the foot of its PDF instead of asking for money', async () => {
    const { orderNumber } = await placeOrder(legacy);
    await legacy.call('/api/payment', 'Payment', {}, { INVOICES: [{ INVOICENUMBER: orderNumber, AMOUNT: '104.85' }] });
    const response = await download((await file(orderNumber)).api.MSG.DESCRIPTION);
    const content = await readPdf(Buffer.from(await response.arrayBuffer()));
    assert.equal(content.pageCount, 1);
    const text = content.text.replace(/[ \t]+/g, ' ');
    assert.ok(text.includes('Te betalen € 0,00'), text);
    assert.ok(text.includes('is voldaan'), text);
    assert.ok(!text.includes('Zo betaalt u'), text);
  });

  test('an unknown token or a file name that does not belong to the token answers 404', async () => {
    const { orderNumber } = await placeOrder(legacy);
    const other = await placeOrder(legacy);
    const url = new URL((await file(orderNumber)).api.MSG.DESCRIPTION);
    const [, , , token] = url.pathname.split('/');
    for (const path of [
      `/files/invoices/${'A'.repeat(22)}/1TST${orderNumber}.pdf`,
      `/files/invoices/${token}/1TST${other.orderNumber}.pdf`,
      `/files/invoices/not-a-token/1TST${orderNumber}.pdf`,
    ]) {
      const response = await fetch(server.url + path);
      assert.equal(response.status, 404, path);
      assert.notEqual(response.headers.get('content-type'), 'application/pdf');
    }
  });

  test("file errors: another merchant's invoice answers 402, a missing invoice number 401", async () => {
    const theirs = await placeOrder(new Legacy(server.url, APITEST));
    assert.deepEqual((await file(theirs.orderNumber)).api.ERROR, { CODE: '402', DESCRIPTION: 'Unknown invoice number or workflow number' });
    assert.deepEqual((await file(undefined)).api.ERROR, { CODE: '401', DESCRIPTION: 'Missing invoice number' });
    const own = await file(theirs.orderNumber, new Legacy(server.url, APITEST));
    assert.ok(String(own.api.MSG.DESCRIPTION).endsWith(`/1API${theirs.orderNumber}.pdf`));
  });
});

/** An order for a customer no other order shares, so earlier open orders never decline its check. */
function placeOrder(client: Legacy, options: { workflow?: string; fields?: Fields; items?: Item[] } = {}) {
  return client.placeOrder({ ...options, fields: freshCustomer(options.fields) });
}
