import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { XMLParser } from 'fast-xml-parser';
import { IDEMPOTENT_WRITES } from '../../src/api/billink-v2/idempotent-writes.js';
import { BY_PATH } from '../../src/api/billink-legacy/actions.js';
import { INVOICE_EVENTS } from '../../src/core/shared/events.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { BuckarooClient } from '../support/buckaroo-client.js';

/** Routes that are no part of a JSON wire: the document itself, and the HTML page after a BillBlend sale. */
const UNDOCUMENTED = new Set(['GET /v2/openapi.json', 'GET /checkout/dapi/v1/finished']);
/** The JSON surfaces the document covers: Billink v2 and BillBlend's DAPI (docs/billblend.md). */
const DOCUMENTED_PREFIXES = ['/v2/', '/checkout/dapi/'];
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/**
 * Warnings of the recommended rules that the contracts make unavoidable; every other finding fails.
 * - operation-4xx-response: Billink answers errors of the XML API and of these v2 reads with HTTP 200
 *   and an error body (spec §1.2, §7.2), so they have no 4xx to document; the sandbox clock answers
 *   like the v2 management calls it sits beside.
 * - no-invalid-media-type-examples on XML bodies: the linter reads an XML example as a JSON string;
 *   the XML examples are checked against their schemas by a test below instead.
 */
function expectedWarning(problem: { ruleId: string; location: { pointer?: string }[] }): boolean {
  const pointer = problem.location[0]?.pointer ?? '';
  if (problem.ruleId === 'operation-4xx-response') {
    return /^#\/paths\/~1api~1/.test(pointer) || ['order~1info', 'webshop-settings', 'password~1{token}', 'sandbox~1clock', 'client~1workflows', 'client~1requests', 'invoice~1timeline'].some((path) => pointer.includes(path));
  }
  return problem.ruleId === 'no-invalid-media-type-examples' && /\/(application|text)~1xml\/example$/.test(pointer);
}

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
  let document: Record<string, any>;
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
    const documented = (path: string) => DOCUMENTED_PREFIXES.some((prefix) => path.startsWith(prefix));
    const onServer = [...serverRoutes(server)].filter((route) => documented(route.split(' ')[1]!) && !UNDOCUMENTED.has(route));
    const inDocument = Object.entries<Record<string, unknown>>(document.paths)
      .filter(([path]) => documented(path))
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
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
    for (const [path, operations] of Object.entries<Record<string, any>>(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        assert.ok(operation.summary, `${method} ${path} has no summary`);
        assert.ok(operation.responses && '200' in operation.responses, `${method} ${path} documents no 200 answer`);
      }
    }
  });

  test('names its server, its security schemes, and every operation with a unique id', () => {
    assert.deepEqual(document.servers, [{ url: '/', description: 'The server that serves this document' }]);
    assert.deepEqual(Object.keys(document.components.securitySchemes).sort(), ['buckarooHmac', 'partnerBearer', 'partnerKey']);
    const ids: string[] = [];
    for (const operations of [...Object.values<any>(document.paths), ...Object.values<any>(document.webhooks)]) {
      for (const method of METHODS) {
        if (!operations[method]) continue;
        assert.match(operations[method].operationId, /^[A-Za-z][A-Za-z0-9]*$/);
        assert.ok(Array.isArray(operations[method].security), `${operations[method].operationId} states its security`);
        ids.push(operations[method].operationId);
      }
    }
    assert.equal(new Set(ids).size, ids.length, 'operation ids are unique');
    assert.equal(document.paths['/v2/client/invoice/credit'].post.operationId, 'postV2ClientInvoiceCredit');
    assert.deepEqual(document.paths['/v2/partner/merchant/create'].post.security, [{ partnerKey: [] }, { partnerBearer: [] }]);
  });

  test('documents the Idempotency-Key header and the 422 refusal on exactly the v2 writes', () => {
    const keyed = Object.entries<any>(document.paths)
      .filter(([, operations]) => operations.post?.parameters?.some((parameter: any) => parameter.name === 'Idempotency-Key'))
      .map(([path]) => path)
      .sort();
    assert.deepEqual(keyed, [...IDEMPOTENT_WRITES.keys()].sort());
    for (const path of keyed) assert.ok(document.paths[path].post.responses['422'], `${path} documents 422`);
    assert.equal(document.paths['/v2/client/order/message'].post.requestBody.content['application/json'].schema.properties.idempotencyKey.type, 'string');
  });

  test('has a webhooks section with every order event and every session change, with the real payloads', () => {
    const names = Object.keys(document.webhooks);
    for (const event of INVOICE_EVENTS) {
      assert.ok(names.includes(event), `${event} is described`);
      assert.equal(document.webhooks[event].post.requestBody.content['application/json'].example.event, event);
    }
    assert.deepEqual(names.filter((name) => name.startsWith('session_')).sort(), ['session_cancelled', 'session_expired', 'session_failed', 'session_order_created']);
    assert.equal(document.webhooks.session_order_created.post.requestBody.content['application/json'].example.status, 'order_created');
  });

  test('describes every legacy XML service with an XML body whose example fits its schema', () => {
    const reader = new XMLParser({ parseTagValue: false, ignoreDeclaration: true, isArray: (_name, path) => /^API\.[A-Z]+\.ITEM$/.test(String(path)) });
    for (const service of Object.keys(BY_PATH)) {
      const operation = document.paths[`/api/${service}`]?.post;
      assert.ok(operation, `${service} is described`);
      assert.deepEqual(operation.tags, ['legacy']);
      const body = operation.requestBody.content['application/xml'];
      const api = reader.parse(body.example).API as Record<string, unknown>;
      for (const field of body.schema.required) assert.ok(field in api, `${service}: the example has ${field}`);
      for (const field of Object.keys(api)) assert.ok(field in body.schema.properties, `${service}: ${field} is in the schema`);
      for (const [field, value] of Object.entries(api)) {
        const expected = body.schema.properties[field].type === 'array' ? 'object' : 'string';
        assert.equal(typeof value, expected, `${service}: ${field} is ${expected}`);
      }
      const answer = reader.parse(operation.responses['200'].content['text/xml'].example).API as Record<string, unknown>;
      assert.equal(answer.RESULT, 'MSG');
    }
  });

  test('describes the Buckaroo gateway under /json/, each call signed and answered by the server as documented', async () => {
    const client = new BuckarooClient(server.url);
    const documented = Object.keys(document.paths).filter((path) => path.startsWith('/json/'));
    assert.ok(documented.length >= 10, documented.join(', '));
    for (const path of documented) {
      for (const method of METHODS) {
        const operation = document.paths[path][method];
        if (!operation) continue;
        assert.deepEqual(operation.security, [{ buckarooHmac: [] }], path);
        assert.deepEqual(operation.tags, ['buckaroo'], path);
        const example = operation.requestBody?.content['application/json'].example;
        const url = path.replace('{key}', '4E8BD922192746C3918BF4077C000000').replace('{service}', 'billink');
        const answer = await client.send(method.toUpperCase() as 'GET' | 'POST', url, example);
        // An unknown key is the 404 "Transaction not found."; only a path the gateway lacks is "No such endpoint.".
        assert.notEqual(answer.json?.Message, 'No such endpoint.', `${method} ${path}`);
        assert.ok(String(answer.status) in operation.responses, `${method} ${path} answered ${answer.status}`);
        assert.ok(answer.signedCorrectly, `${method} ${path} is signed`);
      }
    }
  });

  test('passes the recommended rules of the Redocly linter with no error and no unexplained warning', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
    const findings = problems.map((problem) => `${problem.severity} ${problem.ruleId} ${problem.location[0]?.pointer}: ${problem.message}`);
    assert.deepEqual(findings.filter((finding) => finding.startsWith('error')), []);
    assert.deepEqual(problems.filter((problem) => !expectedWarning(problem)).map((problem) => `${problem.ruleId} ${problem.location[0]?.pointer}`), []);
  });

  test('is the document written to docs/openapi.json (npm run docs:openapi)', () => {
    const written = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
    assert.deepEqual(document, written);
  });
});
