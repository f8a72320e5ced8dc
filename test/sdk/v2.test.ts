/**
 * The SDK's v2 methods against a real server: order management, reconciliation, sessions,
 * webhook settings, the delivery log and replay, partners. Results are typed values; refusals
 * are BillinkApiError with the endpoint's code (order management) or HTTP status and message.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BillinkApiError, verifyWebhook } from '@achteraf/billink';
import { orderNumber, uniqueEmail } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';
import { client, customer, placeOrder } from './sdk-fixtures.js';

const PARTNER_KEY = 'partner-key-for-the-sdk-tests-0123456789';

describe('the SDK on the v2 JSON API', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  before(async () => {
    server = await startTestServer({ env: { PARTNER_API_KEY: PARTNER_KEY } });
    receiver = await new WebhookReceiver().start();
  });
  after(async () => {
    await receiver.close();
    await server.close();
  });

  test('check, order, start workflow, payment, credit, hold, resume, message and order info act on one invoice', async () => {
    const billink = client(server.url);
    const declined = await billink.v2.check({ ...customer(), orderAmount: '10.00', backdoor: 2 });
    assert.deepEqual(declined, { approved: false, code: '501', description: 'Advies=0', uuid: undefined });
    const { invoiceNumber } = await placeOrder(billink, 'v2');
    const started = await billink.v2.startWorkflow({ invoices: [invoiceNumber, { invoiceNumber: 'NOPE' }] });
    assert.deepEqual(started, {
      code: '500',
      items: [{ invoiceNumber, code: 500, message: 'Success', ok: true }, { invoiceNumber: 'NOPE', code: -1, message: 'Order does not exist', ok: false }],
    });
    const paid = await billink.v2.payment({ invoices: [{ invoiceNumber, amount: { cents: 1000 }, description: 'Bank' }] });
    assert.deepEqual(paid.items, [{ invoiceNumber, code: 200, message: 'Payment applied: 10.00 EURO.', ok: true }]);
    const credited = await billink.v2.credit({ invoices: [{ invoiceNumber, amount: '1.5', description: 'test credit' }] });
    assert.deepEqual(credited.items, [{ invoiceNumber, code: 200, message: 'Credit applied: 1.50 EURO.; step restarted.', ok: true }]);
    assert.match((await billink.v2.onHold({ invoiceNumber, workflowNumber: 1, days: 5 })).description, /^Order is on hold until /);
    assert.deepEqual(await billink.v2.resume({ invoiceNumber, workflowNumber: 1 }), { code: '200', description: 'Order resumed' });
    assert.deepEqual(await billink.v2.message({ invoiceNumber, message: 'Klant belt terug' }), { code: '200', description: 'Message added' });
    const info = await billink.v2.orderInfo({ invoices: [invoiceNumber, 'NOPE'] });
    assert.deepEqual(info.invoices, [
      { invoiceNumber, status: 0, description: 'Wait for payment', paidOut: false }, // paid out on its payout day, 14 days after the start
      { invoiceNumber: 'NOPE', status: -1, description: 'Order not found' },
    ]);
    await assert.rejects(billink.v2.onHold({ invoiceNumber: 'NOPE' }), { name: 'BillinkApiError', endpoint: 'onHold', code: '402' });
    await assert.rejects(billink.v2.startWorkflow({ invoices: [] }), { code: '705' });

    // The whole life in one read: the facts above in their order, money as text and cents.
    const timeline = await billink.v2.invoiceTimeline({ invoiceNumber });
    assert.deepEqual([timeline.invoice.invoiceNumber, timeline.invoice.paid, timeline.invoice.creditedCents], [invoiceNumber, '10.00', 150]);
    assert.deepEqual(
      timeline.entries.map((entry) => entry.kind).filter((kind) => kind !== 'step'),
      ['order_placed', 'workflow_started', 'payment', 'credit', 'on_hold', 'resumed', 'message'],
    );
    const payment = timeline.entries.find((entry) => entry.kind === 'payment');
    assert.deepEqual(payment?.kind === 'payment' && [payment.amount, payment.amountCents, payment.description], ['10.00', 1000, 'Bank']);
    assert.equal(timeline.upcoming[0]?.timer, 'send_invoice');
    assert.equal(timeline.paused, null);
    await assert.rejects(billink.v2.invoiceTimeline({ invoiceNumber: 'NOPE' }), { name: 'BillinkApiError', endpoint: 'invoiceTimeline', code: '402' });
  });

  test('webshop settings, the reconciliation list with amounts as text and cents, and the invoice PDF', async () => {
    const billink = client(server.url);
    assert.deepEqual(await billink.v2.webshopSettings(), { minimum_paid_orders: 3, period: 365, total_amount_higher_than: '0.00', whitelist: [] });
    const { invoiceNumber } = await placeOrder(billink, 'v2');
    await billink.v2.payment({ invoices: [{ invoiceNumber, amount: '4.85' }] });
    const rows = [];
    for await (const row of billink.reconciliation.allInvoices()) rows.push(row);
    const row = rows.find((entry) => entry.invoice_number === invoiceNumber);
    assert.deepEqual(
      [row?.total_amount, row?.total_amount_cents, row?.paid_amount, row?.open_amount_cents],
      ['104.85', 10485, '4.85', 10000],
    );
    const empty = await billink.reconciliation.invoices({ dateFrom: '1990-01-01', dateTo: '1990-01-02' });
    assert.deepEqual(empty.invoices, []);
    const pdf = await billink.reconciliation.downloadInvoice({ invoiceNumber });
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    await assert.rejects(billink.reconciliation.downloadInvoice({ invoiceNumber: 'NOPE' }), { httpStatus: 404, description: 'Invoice not found' });
  });

  test('a session is created with money as decimal text and its status read by id and by invoice number', async () => {
    const billink = client(server.url);
    const session = await billink.sessions.create({
      workflowNumber: 1,
      returnURL: { successURL: 'https://shop.example/ok', failURL: 'https://shop.example/fail' },
      customer: { type: 'p', firstName: 'Anna', lastName: 'de Vries', email: uniqueEmail(), gender: 'V' },
      billingAddress: { street: 'Damrak', houseNumber: '7', postalCode: '1012LG', city: 'Amsterdam', countryCode: 'NL' },
      transaction: {
        totalAmount: { cents: 10485 }, orderNumber: orderNumber('SES'), customInvoiceID: 'C-77',
        orderItems: [
          { code: 'SKU-1', name: 'Wollen trui', quantity: 2, productAmount: '49.95', taxRate: 21 },
          { code: '0001', name: 'Verzendkosten', quantity: 1, productAmount: '4.95', taxRate: 21 },
        ],
      },
    });
    assert.match(session.sessionURL, /\/checkout\//);
    assert.equal(session.customInvoiceID, 'C-77');
    assert.equal(await billink.sessions.status({ sessionID: session.sessionID }), 'session_active');
    assert.equal(await billink.sessions.status({ billinkInvoiceNumber: session.invoice }), 'session_active');
    await assert.rejects(billink.sessions.status({ sessionID: 'nope' }), (error: unknown) => error instanceof BillinkApiError && error.httpStatus >= 400);
  });

  test('webhook settings: a signed order webhook arrives verifiable, shows in the log and can be replayed', async () => {
    const billink = client(server.url);
    const secret = await billink.webhooks.generateSecret();
    await billink.webhooks.setOrderWebhook({ url: receiver.url('/signed') });
    await billink.webhooks.setSessionWebhook({ url: receiver.url('/sessions') });
    const { invoiceNumber } = await placeOrder(billink, 'v2');
    const [delivered] = await receiver.waitFor(1, (entry) => entry.path === '/signed' && entry.json.invoice_number === invoiceNumber);
    const event = verifyWebhook({ secret, rawBody: delivered!.body, headers: delivered!.headers });
    assert.equal(event.kind, 'order');
    assert.equal(event.kind === 'order' && event.payload.event, 'order_placed');

    const log = await billink.webhooks.deliveries({ pageSize: 5 });
    const entry = log.deliveries.find((delivery) => JSON.parse(delivery.body).invoice_number === invoiceNumber);
    assert.ok(entry, 'the delivery is in the log');
    const replay = await billink.webhooks.replay(entry.deliveryId);
    assert.equal(replay.webhookId, entry.webhookId);
    await receiver.waitFor(2, (received) => received.webhookId === entry.webhookId);

    await billink.webhooks.setOrderWebhook({ url: receiver.url('/classic'), signed: false });
    await billink.webhooks.disableOrderWebhook();
    await billink.webhooks.disableSessionWebhook();
    await assert.rejects(billink.webhooks.setOrderWebhook({ url: 'not a url' }), { httpStatus: 400, description: 'Invalid url parameter' });
    await assert.rejects(client(server.url, { username: 'nobody' }).webhooks.generateSecret(), { httpStatus: 404, description: 'Client not found' });
  });

  test('a partner creates a merchant, which sets its password and works with its own credentials at once', async () => {
    const billink = client(server.url);
    const merchant = await billink.partners.createMerchant({
      partnerKey: PARTNER_KEY, billinkUsername: 'partner', billinkID: 1, username: `sdk-shop-${process.pid}`, email: 'owner@example.com',
      companyName: 'Golden Goods', firstName: 'Anna', lastName: 'de Vries', phone: '0201234567', contactEmail: 'finance@example.com',
      contactPhone: '0207654321', street: 'Keizersgracht', houseNumber: '100', postCode: '1015AA', city: 'Amsterdam', countryCode: 'NL',
      cocNumber: '12345678', vatNumber: 'NL123456789B01', bankAccountNumber: 'NL91ABNA0417164300', bic: 'ABNANL2A', tnv: 'Golden Goods',
      sandbox: true,
    });
    assert.equal(merchant.sandbox, true);
    assert.match(merchant.uid, /^[0-9a-f]{40}$/);
    const token = merchant.changePasswordLink!.split('/').at(-1)!;
    assert.equal(await billink.partners.setPassword({ token, password: 'a long enough password' }), 'Password has been set');
    const own = client(server.url, { username: merchant.username, clientId: merchant.uid });
    assert.equal((await own.v2.webshopSettings()).period, 365);
    const withWrongKey = { partnerKey: 'wrong' } as Parameters<typeof billink.partners.createMerchant>[0];
    await assert.rejects(billink.partners.createMerchant(withWrongKey), { httpStatus: 403, description: 'Partner key is not valid' });
  });
});
