/**
 * The collection workflow end to end, through public surfaces only (docs/collection.md "What the
 * end-to-end tests prove"): orders placed and started over the legacy XML API, time moved only by
 * POST /v2/sandbox/clock/advance, every customer e-mail received by a real SMTP server with its
 * PDF read back, the order webhooks received over HTTP, legacy Status read after each step, and
 * payouts in the v2 reconciliation list. JOBS=off: each advance's own follow-up does all the work,
 * so what it answers can be held against what arrived while it ran (end-to-end-support.ts).
 *
 * Every shop first moves its clock to Monday 2 September 2030, 10:00 in Amsterdam, so the dates
 * below are the same on any day the suite runs.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isCreditorReference } from '../../src/core/payments/sepa-qr.js';
import type { Fields, Item } from '../support/legacy-client.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';
import { PARTNER_KEY } from '../customer/customer-support.js';
import { postJson } from '../v2/v2-client.js';
import { type Advance, EndToEndShop, type Order, payLink, payOnPage, type ReadMail } from './end-to-end-support.js';

const START = '2030-09-02T10:00:00+02:00';
const ORDER_DATE = '02-09-2030';
const BIKE: Item[] = [{ CODE: 'SKU-9', DESCRIPTION: 'Fiets', ORDERQUANTITY: '1', PRICEINCL: '300.00', BTW: '21' }];
const JUMPER: Item[] = [{ CODE: 'SKU-1', DESCRIPTION: 'Wollen trui', ORDERQUANTITY: '1', PRICEINCL: '104.85', BTW: '21' }];
const BELGIAN: Fields = { COUNTRYCODE: 'BE', POSTALCODE: '9000', CITY: 'Gent' };
const BUSINESS: Fields = { TYPE: 'B', COMPANYNAME: 'Bakkerij de Vries', CHAMBEROFCOMMERCE: '87654321' };
const IBAN = 'NL91 ABNA 0417 1643 00';

/** The Amsterdam calendar day of an advance's new time, as YYYY-MM-DD. */
const dayOf = (advance: Advance) => new Date(advance.answer.now).toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });

/** The one e-mail an advance sent, to the order's customer, with a PDF attached; asserts each part holds every text given. */
function onlyMail(advance: Advance, order: Order, subject: string, pdfPrefix: string, texts: string[], pdfTexts: string[] = texts, howToPay = true): ReadMail {
  assert.equal(advance.mails.length, 1, `one e-mail on ${dayOf(advance)}`);
  const mail = advance.mails[0]!;
  assert.deepEqual(mail.to, [order.email]);
  assert.equal(mail.subject, subject);
  assert.equal(mail.pdfName, `${pdfPrefix}-${order.invoiceNumber}.pdf`, 'the PDF is attached');
  for (const text of texts) assert.ok(mail.text.includes(text), `the e-mail says "${text}":\n${mail.text}`);
  for (const text of pdfTexts) assert.ok(mail.pdf.includes(text), `the PDF says "${text}":\n${mail.pdf}`);
  if (!howToPay) return mail;
  // How to pay, in the e-mail and on its PDF: the platform's IBAN, the payment reference (the
  // invoice number as an RF creditor reference) and the pay page.
  const reference = /Betalingskenmerk: (RF\d{2}[A-Z0-9]+)/.exec(mail.text)?.[1];
  assert.ok(reference && isCreditorReference(reference) && reference.slice(4) === order.invoiceNumber.toUpperCase(), mail.text);
  assert.ok(mail.text.includes(`IBAN: ${IBAN}`), mail.text);
  for (const text of [`IBAN ${IBAN}`, `Betalingskenmerk ${reference}`, `Online betalen: ${payLink(mail).href}`]) assert.ok(mail.pdf.includes(text), `${text} in ${mail.pdf}`);
  return mail;
}

/** The events of an advance's webhooks for one order, sorted: first attempts run side by side, so they arrive in any order. */
const eventsIn = (advance: Advance, order: Order) =>
  advance.hooks.filter((hook) => hook.json.invoice_number_clean === order.orderNumber).map((hook) => String(hook.json.event)).sort();
const hookOf = (advance: Advance, event: string) => advance.hooks.find((hook) => hook.json.event === event)!;

describe('the collection workflow end to end on a test clock', () => {
  let server: TestServer;
  let sink: SmtpSink;
  let receiver: WebhookReceiver;
  before(async () => {
    sink = await new SmtpSink().start();
    receiver = await new WebhookReceiver().start();
    server = await startTestServer({ env: { PARTNER_API_KEY: PARTNER_KEY, SMTP_URL: sink.url, JOBS: 'off' } });
  });
  after(async () => {
    await server.close();
    await receiver.close();
    await sink.close();
  });

  async function shopWithOrder(country: 'NL' | 'BE', fields: Fields, items: Item[]): Promise<{ shop: EndToEndShop; order: Order }> {
    const shop = await EndToEndShop.open(server, sink, receiver, country);
    await shop.advance({ to: START });
    const order = await shop.startedOrder({ DATE: ORDER_DATE, ...fields }, items);
    assert.deepEqual(await shop.status(order), { INVOICENUMBER: order.orderNumber, STATUS: '0', DESCRIPTION: 'Wait for payment', PAIDOUT: '0' });
    return { shop, order };
  }

  /**
   * The course every customer type shares, checked step by step: the start's webhooks, the invoice
   * e-mail three days later with its PDF, the guaranteed payout on day 14, Reminder 1 the day after
   * the due date and the final notice seven days later. Answers the advance of Reminder 1; the
   * final notice's is the shop's last advance.
   */
  async function throughFinalNotice(shop: EndToEndShop, order: Order, amount: string, shopName: string): Promise<Advance> {
    const first = await shop.advance({ days: 1 });
    assert.deepEqual(eventsIn(first, order), ['order_placed', 'order_workflow_started']);

    const { reached: invoice } = await shop.advanceUntil('Wait for payment');
    assert.equal(dayOf(invoice), '2030-09-05');
    assert.deepEqual(invoice.answer.steps, { 'Wait for payment': 1 });
    onlyMail(invoice, order, `Factuur ${order.invoiceNumber} van ${shopName}`, 'factuur', [`Het te betalen bedrag is ${amount}; betaal uiterlijk op 19 september 2030`], [
      `Factuurnummer ${order.invoiceNumber}`, `Uw ordernummer ${order.orderNumber}`, 'Factuurdatum 5 september 2030', 'Leveringsdatum 2 september 2030',
      'Vervaldatum 19 september 2030', `Totaal inclusief btw ${amount}`, `Te betalen ${amount}`, 'Uiterlijk op 19 september 2030', `heeft deze vordering overgedragen aan Achteraf`,
    ]);
    assert.deepEqual(eventsIn(invoice, order), ['invoice_sent']);
    assert.equal((await shop.status(order)).DESCRIPTION, 'Wait for payment');
    assert.equal((await shop.listed(order)).due_date, '2030-09-19');

    const { reached: reminder, quiet } = await shop.advanceUntil('Reminder 1');
    assert.equal(dayOf(reminder), '2030-09-20');
    // The guaranteed payout, 14 days after the start: a webhook and a settlement, no step.
    const payout = quiet.find((advance) => advance.hooks.length > 0);
    assert.ok(payout && dayOf(payout) === '2030-09-16', 'the payout on 16 September');
    assert.deepEqual(eventsIn(payout, order), ['order_paid_out']);
    assert.equal(payout.hooks[0]!.json.amount, amount.replace('€ ', '').replace(',', '.'));
    assert.deepEqual(reminder.answer.steps, { 'Reminder 1': 1 });
    assert.deepEqual(eventsIn(reminder, order), ['workflow_step_changed']);
    assert.equal(hookOf(reminder, 'workflow_step_changed').json.workflow_step, 'Reminder 1');
    assert.deepEqual(await shop.status(order), { INVOICENUMBER: order.orderNumber, STATUS: '0', DESCRIPTION: 'Reminder 1', PAIDOUT: '1' });

    const { reached: notice } = await shop.advanceUntil('Final notice');
    assert.equal(dayOf(notice), '2030-09-27');
    assert.deepEqual(eventsIn(notice, order), ['workflow_step_changed']);
    assert.equal((await shop.status(order)).DESCRIPTION, 'Final notice');
    return reminder;
  }

  /** Collection: the costs added by the law that applies, in the e-mail, the webhooks, Status and the reconciliation list. */
  async function collection(shop: EndToEndShop, order: Order, day: string, costs: string, total: string, basis: string): Promise<void> {
    const { reached } = await shop.advanceUntil('Collection');
    assert.equal(dayOf(reached), day);
    assert.deepEqual(reached.answer.steps, { Collection: 1 });
    onlyMail(reached, order, `Incasso: factuur ${order.invoiceNumber}`, 'collection', [
      `Wij hebben daarom € ${costs} aan incassokosten toegevoegd (${basis})`, `Openstaande kosten: € ${costs}`, `Totaal te betalen: € ${total}`,
      // The due date has long passed: the notice asks to pay now, not by a day already gone.
      'Betaaltermijn: per direct',
    ], [`Kosten € ${costs}`, `Te betalen € ${total}`, 'Betaaltermijn per direct']);
    assert.deepEqual(eventsIn(reached, order), ['collection_costs_added', 'workflow_step_changed']);
    assert.equal(hookOf(reached, 'collection_costs_added').json.amount, costs.replace(',', '.'));
    assert.deepEqual(await shop.status(order), { INVOICENUMBER: order.orderNumber, STATUS: '0', DESCRIPTION: 'Collection', PAIDOUT: '1' });
    const listed = await shop.listed(order);
    assert.equal(listed.costs_amount, costs.replace(',', '.'));
    assert.equal(listed.open_amount, total.replace('.', '').replace(',', '.'));
    assert.equal(listed.paid_out, 1);
    assert.deepEqual(listed.settlements.map((row: { kind: string; settled_at: string }) => [row.kind, row.settled_at]), [['payout', '2030-09-16T07:00:00.000Z']]);

    // Nothing more is scheduled: the invoice stays in collection until paid, credited or written off.
    const later = await shop.advance({ days: 60 });
    assert.deepEqual([later.answer.stepsApplied, later.mails.length, eventsIn(later, order)], [0, 0, []]);
    // Every webhook of the course, each once: Billink's events and our life-cycle events.
    assert.deepEqual(shop.eventsOf(order).sort(), [
      'collection_costs_added', 'invoice_sent', 'order_paid_out', 'order_placed', 'order_workflow_started', 'workflow_step_changed', 'workflow_step_changed', 'workflow_step_changed',
    ]);
  }

  test('a Dutch consumer: invoice, Reminder 1, the veertiendagenbrief with the exact WIK costs, then collection with 45.00 on 300.00', async () => {
    const { shop, order } = await shopWithOrder('NL', {}, BIKE);
    const reminder = await throughFinalNotice(shop, order, '€ 300,00', 'Acmé Webwinkel B.V.');
    onlyMail(reminder, order, `Herinnering 1: factuur ${order.invoiceNumber}`, 'reminder', ['die verviel op 19 september 2030', 'Het openstaande bedrag is € 300,00', 'Betaal uiterlijk op 26 september 2030']);
    const notice = shop.advances.at(-1)!;
    // Art. 6:96 lid 6 BW: the exact costs, and 14 days counted from the day after the e-mail (28 September up to and including 11 October).
    onlyMail(notice, order, `Laatste aanmaning: factuur ${order.invoiceNumber}`, 'final-notice', [
      'U moet nog € 300,00 betalen', 'uiterlijk op 11 oktober 2030; dat is 14 dagen, te rekenen vanaf de dag na deze aanmaning',
      '€ 45,00 aan incassokosten', 'art. 6:96 lid 6 BW',
    ]);
    await collection(shop, order, '2030-10-12', '45,00', '345,00', 'art. 6:96 BW en het Besluit vergoeding voor buitengerechtelijke incassokosten');
  });

  test('a Belgian consumer: the free first reminder is the Book XIX notice, and collection adds 20.00 on 104.85', async () => {
    const { shop, order } = await shopWithOrder('BE', BELGIAN, JUMPER);
    const reminder = await throughFinalNotice(shop, order, '€ 104,85', 'Gentse Boekhandel BV');
    // Art. XIX.2 WER: amount, company and enterprise number, what was bought, its due date, 14 calendar days from the day after, the damages.
    onlyMail(reminder, order, `Herinnering 1: factuur ${order.invoiceNumber}`, 'reminder', [
      'kosteloze eerste herinnering', 'U moet nog € 104,85 betalen aan Gentse Boekhandel BV (ondernemingsnummer 0123.456.749) voor: Wollen trui, vervallen op 19 september 2030',
      '14 kalenderdagen', 'tot en met 4 oktober 2030', 'schadevergoeding van € 20,00', 'art. XIX.4',
    ]);
    assert.ok(reminder.mails[0]!.pdf.includes('Ondernemingsnummer: 0123.456.749'), 'the Belgian invoice names the enterprise number');
    const notice = shop.advances.at(-1)!;
    onlyMail(notice, order, `Laatste aanmaning: factuur ${order.invoiceNumber}`, 'final-notice', ['U moet nog € 104,85 betalen', '€ 20,00 aan kosten']);
    await collection(shop, order, '2030-10-11', '20,00', '124,85', 'art. XIX.4 Wetboek van economisch recht');
  });

  test('a business customer: every reminder states the fixed 40.00 compensation, which collection adds', async () => {
    const { shop, order } = await shopWithOrder('NL', BUSINESS, JUMPER);
    const reminder = await throughFinalNotice(shop, order, '€ 104,85', 'Acmé Webwinkel B.V.');
    const compensation = 'vaste vergoeding voor invorderingskosten van € 40,00 verschuldigd (Richtlijn 2011/7/EU art. 6; art. 6:96 lid 4 BW)';
    onlyMail(reminder, order, `Herinnering 1: factuur ${order.invoiceNumber}`, 'reminder', ['Het openstaande bedrag is € 104,85', compensation]);
    onlyMail(shop.advances.at(-1)!, order, `Laatste aanmaning: factuur ${order.invoiceNumber}`, 'final-notice', ['€ 40,00 aan kosten', compensation]);
    await collection(shop, order, '2030-10-11', '40,00', '144,85', 'Richtlijn 2011/7/EU art. 6');
  });

  test('paid part way on the pay page: the course goes on with the rest, then the rest paid ends it, with receipts, order_paid and a payout per payment', async () => {
    // Workflow 3 is not guaranteed: the merchant is paid out as the customer pays the platform.
    const { shop, order } = await shopWithOrder('NL', { WORKFLOWNUMBER: '3' }, BIKE);
    const { reached: invoice } = await shop.advanceUntil('Wait for payment');
    const link = payLink(invoice.mails[0]!);
    const page = await fetch(link);
    assert.equal(page.status, 200);
    assert.match((await page.text()).replaceAll('\u00a0', ' '), /€ 300,00/);

    const part = await payOnPage(link, '100,00');
    assert.equal(part.status, 303);
    assert.match(part.location ?? '', /paid=10000/);
    // The receipt and the webhooks go out with the next advance (no background job runs here).
    const afterPart = await shop.advance({ hours: 1 });
    assert.deepEqual(afterPart.answer.steps, {});
    const partReceipt = onlyMail(afterPart, order, `Betaling ontvangen: factuur ${order.invoiceNumber}`, 'receipt', ['Wij hebben € 100,00 ontvangen'], []);
    assert.ok(!partReceipt.text.includes('volledig betaald'), partReceipt.text);
    assert.deepEqual(eventsIn(afterPart, order), ['order_paid_out', 'partial_payment_added']);
    assert.deepEqual(await shop.status(order), { INVOICENUMBER: order.orderNumber, STATUS: '0', DESCRIPTION: 'Wait for payment', PAIDOUT: '0' });
    const partly = await shop.listed(order);
    assert.deepEqual([partly.paid_amount, partly.open_amount, partly.paid_out], ['100.00', '200.00', 0]);
    assert.deepEqual(partly.settlements.map((row: { kind: string; gross_amount: string }) => [row.kind, row.gross_amount]), [['payout', '100.00']]);

    // The course continues on what is still open.
    const { reached: reminder } = await shop.advanceUntil('Reminder 1');
    assert.equal(dayOf(reminder), '2030-09-20');
    onlyMail(reminder, order, `Herinnering 1: factuur ${order.invoiceNumber}`, 'reminder', ['Het openstaande bedrag is € 200,00']);

    const rest = await payOnPage(link, '200,00');
    assert.equal(rest.status, 303);
    const afterRest = await shop.advance({ hours: 1 });
    const fullReceipt = onlyMail(afterRest, order, `Betaling ontvangen: factuur ${order.invoiceNumber}`, 'receipt', ['Wij hebben € 200,00 ontvangen', 'volledig betaald'], [], false);
    // Nothing is left to pay, so the receipt gives no bank details, only the link to the invoice.
    assert.ok(!fullReceipt.text.includes('IBAN'), fullReceipt.text);
    assert.deepEqual(eventsIn(afterRest, order), ['customer_fully_paid', 'order_paid', 'order_paid_out']);
    assert.deepEqual(await shop.status(order), { INVOICENUMBER: order.orderNumber, STATUS: '1', DESCRIPTION: 'Paid', PAIDOUT: '1' });
    const paid = await shop.listed(order);
    assert.deepEqual([paid.status, paid.paid_amount, paid.open_amount, paid.paid_out], ['paid', '300.00', '0.00', 1]);
    assert.deepEqual(paid.settlements.map((row: { kind: string; gross_amount: string; net_amount: string }) => [row.kind, row.gross_amount, row.net_amount]), [
      ['payout', '100.00', '100.00'],
      ['payout', '200.00', '200.00'],
    ]);

    // The workflow has ended: no final notice, no collection, nothing more sent.
    const later = await shop.advance({ days: 60 });
    assert.deepEqual([later.answer.stepsApplied, later.mails.length, later.hooks.length], [0, 0, 0]);
    // More than is open now is refused by the page and books nothing.
    assert.equal((await payOnPage(link, '1,00')).status, 422);
    assert.equal((await shop.listed(order)).paid_amount, '300.00');
  });

  test('on hold and resume on the clock: the days held extend the term; a credit in Reminder 1 restarts the step with its wait from the credit', async () => {
    const { shop, order } = await shopWithOrder('NL', {}, BIKE);
    await shop.advanceUntil('Wait for payment');
    await shop.advance({ days: 4 });
    const hold = await shop.legacy.call('/api/on-hold', 'Onhold', { WORKFLOWNUMBER: '1', INVOICENUMBER: order.orderNumber, DAYS: '10' });
    assert.equal(hold.api.MSG?.DESCRIPTION, 'Order is on hold until 2030-09-19', hold.text);
    const held = await shop.advance({ days: 3 });
    assert.deepEqual([held.answer.stepsApplied, eventsIn(held, order)], [0, ['order_on_hold']]);
    const resumed = await shop.legacy.call('/api/on-hold', 'resume', { WORKFLOWNUMBER: '1', INVOICENUMBER: order.orderNumber, RESUME: 'y' });
    assert.equal(resumed.api.MSG?.DESCRIPTION, 'Order resumed', resumed.text);
    assert.deepEqual(eventsIn(await shop.advance({ hours: 1 }), order), ['order_resumed']);
    // Held from 9 to 12 September: three days more to pay, and every later step three days later.
    assert.equal((await shop.listed(order)).due_date, '2030-09-22');

    const { reached: reminder, quiet } = await shop.advanceUntil('Reminder 1');
    assert.equal(dayOf(reminder), '2030-09-23');
    assert.deepEqual(quiet.filter((advance) => advance.hooks.length > 0).map(dayOf), ['2030-09-19'], 'the payout moved by the days held');
    onlyMail(reminder, order, `Herinnering 1: factuur ${order.invoiceNumber}`, 'reminder', ['die verviel op 22 september 2030', 'Betaal uiterlijk op 29 september 2030']);

    await shop.advance({ days: 2 });
    const credit = await shop.legacy.call('/api/credit', 'Credit', {}, { INVOICES: [{ INVOICENUMBER: order.orderNumber, CREDITAMOUNT: '50.00', DESCRIPTION: 'Retour' }] });
    assert.equal(credit.api.MSG.STATUSES.ITEM[0].MESSAGE, 'Credit applied: 50.00 EURO.; step restarted.', credit.text);
    const restarted = await shop.advance({ hours: 1 });
    assert.deepEqual(restarted.answer.steps, {});
    onlyMail(restarted, order, `Herinnering 1: factuur ${order.invoiceNumber}`, 'reminder', ['het bedrag is gewijzigd', 'Het openstaande bedrag is € 250,00', 'Betaal uiterlijk op 1 oktober 2030']);
    assert.deepEqual(eventsIn(restarted, order), ['partial_credit_added', 'workflow_step_restarted']);
    assert.equal((await shop.status(order)).DESCRIPTION, 'Reminder 1');

    // Reminder 1's seven days run again from the credit (25 September), not from the first reminder.
    const { reached: notice } = await shop.advanceUntil('Final notice');
    assert.equal(dayOf(notice), '2030-10-02');
    onlyMail(notice, order, `Laatste aanmaning: factuur ${order.invoiceNumber}`, 'final-notice', ['U moet nog € 250,00 betalen', '€ 40,00 aan incassokosten']);
  });

  test('a dispute opened and resolved on the clock pauses collection, which then continues with the days disputed added', async () => {
    const { shop, order } = await shopWithOrder('NL', {}, BIKE);
    await shop.advanceUntil('Wait for payment');
    await shop.advance({ days: 5 });
    const opened = await postJson(server.url, '/v2/client/order/dispute', {
      ...shop.credentials, invoice: order.orderNumber, category: 1, customerEmail: order.email, customerName: 'John Doe', locale: 'nl',
      message: 'Het pakket is nooit aangekomen.',
    });
    assert.equal(opened.status, 200, opened.text);
    assert.deepEqual(eventsIn(await shop.advance({ hours: 1 }), order), ['dispute_opened']);

    // Twenty days on: past the due date and the payout day, and nothing happened.
    const paused = await shop.advance({ days: 20 });
    assert.deepEqual([paused.answer.stepsApplied, paused.mails.length, paused.hooks.length], [0, 0, 0]);
    assert.deepEqual(await shop.status(order), { INVOICENUMBER: order.orderNumber, STATUS: '0', DESCRIPTION: 'Wait for payment', PAIDOUT: '0' });

    const resolved = await postJson(server.url, '/v2/client/order/dispute/resolve', { ...shop.credentials, id: opened.body.id, resolution: 'Pakket gevonden' });
    assert.equal(resolved.body.resolved, true, resolved.text);
    assert.deepEqual(eventsIn(await shop.advance({ hours: 1 }), order), ['dispute_resolved']);
    // Disputed from 10 to 30 September: the due date moves from 19 September by 20 days.
    assert.equal((await shop.listed(order)).due_date, '2030-10-09');
    const { reached: reminder, quiet } = await shop.advanceUntil('Reminder 1');
    assert.equal(dayOf(reminder), '2030-10-10');
    assert.deepEqual(quiet.filter((advance) => advance.hooks.length > 0).map(dayOf), ['2030-10-06'], 'the payout moved by the days disputed');
    onlyMail(reminder, order, `Herinnering 1: factuur ${order.invoiceNumber}`, 'reminder', ['die verviel op 9 oktober 2030']);
  });
});
