/**
 * Request bodies as real clients send them (spec buckaroo.md §3, §4.2): seed 003's own example,
 * the .NET SDK's camelCase, values as strings or numbers, a Capture with articles but no GroupID,
 * a business customer, and the Node SDK's `Mr.` and DD-MM-YYYY birth dates.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { articleParameters, ARTICLES, BuckarooClient, followUp, freshPerson, orderRequest } from '../support/buckaroo-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** Turns every property name into camelCase, as Newtonsoft's CamelCasePropertyNamesContractResolver does for the .NET SDK. */
function camelCase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCase);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key[0]!.toLowerCase() + key.slice(1), camelCase(item)]));
  }
  return value;
}

/** Every parameter value as a string, as the seed's example and the PHP SDK send most of them. */
function valuesAsStrings<T extends { Services: { ServiceList: { Parameters: { Value: unknown }[] }[] } }>(request: T): T {
  for (const service of request.Services.ServiceList) for (const parameter of service.Parameters) parameter.Value = String(parameter.Value);
  return request;
}

describe('Buckaroo request leniency', () => {
  let server: TestServer;
  let client: BuckarooClient;
  before(async () => {
    server = await startTestServer();
    client = new BuckarooClient(server.url);
  });
  after(() => server.close());

  const invoice = async (key: string) =>
    (await server.store.db.query<{ merchant_number: string; customer: { type: string; sex: string; birthDate: string; companyName?: string }; total: number; track_and_trace: string | null }>(
      'SELECT i.merchant_number, i.customer, i.total, i.track_and_trace FROM invoices i JOIN buckaroo_transactions t ON t.invoice_id = i.id WHERE t.key = $1',
      [key],
    ))[0];

  test("seed 003's Pay example is accepted as printed (with a real e-mail address) and places its order", async () => {
    const example = JSON.parse(readFileSync(new URL('./fixtures/seed-003-pay.json', import.meta.url), 'utf8'));
    const answer = (await client.transaction(example)).json;
    assert.equal(answer.Status.Code.Code, 190, JSON.stringify(answer.RequestErrors));
    assert.equal(answer.Invoice, 'TestInvoice 123');
    assert.equal(answer.AmountDebit, 10);
    const row = await invoice(answer.Key);
    assert.equal(row?.merchant_number, 'TestInvoice-123', 'characters an order number cannot hold become a dash');
    assert.equal(row?.customer.sex, 'M');
    assert.equal(row?.customer.birthDate, '1990-01-01');
    assert.equal(row?.total, 1000);
    assert.equal(row?.track_and_trace, 'TR0F123456789');
  });

  test('the .NET SDK camelCase body is read like the PascalCase one', async () => {
    const answer = (await client.transaction(camelCase(orderRequest('Pay')))).json;
    assert.equal(answer.Status.Code.Code, 190, JSON.stringify(answer.RequestErrors));
  });

  test('parameter values may be strings or numbers, and amounts numbers with or without decimals', async () => {
    const request = valuesAsStrings(orderRequest('Authorize', { articles: [{ ...ARTICLES[0]!, quantity: 1, price: 25 }], amountDebit: 25 }));
    const answer = (await client.transaction(request)).json;
    assert.equal(answer.Status.Code.Code, 190, JSON.stringify(answer.RequestErrors));
    assert.equal((await invoice(answer.Key))?.total, 2500);
  });

  test("a Capture carrying articles without GroupID, as the Node SDK sends them, is taken", async () => {
    const authorization = (await client.transaction(orderRequest('Authorize'))).json;
    const capture = (await client.transaction(followUp('Capture', authorization.Key, 100.3, articleParameters(ARTICLES, false)))).json;
    assert.equal(capture.Status.Code.Code, 190, JSON.stringify(capture.RequestErrors));
  });

  test('a B2B customer gives CareOf as the company name and ChamberOfCommerce', async () => {
    const person = freshPerson({ category: 'B2B', careOf: 'Speelgoed B.V.', chamberOfCommerce: '12345678', birthDate: '1990-01-01' });
    const answer = (await client.transaction(orderRequest('Pay', { person }))).json;
    assert.equal(answer.Status.Code.Code, 190, JSON.stringify(answer.RequestErrors));
    const row = await invoice(answer.Key);
    assert.equal(row?.customer.type, 'B');
    assert.equal(row?.customer.companyName, 'Speelgoed B.V.');
  });

  test('a B2B customer without ChamberOfCommerce is a 491 naming that parameter', async () => {
    const person = freshPerson({ category: 'B2B', careOf: 'Speelgoed B.V.' });
    const answer = (await client.transaction(orderRequest('Pay', { person }))).json;
    assert.equal(answer.Status.Code.Code, 491);
    assert.equal(answer.RequestErrors.ParameterErrors[0].Name, 'BillingCustomer.ChamberOfCommerce');
  });

  test('Salutation accepts Male/Female/Unknown and the SDK test forms, BirthDate both date orders and a time', async () => {
    for (const [salutation, birthDate, sex] of [
      ['Female', '1990-01-31', 'V'],
      ['Mrs', '31-01-1990', 'V'],
      ['Unknown', '1990-01-31T00:00:00', 'O'],
    ] as const) {
      const answer = (await client.transaction(orderRequest('Pay', { person: freshPerson({ salutation, birthDate }) }))).json;
      assert.equal(answer.Status.Code.Code, 190, `${salutation}: ${JSON.stringify(answer.RequestErrors)}`);
      const row = await invoice(answer.Key);
      assert.equal(row?.customer.sex, sex);
      assert.equal(row?.customer.birthDate, '1990-01-31');
    }
  });

  test('an under-age customer and a wrong VAT percentage are 491s about their parameters', async () => {
    const young = (await client.transaction(orderRequest('Pay', { person: freshPerson({ birthDate: '01-01-2020' }) }))).json;
    assert.equal(young.Status.Code.Code, 491);
    assert.equal(young.RequestErrors.ParameterErrors[0].Name, 'BillingCustomer.BirthDate');
    const vat = (await client.transaction(orderRequest('Pay', { articles: [{ ...ARTICLES[0]!, vatPercentage: 8 }], amountDebit: 80.2 }))).json;
    assert.equal(vat.Status.Code.Code, 491);
    assert.equal(vat.RequestErrors.ParameterErrors[0].Name, 'Article.VatPercentage');
  });
});
