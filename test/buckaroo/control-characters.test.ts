/**
 * Text that XML 1.0 or PostgreSQL cannot hold is a Buckaroo validation failure (491 with a
 * ParameterError), books nothing and never answers 500 (docs/security.md "Control characters").
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BuckarooClient, orderRequest } from '../support/buckaroo-client.js';
import { rowCounts } from '../support/row-counts.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('Buckaroo requests with characters no text may hold', () => {
  let server: TestServer;
  let client: BuckarooClient;
  before(async () => {
    server = await startTestServer();
    client = new BuckarooClient(server.url);
  });
  after(() => server.close());

  for (const [label, character] of [['a NUL', '\u0000'], ['U+FFFF', '\uFFFF'], ['a lone surrogate', '\uD800'], ['a bell', '\u0007']] as const) {
    test(`a Pay with ${label} in its description answers 491, is signed and places no order`, async () => {
      const before = await rowCounts(server);
      const request = { ...orderRequest('Pay'), Description: `Order ${character} 12` };
      const answer = await client.transaction(request);
      assert.equal(answer.status, 200);
      assert.ok(answer.signedCorrectly);
      assert.equal(answer.json.Status.Code.Code, 491);
      assert.match(answer.json.Key, /^[0-9A-F]{32}$/);
      assert.equal(answer.json.RequestErrors.ParameterErrors[0].Name, 'description');
      const after = await rowCounts(server);
      assert.equal(after.invoices, before.invoices);
      assert.equal(after.checks, before.checks);
    });
  }

  test('a NUL in an article parameter answers 491 naming the parameter and books nothing', async () => {
    const before = await rowCounts(server);
    const request = orderRequest('Pay') as { Services: { ServiceList: { Parameters: { Name: string; Value: unknown }[] }[] } };
    const parameter = request.Services.ServiceList[0]!.Parameters.find((p) => /description/i.test(p.Name))!;
    parameter.Value = 'Wollen\u0000trui';
    const answer = await client.transaction(request);
    assert.equal(answer.json.Status.Code.Code, 491);
    assert.match(answer.json.RequestErrors.ParameterErrors[0].Name, /parameters/);
    assert.equal((await rowCounts(server)).invoices, before.invoices);
  });
});
