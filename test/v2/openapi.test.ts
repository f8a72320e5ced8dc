import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** Routes that are no part of a JSON wire: the document itself, and the HTML page after a BillBlend sale. */
const UNDOCUMENTED = new Set(['GET /v2/openapi.json', 'GET /checkout/dapi/v1/finished']);
/** The JSON surfaces the document covers: Billink v2 and BillBlend's DAPI (docs/billblend.md). */
const DOCUMENTED_PREFIXES = ['/v2/', '/checkout/dapi/'];

/**
 * Every route the server has, read from Fastify's route tree (`printRoutes`), as `METHOD /path`
 * with `:param` written `{param}` like OpenAPI. HEAD routes Fastify adds to each GET are left out.
 */
function serverRoutes(server: TestServer): Set<string> {
  const routes = new Set<string>();
  const stack: string[] = [];
  for (const line of server.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^((?:│ {3}| {4})*)[├└]── (\S+)(?: \(([^)]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + match[2];
    stack.push(path);
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim()).filter((m) => m && m !== 'HEAD')) {
      routes.add(`${method} ${path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`);
    }
  }
  return routes;
}

describe('the OpenAPI document of the v2 API', () => {
  let server: TestServer;
  let document: { openapi: string; paths: Record<string, Record<string, { summary?: string; responses?: object }>> };
  before(async () => {
    server = await startTestServer();
    const response = await fetch(`${server.url}/v2/openapi.json`);
    assert.equal(response.status, 200);
    document = (await response.json()) as typeof document;
  });
  after(() => server.close());

  test('is OpenAPI 3.1', () => {
    assert.equal(document.openapi, '3.1.0');
  });

  test('lists exactly the v2 routes the server answers, in both directions', () => {
    const onServer = [...serverRoutes(server)].filter(
      (route) => DOCUMENTED_PREFIXES.some((prefix) => route.split(' ')[1]!.startsWith(prefix)) && !UNDOCUMENTED.has(route),
    );
    const inDocument = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    assert.ok(onServer.includes('POST /v2/client/invoice/credit'), 'the route tree was not read');
    assert.ok(onServer.includes('GET /v2/merchant/password/{token}'), 'nested routes and parameters were not read');
    assert.ok(onServer.includes('POST /checkout/dapi/v1/sale/{endpointId}/{invoiceId}/status'), 'the BillBlend routes were not read');
    assert.deepEqual(
      onServer.filter((route) => !inDocument.includes(route)).sort(),
      [],
      'routes the server answers that the document leaves out',
    );
    assert.deepEqual(
      inDocument.filter((route) => !onServer.includes(route)).sort(),
      [],
      'routes the document lists that the server does not answer',
    );
  });

  test('gives every operation a summary and a 200 answer', () => {
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        assert.ok(operation.summary, `${method} ${path} has no summary`);
        assert.ok(operation.responses && '200' in operation.responses, `${method} ${path} documents no 200 answer`);
      }
    }
  });
});
