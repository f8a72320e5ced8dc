/**
 * The one OpenAPI 3.1 document of every surface (docs/v2-api.md "OpenAPI document"). The JSON
 * operations come from the route schemas through @fastify/swagger, so they cannot drift from what
 * the server runs; this module adds what no route schema says: servers, security, operation ids,
 * tags, examples, the legacy XML services and the webhooks the server posts.
 *
 * Surfaces join by tag: a route whose schema has `tags: ['buckaroo']` (or any tag) appears with
 * its contract's group; TAGS below gives known groups their description and order.
 */
import { legacyOpenApiPaths } from '../billink-legacy/openapi.js';
import { BUCKAROO_SECURITY_SCHEME, buckarooOpenApiPaths } from '../buckaroo/openapi.js';
import { V2_EXAMPLES } from '../billink-v2/openapi-examples.js';
import { webhookEvents } from './webhook-events.js';

type Json = Record<string, any>;

/** Known groups in the order a reader meets them; a tag not listed here is added after them. */
export const TAGS: readonly { name: string; description: string }[] = [
  { name: 'v2', description: "Billink's v2 JSON API: order management, reconciliation, partners (docs/v2-api.md)" },
  { name: 'webhooks', description: 'Webhook subscriptions and the delivery log, and the events the server posts (docs/webhooks.md)' },
  { name: 'legacy', description: "Billink's legacy XML API under /api/<service> and /v1/client/<service> (docs/legacy-api.md)" },
  { name: 'sandbox', description: 'Sandbox test clocks and triggers' },
  { name: 'buckaroo', description: "The Buckaroo-style PSP gateway under /json/, Billink service (docs/buckaroo.md)" },
  { name: 'billblend', description: 'The BillBlend-style sale-status API' },
];

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

const DESCRIPTION = [
  'Achteraf answers Billink\'s merchant API: point an existing Billink client at this server by changing only its base URL.',
  '',
  'Merchant credentials travel in the request body, not in headers: `billinkUsername` and `billinkID` on v2,',
  '`CLIENTUSERNAME` and `CLIENTID` in the legacy XML. Partners creating merchants send their key as',
  '`X-Partner-Key` or `Authorization: Bearer`.',
  '',
  'Every v2 write accepts an `Idempotency-Key` header (or an `idempotencyKey` body field): a repeat with the same',
  'key and body replays the first answer, with `Idempotent-Replayed: true` (docs/v2-api.md "Idempotency keys").',
].join('\n');

/** Turns @fastify/swagger's output into the complete document. */
export function completeDocument(swaggerOutput: Json): Json {
  // @fastify/swagger hands out its cached document: work on a copy.
  const generated = structuredClone(swaggerOutput);
  const paths: Json = { ...generated.paths, ...legacyOpenApiPaths(), ...buckarooOpenApiPaths() };
  for (const [path, item] of Object.entries<Json>(paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      operation.operationId ??= operationId(method, path);
      operation.security ??= securityOf(operation);
      applyExamples(operation, V2_EXAMPLES[`${method.toUpperCase()} ${path}`]);
    }
  }
  const webhooks = webhookEvents();
  return {
    openapi: '3.1.0',
    info: {
      title: 'Achteraf API',
      version: '2',
      summary: 'Pay after delivery, wire-compatible with Billink',
      description: DESCRIPTION,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'The server that serves this document' }],
    tags: tagsOf([paths, webhooks]),
    paths: sortedPaths(paths),
    webhooks,
    components: {
      ...generated.components,
      securitySchemes: {
        partnerKey: { type: 'apiKey', in: 'header', name: 'X-Partner-Key', description: 'PARTNER_API_KEY, for merchant creation' },
        partnerBearer: { type: 'http', scheme: 'bearer', description: 'PARTNER_API_KEY as a bearer token, for merchant creation' },
        buckarooHmac: BUCKAROO_SECURITY_SCHEME,
      },
    },
  };
}

/** `POST /v2/client/invoice/credit` → `postV2ClientInvoiceCredit`; a `{param}` reads `ByParam`. */
export function operationId(method: string, path: string): string {
  const words = path
    .split('/')
    .filter(Boolean)
    .map((segment) => (segment.startsWith('{') ? `by-${segment.slice(1, -1)}` : segment))
    .flatMap((segment) => segment.split(/[^A-Za-z0-9]+/))
    .filter(Boolean);
  return method + words.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
}

/**
 * Merchant credentials are body fields, which OpenAPI security cannot express: those operations
 * say `security: []` and describe the fields. Merchant creation takes the partner key, which
 * then leaves the header parameters.
 */
function securityOf(operation: Json): Json[] {
  const parameters: Json[] = operation.parameters ?? [];
  // Fastify names headers in lower case; the document uses the spelling of the IETF draft.
  for (const parameter of parameters) if (parameter.in === 'header' && parameter.name === 'idempotency-key') parameter.name = 'Idempotency-Key';
  const partner = parameters.some((parameter) => parameter.in === 'header' && parameter.name === 'x-partner-key');
  if (!partner) return [];
  operation.parameters = parameters.filter((parameter) => !(parameter.in === 'header' && ['x-partner-key', 'authorization'].includes(parameter.name)));
  return [{ partnerKey: [] }, { partnerBearer: [] }];
}

function applyExamples(operation: Json, examples: { request?: unknown; response?: unknown } | undefined): void {
  if (!examples) return;
  const body = operation.requestBody?.content?.['application/json'];
  if (body && examples.request !== undefined) body.example = examples.request;
  const answer = operation.responses?.['200']?.content?.['application/json'];
  if (answer && examples.response !== undefined) answer.example = examples.response;
}

function tagsOf(sections: Json[]): Json[] {
  const used = new Set<string>();
  for (const section of sections) {
    for (const item of Object.values<Json>(section)) {
      for (const method of METHODS) for (const tag of item[method]?.tags ?? []) used.add(tag);
    }
  }
  const known = TAGS.filter((tag) => used.has(tag.name));
  const others = [...used].filter((name) => !TAGS.some((tag) => tag.name === name)).sort();
  return [...known, ...others.map((name) => ({ name, description: `The ${name} operations` }))];
}

function sortedPaths(paths: Json): Json {
  return Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)));
}
