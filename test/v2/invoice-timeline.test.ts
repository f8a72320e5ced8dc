/**
 * POST /v2/client/invoice/timeline over real HTTP (docs/v2-api.md "Invoice timeline"): one
 * invoice's facts oldest first after a payment, a dispute opened and resolved and a sandbox clock
 * advance past the invoice e-mail, the payout and Reminder 1, each event with its webhook attempts,
 * and the next timer on the merchant's clock; bad requests get the endpoint's own codes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { freshCustomer } from '../support/fresh-customer.js';
import { Legacy } from '../support/legacy-client.js';
import { createMerchant, PARTNER_KEY, type NewMerchant } from '../support/new-merchant.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { subscribe, WebhookReceiver } from '../support/webhook-receiver.js';
import { postJson } from './v2-client.js';

const PATH = '/v2/client/invoice/timeline';
type Entry = Record<string, any> & { kind: string; at: string };

describe('the invoice timeline over v2', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  let shop: NewMerchant;
  let other: NewMerchant;
  let orderNumber: string;
  let invoiceNumber: string;
  const credentials = (merchant: NewMerchant) => ({ billinkUsername: merchant.username, billinkID: merchant.clientId });

  before(async () => {
    server = await startTestServer({ env: { PARTNER_API_KEY: PARTNER_KEY, JOBS: 'off' } });
    receiver = await new WebhookReceiver().start();
    shop = await createMerchant(server.url, { sandbox: true });
    other = await createMerchant(server.url, { sandbox: true });
    await subscribe(server.url, shop, { url: receiver.url('/orders'), signed: false });
    const legacy = new Legacy(server.url, shop);
    ({ orderNumber, invoice: invoiceNumber } = await legacy.placeOrder({ fields: freshCustomer() }));
    const started = await legacy.call('/api/start-workflow', 'activate order', {}, { INVOICES: [{ INVOICENUMBER: orderNumber }] });
    assert.equal(started.api.MSG.STATUSES.ITEM[0].CODE, '500', started.text);
    const paid = await postJson(server.url, '/v2/client/invoice/payment', { ...credentials(shop), invoices: [{ invoiceNumber: orderNumber, amount: '10.00', description: 'Bank' }] });
    assert.equal(paid.body.invoices[0].code, 200, paid.text);
    const opened = await postJson(server.url, '/v2/client/order/dispute', {
      ...credentials(shop), invoice: orderNumber, category: 1, customerEmail: 'klant@example.nl', customerName: 'Jan de Vries', message: 'Nooit aangekomen.',
    });
    assert.equal(opened.status, 200, opened.text);
    const resolved = await postJson(server.url, '/v2/client/order/dispute/resolve', { ...credentials(shop), id: opened.body.id, resolution: 'Toch bezorgd' });
    assert.equal(resolved.status, 200, resolved.text);
    // Sent 3 days after the start, paid out 14 days after the start, Reminder 1 the day after the due date.
    const advanced = await postJson(server.url, '/v2/sandbox/clock/advance', { ...credentials(shop), days: 20 });
    assert.equal(advanced.body.result, 'MSG', advanced.text);
  });
  after(async () => {
    await receiver.close();
    await server.close();
  });

  test('the answer holds every fact oldest first, each event with its webhook attempts, and what happens next on the merchant clock', async () => {
    const before = await postJson(server.url, '/v2/sandbox/clock', credentials(shop));
    const answer = await postJson(server.url, PATH, { ...credentials(shop), invoiceNumber: orderNumber });
    const after = await postJson(server.url, '/v2/sandbox/clock', credentials(shop));
    assert.equal(answer.status, 200);
    const body = answer.body;
    assert.equal(body.result, 'MSG', answer.text);
    assert.deepEqual(
      { number: body.invoice.invoiceNumber, order: body.invoice.orderNumber, paid: body.invoice.paid, paidCents: body.invoice.paidCents, step: body.invoice.step },
      { number: invoiceNumber, order: orderNumber, paid: '10.00', paidCents: 1000, step: 'reminder' },
    );
    // `now` is the merchant's clock, 20 days ahead of real time: between two reads of that clock.
    assert.equal(after.body.offsetMs, 20 * 86_400_000);
    assert.ok(Date.parse(before.body.now) <= Date.parse(body.now) && Date.parse(body.now) <= Date.parse(after.body.now));

    const entries = body.entries as Entry[];
    const times = entries.map((entry) => Date.parse(entry.at));
    assert.deepEqual(times, [...times].sort((a, b) => a - b), 'oldest first');
    const kinds = new Set(entries.map((entry) => entry.kind));
    for (const kind of ['order_placed', 'workflow_started', 'payment', 'dispute_opened', 'dispute_resolved', 'step', 'mail', 'settlement']) {
      assert.ok(kinds.has(kind), `a ${kind} entry`);
    }
    const payment = entries.find((entry) => entry.kind === 'payment')!;
    assert.deepEqual([payment.amount, payment.amountCents, payment.description, payment.channel], ['10.00', 1000, 'Bank', 'merchant']);
    assert.deepEqual(entries.filter((entry) => entry.kind === 'step').map((entry) => entry.step), ['Wait for payment', 'Reminder 1']);
    const mails = entries.filter((entry) => entry.kind === 'mail');
    assert.deepEqual(mails.map((mail) => [mail.mail, mail.reminderNumber, mail.state]), [['invoice', null, 'sent'], ['reminder', 1, 'sent']]);
    assert.ok(mails.every((mail) => typeof mail.subject === 'string' && mail.subject.includes(invoiceNumber) && mail.sentAt));
    const resolved = entries.find((entry) => entry.kind === 'dispute_resolved')!;
    assert.equal(resolved.resolution, 'Toch bezorgd');
    const settlement = entries.find((entry) => entry.kind === 'settlement')!;
    assert.equal(settlement.settlement, 'payout');
    assert.equal(settlement.grossCents - settlement.feeCents, settlement.netCents);

    // The start's webhook was delivered on the clock advance: its attempt is under the entry's event.
    const started = entries.find((entry) => entry.kind === 'workflow_started')!;
    assert.deepEqual(started.events.map((event: { type: string }) => event.type), ['order_workflow_started']);
    const [hook] = started.events[0].webhooks;
    assert.equal(hook.url, receiver.url('/orders'));
    assert.deepEqual(hook.attempts.map((attempt: { number: number; httpStatus: number }) => [attempt.number, attempt.httpStatus]), [[1, 200]]);
    assert.deepEqual(payment.events.map((event: { type: string; webhooks: unknown[] }) => [event.type, event.webhooks.length]), [['partial_payment_added', 1]]);
    // Every event of the outbox is somewhere: under its fact or, if none accounts for it, on its own.
    const placed = entries.find((entry) => entry.kind === 'order_placed')!;
    assert.deepEqual(placed.events.map((event: { type: string }) => event.type), ['order_placed']);

    assert.equal(body.upcoming[0].timer, 'final_notice');
    assert.ok(Date.parse(body.upcoming[0].at) > Date.parse(body.now));
    assert.equal(body.paused, null);
  });

  test('the Billink invoice number finds the same invoice as the order number', async () => {
    const byOrder = await postJson(server.url, PATH, { ...credentials(shop), invoiceNumber: orderNumber });
    const byInvoice = await postJson(server.url, PATH, { ...credentials(shop), invoiceNumber });
    assert.deepEqual({ ...byInvoice.body, now: undefined }, { ...byOrder.body, now: undefined });
  });

  test('an unknown invoice, another merchant’s invoice, a missing number and wrong credentials get the endpoint’s codes', async () => {
    const refused = async (body: unknown) => {
      const answer = await postJson(server.url, PATH, body);
      assert.equal(answer.status, 200);
      assert.equal(answer.body.result, 'error', answer.text);
      return [answer.body.code, answer.body.description];
    };
    assert.deepEqual(await refused({ ...credentials(shop), invoiceNumber: 'NO-SUCH-ORDER' }), ['402', 'Unknown invoice number or workflow number']);
    assert.deepEqual(await refused({ ...credentials(other), invoiceNumber: orderNumber }), ['402', 'Unknown invoice number or workflow number']);
    assert.deepEqual(await refused({ ...credentials(shop), invoiceNumber: orderNumber, workflowNumber: 3 }), ['402', 'Unknown invoice number or workflow number']);
    assert.deepEqual(await refused({ ...credentials(shop) }), ['401', 'Missing invoice number']);
    assert.equal((await refused({ ...credentials(shop), billinkID: 'f'.repeat(40), invoiceNumber: orderNumber }))[0], '102');
    assert.equal((await refused('{"billinkUsername":')).at(0), '601');
  });
});
