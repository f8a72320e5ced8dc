/**
 * The SDK cannot drift from the server: every v2 path it calls is an operation of the server's
 * own /v2/openapi.json (generated from the route schemas), every field it sends is a property
 * of that operation's request schema, and every answer field it reads is in the 200 schema.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { V2_PATHS } from '@achteraf/billink';
import { orderNumber, uniqueEmail } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { client, customer, placeOrder, recordingFetch, type Sent } from './sdk-fixtures.js';

type Schema = { properties?: Record<string, Schema>; items?: Schema; oneOf?: Schema[]; anyOf?: Schema[]; allOf?: Schema[] };
type Operation = { requestBody?: { content: Record<string, { schema: Schema }> }; responses: Record<string, { content?: Record<string, { schema: Schema }> }> };

/** The properties a schema allows, through oneOf/anyOf/allOf. */
function properties(schema: Schema | undefined): Record<string, Schema> {
  if (!schema) return {};
  return Object.assign({}, schema.properties, ...[...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])].map(properties));
}

/** Every path of keys in a JSON value that the schema does not describe. */
function undocumented(value: unknown, schema: Schema | undefined, at: string): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => undocumented(item, schema?.items, `${at}[${index}]`));
  if (value === null || typeof value !== 'object') return [];
  const allowed = properties(schema);
  return Object.entries(value).flatMap(([key, inner]) =>
    Object.hasOwn(allowed, key) ? undocumented(inner, allowed[key], `${at}.${key}`) : [`${at}.${key}`],
  );
}

/** What the SDK reads from each answer (packages/sdk/src/v2-api.js and webhooks.js). */
const READS: Record<string, string[]> = {
  '/v2/client/check': ['code', 'description', 'uuid'],
  '/v2/client/order': ['code', 'description', 'invoice'],
  '/v2/client/order/start-workflow': ['code', 'statuses'],
  '/v2/client/invoice/payment': ['code', 'invoices'],
  '/v2/client/invoice/credit': ['statuses'],
  '/v2/client/order/info': ['code', 'invoices'],
  '/v2/client/invoice/timeline': ['invoice', 'now', 'entries', 'upcoming', 'paused'],
  '/v2/client/order/on-hold': ['code', 'description'],
  '/v2/client/webshop-settings': ['minimum_paid_orders', 'period', 'total_amount_higher_than', 'whitelist'],
  '/v2/client/workflows': ['workflows'],
  '/v2/client/requests': ['requests'],
  '/v2/client/workflow/set': ['workflow'],
  '/v2/client/invoices': ['invoices', 'page', 'total_invoices', 'total_pages', 'master_client'],
  '/v2/session/create': ['sessionID', 'sessionURL', 'invoice', 'expiresAt', 'customerID', 'customInvoiceID'],
  '/v2/session/status': ['status'],
  '/v2/client/webhook-v3/secret/generate': ['secret'],
  '/v2/client/webhook/deliveries': ['page', 'pageSize', 'totalPages', 'totalDeliveries', 'deliveries'],
  '/v2/client/webhook/replay': ['deliveryId', 'webhookId'],
  '/v2/sandbox/clock': ['now', 'realNow', 'offsetMs', 'mode'],
  '/v2/sandbox/clock/advance': ['now', 'realNow', 'offsetMs', 'mode', 'from', 'steps', 'stepsApplied', 'emails', 'webhooks'],
  '/v2/sandbox/clock/reset': ['now', 'realNow', 'offsetMs', 'mode', 'from'],
  '/v2/client/order/dispute/list': ['disputes'],
  '/v2/client/checkout/return-domains/set': ['domains'],
  '/v2/client/buckaroo/credentials/rotate': ['websiteKey', 'secretKey'],
};

/** The 1x1 PNG signature is enough for the server's magic-byte check of an attachment. */
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('the SDK against the server\'s OpenAPI document', () => {
  let server: TestServer;
  let paths: Record<string, Record<string, Operation>>;
  before(async () => {
    server = await startTestServer({ env: { PARTNER_API_KEY: 'partner-key-for-the-sdk-tests-0123456789' } });
    paths = ((await (await fetch(`${server.url}/v2/openapi.json`)).json()) as { paths: typeof paths }).paths;
  });
  after(() => server.close());

  test('every path the SDK calls is a POST operation of the document', () => {
    const missing = Object.entries(V2_PATHS).filter(([, path]) => !paths[path]?.post).map(([name, path]) => `${name} ${path}`);
    assert.deepEqual(missing, []);
    assert.ok(paths['/v2/webhooks/stream']?.get, 'the webhook stream is documented');
  });

  test('every v2 POST operation of the document has an SDK method', () => {
    // The GET operations are a page for people (the change-password link) and the stream, which
    // webhooks.stream() reads.
    const offered = new Set(Object.values(V2_PATHS));
    const lacking = Object.entries(paths).filter(([path, operations]) => path.startsWith('/v2/') && operations.post && !offered.has(path)).map(([path]) => path);
    assert.deepEqual(lacking, []);
  });

  test('every field the SDK sends is in the operation\'s request schema', async () => {
    const sent: Sent[] = [];
    const billink = client(server.url, { fetch: recordingFetch(sent) });
    const person = customer({
      initials: 'J', houseExtension: 'A', email2: 'second@example.com', ip: '127.0.0.1', deliveryStreet: 'Rokin', deliveryHouseNumber: 2,
      deliveryHouseExtension: 'B', deliveryPostalCode: '1012KK', deliveryCity: 'Amsterdam', deliveryCountryCode: 'NL',
      deliveryAddressCompanyName: 'Shop', deliveryAddressFirstName: 'Jan', deliveryAddressLastName: 'Jansen',
    });
    const check = await billink.v2.check({ ...person, orderAmount: '104.85', payTrustScore: 5, backdoor: 1 });
    await billink.v2.order({
      ...person, orderNumber: orderNumber('DRIFT'), date: '21-11-2026', checkUuid: check.uuid!, currency: 'EUR', additionalText: 'x',
      trackAndTrace: 'T', bankAccountNumber: 'NL91ABNA0417164300', bankAccountHolder: 'J Doe', validateOrder: true,
      items: [{ code: 'A', description: 'B', quantity: 1, priceExcl: '10.00', vatRate: 21 }, { description: 'C', priceIncl: '1.00', vatRate: 9 }],
    });
    const { invoiceNumber } = await placeOrder(billink);
    await billink.v2.startWorkflow({ workflowNumber: 1, invoices: [{ invoiceNumber, workflowNumber: 1 }] });
    await billink.v2.payment({ workflowNumber: 1, invoices: [{ invoiceNumber, amount: '1.00', description: 'd', workflowNumber: 1 }] });
    await billink.v2.credit({ workflowNumber: 1, invoices: [{ invoiceNumber, amount: '1.00', description: 'd', workflowNumber: 1 }] });
    await billink.v2.onHold({ invoiceNumber, workflowNumber: 1, days: 3 });
    await billink.v2.resume({ invoiceNumber, workflowNumber: 1 });
    await billink.v2.orderInfo({ invoices: [invoiceNumber, { invoiceNumber, workflowNumber: 1 }] });
    await billink.v2.message({ invoiceNumber, workflowNumber: 1, message: 'm' });
    await billink.v2.invoiceTimeline({ invoiceNumber, workflowNumber: 1 });
    await billink.v2.webshopSettings();
    await billink.workflows.list();
    await billink.requests.list({ after: '0', limit: 5 });
    await billink.workflows.set({
      workflowNumber: 3, name: 'n', guaranteed: false, maxAmount: null, customerTypes: ['P', 'B'], paymentTermDays: 14, startDelayDays: 3,
      reminders: [{ waitDays: 7, fee: '0.00' }], finalNoticeWaitDays: 14, businessCompensation: '40.00',
      payout: { guaranteedAfterDays: 14, feeBasisPoints: 0, feeFixed: { cents: 0 } },
    });
    await billink.reconciliation.invoices({ page: 1, dateFrom: '2026-01-01', dateTo: '2026-12-31' });
    await billink.reconciliation.downloadInvoice({ invoiceNumber, workflowNumber: 1 });
    const session = await billink.sessions.create({
      workflowNumber: 1, options: { logoURL: 'https://shop.example/logo.svg' },
      returnURL: { successURL: 'https://s.example/ok', failURL: 'https://s.example/f', cancelURL: 'https://s.example/c', backURL: 'https://s.example/b' },
      customer: { type: 'p', firstName: 'A', lastName: 'B', initials: 'A', email: uniqueEmail(), mobile: '0612345678', gender: 'V', birthdate: '01-01-1990', payTrustScore: 1 },
      billingAddress: { street: 'Damrak', houseNumber: '1', houseExtension: 'A', postalCode: '1012LG', city: 'Amsterdam', countryCode: 'NL' },
      shippingAddress: { street: 'Damrak', houseNumber: '1', postalCode: '1012LG', city: 'Amsterdam', countryCode: 'NL' },
      transaction: {
        totalAmount: '4.95', totalTaxAmount: '0.86', purchaseCountry: 'NL', purchaseCurrency: 'EUR', orderNumber: orderNumber('DS'), customInvoiceID: 'C',
        orderItems: [{ code: 'A', name: 'B', description: 'C', quantity: 1, productAmount: '4.95', totalProductAmount: '4.95', productTaxAmount: '0.86', taxRate: 21 }],
      },
    });
    await billink.sessions.status({ sessionID: session.sessionID, billinkInvoiceNumber: session.invoice });
    await billink.webhooks.generateSecret();
    await billink.webhooks.setOrderWebhook({ url: 'http://127.0.0.1:9/hook' });
    await billink.webhooks.setOrderWebhook({ url: 'http://127.0.0.1:9/hook', signed: false });
    await billink.webhooks.setSessionWebhook({ url: 'http://127.0.0.1:9/hook' });
    await billink.webhooks.deliveries({ page: 1, pageSize: 5, state: 'pending' });
    await billink.webhooks.replay('1').catch(() => undefined);
    await billink.webhooks.disableOrderWebhook();
    await billink.webhooks.disableSessionWebhook();
    await billink.partners.setPassword({ token: 'none', password: 'x' }).catch(() => undefined);
    await billink.v2.sandbox.clock();
    await billink.v2.sandbox.advance({ hours: 1 });
    await billink.v2.sandbox.reset();
    const disputed = await placeOrder(billink);
    await billink.v2.startWorkflow({ invoices: [disputed.invoiceNumber] });
    const dispute = await billink.disputes.open({
      invoice: disputed.orderNumber, category: 5, customerEmail: 'klant@example.nl', customerName: 'K. Lant', locale: 'nl', message: 'm',
      fileName: 'foto.png', file: PNG,
    });
    await billink.disputes.list({ invoice: disputed.orderNumber, status: 'open' });
    await billink.disputes.get(dispute.id);
    await billink.disputes.resolve({ id: dispute.id, resolution: 'r' });
    await billink.sessions.setReturnDomains(['shop.example']);
    await billink.sessions.setReturnDomains([]);
    await billink.buckaroo.rotateCredentials();
    // Refused for a sandbox merchant's published key, but sent: its fields are what is checked here.
    await billink.billblend.rotateControlKey({ endpointId: '1001' }).catch(() => undefined);
    await billink.buckaroo.setPushUrl('https://shop.example/push');
    await billink.buckaroo.pushUrl();
    await billink.buckaroo.setPushUrl(null);
    await billink.billblend.setCallbackUrl({ endpointId: '1001', url: 'https://shop.example/callback' });
    await billink.billblend.callbackUrls();
    await billink.billblend.setCallbackUrl({ endpointId: '1001', url: null });

    const called = new Set(sent.map((request) => new URL(request.url).pathname));
    const uncovered = Object.values(V2_PATHS).filter((path) => !called.has(path) && path !== V2_PATHS.createMerchant);
    assert.deepEqual(uncovered, [], 'every SDK path is exercised here (merchant create has its own fields test in v2.test.ts)');
    const problems = sent.flatMap((request) => {
      const path = new URL(request.url).pathname;
      const schema = paths[path]?.post?.requestBody?.content['application/json']?.schema;
      return undocumented(JSON.parse(request.body), schema, path);
    });
    assert.deepEqual(problems, []);
  });

  test('every answer field the SDK reads is in the operation\'s 200 schema', () => {
    const problems = Object.entries(READS).flatMap(([path, fields]) => {
      const schema = paths[path]?.post?.responses['200']?.content?.['application/json']?.schema;
      const allowed = properties(schema);
      return fields.filter((field) => !Object.hasOwn(allowed, field)).map((field) => `${path} ${field}`);
    });
    assert.deepEqual(problems, []);
  });
});
