import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { ManualClock } from '../../src/core/shared/clock.js';
import { USERTEST } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { call, JSON_CUSTOMER, JSON_ITEMS, type JsonAnswer, postJson } from './v2-client.js';

const GOLDEN_DIR = new URL('./golden/', import.meta.url);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/g;
const PARTNER_KEY = 'golden-partner-key-0123456789abcdefghij';

/**
 * The answer went over the wire as compact JSON, and, pretty-printed with its volatile values as
 * `{{NAME}}` placeholders, equals test/v2/golden/<name> exactly: keys, order, types and values.
 */
function assertGolden(name: string, answer: JsonAnswer, volatile: Record<string, string> = {}): void {
  assert.equal(answer.text, JSON.stringify(answer.body), `${name}: the wire text is not compact JSON`);
  let text = `${JSON.stringify(answer.body, null, 2)}\n`;
  for (const [placeholder, value] of Object.entries(volatile)) text = text.replaceAll(value, `{{${placeholder}}}`);
  text = text.replace(UUID, '{{UUID}}');
  assert.equal(text, readFileSync(new URL(name, GOLDEN_DIR), 'utf8'), `answer differs from test/v2/golden/${name}`);
}

describe('golden answers of the v2 JSON API', () => {
  let server: TestServer;
  before(async () => {
    const clock = new ManualClock(new Date('2026-11-21T09:00:00Z'));
    server = await startTestServer({ env: { PARTNER_API_KEY: PARTNER_KEY, PUBLIC_URL: 'https://pay.example.test' }, overrides: { clock } });
  });
  after(() => server.close());

  test('check and order answer in the shapes of docs/v2-api.md', async () => {
    const customer = { ...JSON_CUSTOMER, email: 'golden@example.com' };
    const check = await call(server.url, '/v2/client/check', { ...customer, orderAmount: '104.85' });
    assertGolden('check-positive.json', check);
    const order = await call(server.url, '/v2/client/order', {
      ...customer, orderNumber: 'KRKND-0001', date: '21-11-2026', checkUuid: check.body.uuid, orderItems: JSON_ITEMS,
    });
    assertGolden('order-added.json', order);
    assertGolden('check-negative.json', await call(server.url, '/v2/client/check', { ...customer, email: 'no+decline@example.com', orderAmount: 1 }));
  });

  test('start workflow, credit, payment, on hold, resume, order info and message answer like their goldens', async () => {
    assertGolden(
      'start-workflow.json',
      await call(server.url, '/v2/client/order/start-workflow', { invoices: [{ invoiceNumber: 'KRKND-0001' }, { invoiceNumber: 'KRKND-9999' }] }),
    );
    const credit = await call(server.url, '/v2/client/invoice/credit', {
      invoices: [{ creditAmount: 1.5, description: 'test credit', number: 'KRKND-0001' }],
    });
    // Byte for byte the answer of the seeds' v2 example ("API Versions").
    assert.equal(
      credit.text,
      '{"result":"MSG","statuses":[{"code":200,"invoiceNumber":"KRKND-0001","message":"Credit applied: 1.50 EURO.; step restarted."}]}',
    );
    assertGolden('credit.json', credit);
    assertGolden('payment.json', await call(server.url, '/v2/client/invoice/payment', { invoices: [{ invoiceNumber: 'KRKND-0001', amount: '10.00', description: 'Bank' }] }));
    assertGolden('on-hold.json', await call(server.url, '/v2/client/order/on-hold', { invoiceNumber: 'KRKND-0001', workflowNumber: 1, days: 5 }));
    assertGolden('resume.json', await call(server.url, '/v2/client/order/resume', { invoiceNumber: 'KRKND-0001', workflowNumber: 1 }));
    assertGolden('order-info.json', await call(server.url, '/v2/client/order/info', { invoices: [{ invoiceNumber: 'KRKND-0001' }, 'KRKND-9999'] }));
    assertGolden('message.json', await call(server.url, '/v2/client/order/message', { invoiceNumber: 'KRKND-0001', message: 'Klant belt terug' }));
  });

  test('webshop settings, the invoice list and both error shapes answer like their goldens', async () => {
    assertGolden('webshop-settings.json', await call(server.url, '/v2/client/webshop-settings'));
    const credentials = { billinkUsername: USERTEST.username, billinkId: USERTEST.clientId };
    assertGolden('invoices.json', await postJson(server.url, '/v2/client/invoices?page=1&date_from=2026-11-01', credentials));
    assertGolden('error-not-found.json', await postJson(server.url, '/v2/client/invoices?page=9', credentials));
    assertGolden('error-management.json', await call(server.url, '/v2/client/invoice/payment', { invoices: [] }));
  });

  test('a credit naming its workflow, at the top or on an item, answers like its goldens', async () => {
    const credit = (fields: Record<string, unknown>) => call(server.url, '/v2/client/invoice/credit', fields);
    assertGolden('credit-workflow.json', await credit({ workflowNumber: 1, invoices: [{ creditAmount: '0.50', description: 'return', number: 'KRKND-0001' }] }));
    assertGolden('credit-other-workflow.json', await credit({ invoices: [{ creditAmount: 1, number: 'KRKND-0001', workflowNumber: 2 }] }));
    assertGolden('credit-workflow-unknown.json', await credit({ workflowNumber: 9, invoices: [{ creditAmount: 1, number: 'KRKND-0001' }] }));
  });

  test('merchant creation answers like its golden', async () => {
    const answer = await postJson(
      server.url,
      '/v2/partner/merchant/create',
      {
        billinkUsername: 'partner', billinkID: 1, username: 'golden-shop', email: 'owner@example.com', companyName: 'Golden Goods',
        firstName: 'Anna', lastName: 'de Vries', phone: '0201234567', contactEmail: 'finance@example.com', contactPhone: '0207654321',
        street: 'Keizersgracht', houseNumber: '100', postCode: '1015AA', city: 'Amsterdam', countryCode: 'NL', cocNumber: '12345678',
        vatNumber: 'NL123456789B01', bankAccountNumber: 'NL91ABNA0417164300', bic: 'ABNANL2A', tnv: 'Golden Goods',
      },
      { 'content-type': 'application/json', 'x-partner-key': PARTNER_KEY },
    );
    assertGolden('merchant-created.json', answer, {
      UID: answer.body.uid,
      TOKEN: answer.body.changePasswordLink.split('/').pop(),
      WEBSITE_KEY: answer.body.buckaroo.websiteKey,
      SECRET_KEY: answer.body.buckaroo.secretKey,
    });
  });
});
