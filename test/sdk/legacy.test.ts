/**
 * The SDK's legacy XML methods against a real server: each sends the XML real clients send
 * (byte for byte the requests of docs/legacy-api.md, kept in test/golden/sdk-requests) and reads
 * the answer into typed results; refusals are BillinkApiError with the endpoint's wire code.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { BillinkApiError } from '@achteraf/billink';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { client, customer, ITEMS, placeOrder, recordingFetch, type Sent } from './sdk-fixtures.js';

function golden(name: string): string {
  return readFileSync(new URL(`../golden/sdk-requests/${name}.xml`, import.meta.url), 'utf8');
}

const DOC_CUSTOMER = {
  type: 'P', workflowNumber: 1, firstName: 'John', lastName: 'Doe', street: 'Damrak', houseNumber: 1, postalCode: '1234AB',
  city: 'Amsterdam', countryCode: 'NL', phoneNumber: '0612345678', birthDate: '01-01-1990', email: 'jan@example.com',
} as const;

describe('the SDK on the legacy XML API', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('every service sends exactly the XML of the documented client requests', async () => {
    const sent: Sent[] = [];
    const billink = client(server.url, { fetch: recordingFetch(sent), legacyPath: '/api' });
    const attempt = async (call: () => Promise<unknown>) => call().catch((error) => assert.ok(error instanceof BillinkApiError, String(error)));
    const invoice = 'O2026.11.0042';
    await attempt(() => billink.legacy.check({ ...DOC_CUSTOMER, orderAmount: '104.85' }));
    await attempt(() => billink.legacy.order({
      workflowNumber: 1, orderNumber: invoice, date: '21-11-2026', type: 'P', firstName: 'John', lastName: 'Doe', sex: 'M',
      birthDate: '01-01-1990', street: 'Damrak', houseNumber: 1, postalCode: '1234AB', city: 'Amsterdam', countryCode: 'NL',
      phoneNumber: '0612345678', email: 'jan@example.com', checkUuid: '5633617c-86c0-4e30-9b0d-da77f5c2cdf1',
      items: [
        { code: 'SKU-1', description: 'Wollen trui', quantity: 2, priceIncl: '49.95', vatRate: 21 },
        { code: '0001', description: 'Verzendkosten', quantity: 1, priceIncl: { cents: 495 }, vatRate: '21' },
      ],
    }));
    await attempt(() => billink.legacy.startWorkflow({ invoices: [invoice, 'NOPE'] }));
    await attempt(() => billink.legacy.status({ invoices: [invoice, { invoiceNumber: 'NOPE' }] }));
    await attempt(() => billink.legacy.payment({ invoices: [{ invoiceNumber: invoice, amount: { cents: 5000 }, description: 'Paid in the shop' }] }));
    await attempt(() => billink.legacy.credit({ invoices: [{ invoiceNumber: invoice, amount: '10', description: 'Returned one sweater' }] }));
    await attempt(() => billink.legacy.onHold({ workflowNumber: 1, invoiceNumber: invoice, days: 8 }));
    await attempt(() => billink.legacy.resume({ workflowNumber: 1, invoiceNumber: invoice }));
    await attempt(() => billink.legacy.message({ workflowNumber: 1, invoiceNumber: invoice, message: 'The customer will pay next week.' }));
    await attempt(() => billink.legacy.file({ workflowNumber: 1, invoiceNumber: invoice }));
    const names = ['check', 'order', 'start-workflow', 'status', 'payment', 'credit', 'on-hold', 'resume', 'message', 'file'];
    assert.equal(sent.length, names.length);
    names.forEach((name, index) => {
      assert.equal(sent[index]!.body, golden(name), `the ${name} request differs from test/golden/sdk-requests/${name}.xml`);
      // Resume goes to the on-hold path, as the client Billink's own suite ran does (spec §2.8).
      assert.equal(new URL(sent[index]!.url).pathname, `/api/${name === 'resume' ? 'on-hold' : name}`);
    });
  });

  test('a positive check carries the uuid and a declined check is a result, not an error', async () => {
    const billink = client(server.url);
    const approved = await billink.legacy.check({ ...customer(), orderAmount: '104.85' });
    assert.deepEqual({ ...approved, uuid: typeof approved.uuid }, { approved: true, code: '500', description: 'Advies=1', uuid: 'string' });
    const declined = await billink.legacy.check({ ...customer(), orderAmount: '104.85', backdoor: 2 });
    assert.deepEqual(declined, { approved: false, code: '501', description: 'Advies=0', uuid: undefined });
  });

  test('an order, its workflow, payment, credit, hold, resume, message, file and status work through the /v1/client paths', async () => {
    const billink = client(server.url);
    const { invoiceNumber } = await placeOrder(billink, 'legacy');
    assert.match(invoiceNumber, /^1TSTSDK-/);
    const started = await billink.legacy.startWorkflow({ invoices: [invoiceNumber, 'NOPE'] });
    assert.deepEqual(started.items.map((item) => [item.code, item.ok]), [[500, true], [-1, false]]);
    const paid = await billink.legacy.payment({ invoices: [{ invoiceNumber, amount: '10.00', description: 'Bank' }, { invoiceNumber: 'NOPE', amount: '1.00' }] });
    assert.equal(paid.code, '200');
    assert.deepEqual(paid.items[0], { invoiceNumber, code: 200, message: 'Payment applied: 10.00 EURO.', ok: true });
    assert.deepEqual([paid.items[1]!.code, paid.items[1]!.ok], [-1, false]);
    const credited = await billink.legacy.credit({ invoices: [{ invoiceNumber, amount: { cents: 150 } }] });
    assert.deepEqual(credited.items[0], { invoiceNumber, code: 200, message: 'Credit applied: 1.50 EURO.; step restarted.', ok: true });
    assert.match((await billink.legacy.onHold({ invoiceNumber, days: 5 })).description, /^Order is on hold until \d{4}-\d{2}-\d{2}$/);
    assert.deepEqual(await billink.legacy.resume({ invoiceNumber }), { code: '200', description: 'Order resumed' });
    assert.deepEqual(await billink.legacy.message({ invoiceNumber, message: 'Klant belt terug' }), { code: '200', description: 'Message added' });
    const file = await billink.legacy.file({ invoiceNumber });
    assert.equal((await fetch(file.url)).headers.get('content-type'), 'application/pdf');
    const status = await billink.legacy.status({ invoices: [invoiceNumber, 'NOPE'] });
    assert.deepEqual(status.invoices, [
      { invoiceNumber, status: 0, description: 'Wait for payment', paidOut: false }, // a guaranteed invoice is paid out on its payout day, 14 days after the start
      { invoiceNumber: 'NOPE', status: -1, description: 'Order not found' },
    ]);
  });

  test('a refusal is a BillinkApiError with the endpoint, its wire code and its text', async () => {
    const billink = client(server.url);
    await assert.rejects(billink.legacy.onHold({ invoiceNumber: 'NOPE' }), (error: unknown) => {
      assert.ok(error instanceof BillinkApiError);
      assert.deepEqual([error.endpoint, error.code, error.description], ['legacy on-hold', '402', 'Unknown invoice number or workflow number']);
      return true;
    });
    const stranger = client(server.url, { username: 'nobody' });
    await assert.rejects(stranger.legacy.status({ invoices: ['X'] }), { code: '101' });
  });

  test('amounts are decimal strings or integer cents; a JavaScript number is refused before anything is sent', async () => {
    const sent: Sent[] = [];
    const billink = client(server.url, { fetch: recordingFetch(sent) });
    await assert.rejects(billink.legacy.payment({ invoices: [{ invoiceNumber: 'X', amount: 10.5 as unknown as string }] }), TypeError);
    await assert.rejects(billink.legacy.credit({ invoices: [{ invoiceNumber: 'X', amount: '10.555' }] }), TypeError);
    assert.equal(sent.length, 0);
    const xml = billink.legacy.buildRequest('order', { ...customer(), orderNumber: 'A', date: '21-11-2026', checkUuid: 'u', items: ITEMS });
    assert.match(xml, /<PRICEINCL>49\.95<\/PRICEINCL>.*<PRICEINCL>4\.95<\/PRICEINCL>/);
  });
});
