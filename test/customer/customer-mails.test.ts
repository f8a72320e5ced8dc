/**
 * The customer mail job end to end: e-mails the life cycle queued are rendered in the customer's
 * language with the legally required content, carry the PDF, and reach a real SMTP server
 * (test/support/smtp-sink.ts); the PDF is read back with PDF.js and its QR code decoded.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ManualClock } from '../../src/core/shared/clock.js';
import { isCreditorReference } from '../../src/core/payments/sepa-qr.js';
import type { LifeCycleMail } from '../../src/core/invoices/life-cycle/types.js';
import { decodeHeader, mimeParts } from '../support/mime-parts.js';
import { readPdf } from '../support/pdf-text.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { createShop, PARTNER_KEY, placeStartedOrder, qrCodesIn, queueMail, type ShopUnderTest } from './customer-support.js';

const PUBLIC_URL = 'https://pay.achteraf.example';
/** The PDF's text with no-break spaces as spaces, and its lines joined by `join`. */
const pdfText = (content: { text: string }, join = ' ') => content.text.replaceAll('\u00a0', ' ').replace(/\n/g, join);
const BASE: Omit<LifeCycleMail, 'kind' | 'language'> = { amountDue: 10_485, costsDue: 0, dueDate: '2026-12-08', restarted: false };

describe('customer e-mails over SMTP', () => {
  let sink: SmtpSink;
  let server: TestServer;
  let shop: ShopUnderTest;
  before(async () => {
    sink = await new SmtpSink().start();
    server = await startTestServer({
      env: {
        PUBLIC_URL, PARTNER_API_KEY: PARTNER_KEY, SMTP_URL: sink.url, JOBS: 'off',
        PLATFORM_NAME: 'Achteraf Betalen', PLATFORM_ACCOUNT_HOLDER: 'Stichting Derdengelden Achteraf', PLATFORM_BIC: 'ABNANL2A',
      },
      overrides: { clock: new ManualClock(new Date('2026-11-23T09:00:00Z')) },
    });
    shop = await createShop(server);
  });
  after(async () => {
    await server.close();
    await sink.close();
  });

  /** Sends the shop's queued mails and answers the ones the SMTP server received, parsed. */
  async function sendAll(expected: number, target = shop) {
    const before = sink.mails.length;
    assert.equal(await server.sendCustomerMails(target.merchantId), expected);
    return sink.mails.slice(before).map((mail) => {
      const parts = mimeParts(mail.raw);
      // Amounts keep their currency sign and number together with a no-break space, as Intl writes them.
      const read = (type: string) => (parts.find((part) => part.contentType === type)?.content.toString('utf8') ?? '').replaceAll('\u00a0', ' ').replaceAll('\r\n', '\n');
      const pdf = parts.find((part) => part.contentType === 'application/pdf');
      return { mail: { ...mail, subject: decodeHeader(mail.subject) }, text: read('text/plain'), html: read('text/html'), pdf };
    });
  }

  test('the invoice e-mail carries a valid Dutch invoice PDF with every required field and a QR code that scans to the exact EPC payload', async () => {
    // A short order number, so the invoice number fits an ISO 11649 creditor reference (21 characters).
    const invoice = await placeStartedOrder(server, shop, { fields: { ORDERNUMBER: `F${Date.now().toString(36)}` } });
    await queueMail(server, shop, invoice, { kind: 'invoice', language: 'nl', ...BASE });
    const [sent] = await sendAll(1);
    assert.ok(sent);
    assert.deepEqual(sent.mail.to, ['klant@example.com']);
    assert.match(sent.mail.subject, new RegExp(`Factuur ${invoice.invoiceNumber} van Acm`));
    assert.match(sent.text, /€ 104,85/);
    assert.match(sent.text, /IBAN: NL91 ABNA 0417 1643 00/);
    assert.match(sent.text, /Ten name van: Stichting Derdengelden Achteraf/);
    const payLink = /https:\/\/pay\.achteraf\.example\/pay\/([A-Za-z0-9_-]{22})\?lang=nl/.exec(sent.text);
    assert.ok(payLink, sent.text);
    assert.match(sent.html, /<a href="https:\/\/pay\.achteraf\.example\/pay\//);
    assert.ok(sent.pdf, 'the invoice PDF is attached');
    assert.match(sent.pdf.fileName ?? '', /^factuur-.*\.pdf$/);

    const text = pdfText(await readPdf(sent.pdf.content), '\n');
    for (const field of [
      'Acmé Webwinkel B.V.', 'Keizersgracht 100 A', '1015AA Amsterdam', 'KvK-nummer: 12345678', 'Btw-nummer: NL123456789B01',
      `Factuurnummer ${invoice.invoiceNumber}`, 'Factuurdatum 24 november 2026', 'Leveringsdatum 23 november 2026', 'Vervaldatum 8 december 2026',
      // Wollen trui 2 × € 49,95 incl. 21%: € 41,28 excl. each, € 82,56 for the line.
      'Wollen trui 2 € 41,28 21% € 82,56', 'Verzendkosten 1 € 4,09 21% € 4,09',
      'Totaal exclusief btw € 86,65', 'Btw 21% over € 86,65 € 18,20', 'Totaal inclusief btw € 104,85', 'Te betalen € 104,85',
      'heeft deze vordering overgedragen aan Achteraf Betalen', 'IBAN NL91 ABNA 0417 1643 00', 'BIC ABNANL2A',
      'Ten name van Stichting Derdengelden Achteraf', 'Uiterlijk op 8 december 2026',
    ]) {
      assert.ok(text.includes(field), `the PDF shows "${field}":\n${text}`);
    }
    const reference = /Betalingskenmerk (RF\d{2}[A-Z0-9]+)/.exec(text)?.[1];
    assert.ok(reference && isCreditorReference(reference) && reference.slice(4) === invoice.invoiceNumber.toUpperCase(), text);
    assert.ok(text.includes(`Online betalen: ${PUBLIC_URL}/pay/${payLink[1]}?lang=nl`), 'the PDF links the pay page');
    assert.deepEqual(await qrCodesIn(sent.pdf.content), [
      ['BCD', '002', '1', 'SCT', 'ABNANL2A', 'Stichting Derdengelden Achteraf', 'NL91ABNA0417164300', 'EUR104.85', '', reference].join('\n'),
    ]);
  });

  test('the Dutch final notice is the veertiendagenbrief: the exact costs that will be added and the last day to pay', async () => {
    const invoice = await placeStartedOrder(server, shop);
    await queueMail(server, shop, invoice, { kind: 'final_notice', language: 'nl', ...BASE, announcedCosts: 4_000, payBefore: '2026-12-23' });
    const [sent] = await sendAll(1);
    assert.ok(sent?.pdf);
    assert.match(sent.mail.subject, /^Laatste aanmaning: factuur /);
    for (const body of [sent.text, pdfText(await readPdf(sent.pdf.content))]) {
      assert.match(body, /uiterlijk op 23 december 2026/);
      assert.match(body, /€ 40,00 aan\s+incassokosten/);
      assert.match(body, /art\. 6:96 lid 6 BW/);
    }
  });

  test('the first reminder to a Belgian consumer is the Book XIX notice with amount, damages, company and enterprise number, purchase, due date and 14 days', async () => {
    const belgian = await createShop(server, 'BE');
    const invoice = await placeStartedOrder(server, belgian, { fields: { COUNTRYCODE: 'BE', POSTALCODE: '9000', CITY: 'Gent' } });
    await queueMail(server, belgian, invoice, { kind: 'reminder', language: 'nl', ...BASE, reminderNumber: 1, announcedCosts: 2_000, payBefore: '2026-12-23' });
    const [sent] = await sendAll(1, belgian);
    assert.ok(sent?.pdf);
    assert.equal(sent.mail.subject, `Herinnering 1: factuur ${invoice.invoiceNumber}`);
    const pdfBody = pdfText(await readPdf(sent.pdf.content));
    for (const body of [sent.text, pdfBody]) {
      for (const part of ['€ 104,85', 'Gentse Boekhandel BV', 'ondernemingsnummer 0123.456.749', '2 × Wollen trui, Verzendkosten', 'vervallen op 8 december 2026', '14 kalenderdagen', 'tot en met 23 december 2026', 'schadevergoeding van € 20,00', 'art. XIX.2']) {
        assert.ok(body.includes(part), `"${part}" in:\n${body}`);
      }
    }
    assert.ok(pdfBody.includes('Ondernemingsnummer: 0123.456.749'), 'the Belgian invoice names the enterprise number');
  });

  test('business customers are told of the fixed compensation, in English when that is their language, with amounts written the English way', async () => {
    const invoice = await placeStartedOrder(server, shop, { fields: { TYPE: 'B', COMPANYNAME: 'Klant BV', CHAMBEROFCOMMERCE: '87654321' } });
    await queueMail(server, shop, invoice, { kind: 'reminder', language: 'en', ...BASE, amountDue: 123_456, reminderNumber: 2, payBefore: '2026-12-15' });
    const [sent] = await sendAll(1);
    assert.ok(sent?.pdf);
    assert.equal(sent.mail.subject, `Reminder 2: invoice ${invoice.invoiceNumber}`);
    assert.match(sent.text, /€1,234\.56/);
    assert.match(sent.text, /fixed compensation for recovery costs of €40\.00 due \(Directive 2011\/7\/EU art\. 6\)/);
    assert.match((await readPdf(sent.pdf.content)).text, /Invoice number/);
  });

  test('a collection notice states the costs added and the total; a receipt the payment; a restarted step says the amount changed', async () => {
    const invoice = await placeStartedOrder(server, shop);
    await queueMail(server, shop, invoice, { kind: 'collection', language: 'nl', ...BASE, amountDue: 14_485, costsDue: 4_000, fee: 4_000 });
    await queueMail(server, shop, invoice, { kind: 'reminder', language: 'nl', ...BASE, amountDue: 5_000, reminderNumber: 1, restarted: true, payBefore: '2026-12-15' });
    await queueMail(server, shop, invoice, { kind: 'receipt', language: 'nl', ...BASE, amountDue: 0, amountPaid: 5_000 });
    const [collection, restarted, receipt] = await sendAll(3);
    assert.match(collection!.text, /€ 40,00 aan incassokosten toegevoegd/);
    assert.match(collection!.text, /Totaal te betalen: € 144,85/);
    assert.match(restarted!.text, /het bedrag is gewijzigd/);
    assert.match(receipt!.text, /Wij hebben € 50,00 ontvangen/);
    assert.match(receipt!.text, /volledig betaald/);
  });

  test('a mail that the SMTP server refuses is tried again later, and marked failed after the last try', async () => {
    const invoice = await placeStartedOrder(server, shop);
    await queueMail(server, shop, invoice, { kind: 'invoice', language: 'nl', ...BASE }, 'niet bestaand@@example.com');
    assert.equal(await server.sendCustomerMails(shop.merchantId), 0);
    const row = async () =>
      (await server.store.db.query<{ state: string; attempts: number; last_error: string | null }>(
        'SELECT state, attempts, last_error FROM customer_mails WHERE invoice_id = $1',
        [invoice.id],
      ))[0]!;
    assert.deepEqual({ ...(await row()), last_error: undefined }, { state: 'pending', attempts: 1, last_error: undefined });
    await server.store.db.query('UPDATE customer_mails SET attempts = 10 WHERE invoice_id = $1', [invoice.id]);
    assert.equal(await server.sendCustomerMails(shop.merchantId), 0);
    const last = await row();
    assert.equal(last.state, 'failed', JSON.stringify(last));
    assert.equal(await server.sendCustomerMails(shop.merchantId), 0);
  });
});

describe('customer e-mails without SMTP', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { PUBLIC_URL, PARTNER_API_KEY: PARTNER_KEY, JOBS: 'off' } });
  });
  after(async () => {
    await server.close();
  });

  test('are rendered and kept in the local outbox, with their subject and text, and counted as handed over', async () => {
    const shop = await createShop(server);
    const invoice = await placeStartedOrder(server, shop);
    await queueMail(server, shop, invoice, { kind: 'invoice', language: 'en', ...BASE });
    assert.equal(await server.sendCustomerMails(shop.merchantId), 1);
    const rows = await server.store.db.query<{ state: string; channel: string; subject: string; body: string }>(
      'SELECT state, channel, subject, body FROM customer_mails WHERE invoice_id = $1',
      [invoice.id],
    );
    assert.equal(rows[0]!.state, 'sent');
    assert.equal(rows[0]!.channel, 'outbox');
    assert.equal(rows[0]!.subject, `Invoice ${invoice.invoiceNumber} from Acmé Webwinkel B.V.`);
    assert.match(rows[0]!.body, /The amount to pay is €104\.85; please pay by 8 December 2026\./);
    assert.equal(await server.sendCustomerMails(shop.merchantId), 0);
  });
});
