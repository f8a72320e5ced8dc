/**
 * The legacy XML surface: POST /api/<service> and /v1/client/<service> (spec §1.1). Every answer
 * is HTTP 200 text/xml, errors included (spec §1.2).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticateWithin, LIMITED } from '../failed-auth-limit.js';
import { isDomainError } from '../../core/shared/errors.js';
import { hasForbiddenCharacter } from '../../core/shared/text-characters.js';
import { BY_PATH, endpointForAction } from './actions.js';
import type { LegacyContext, LegacyEndpoint } from './endpoint.js';
import { toWireError } from '../billink-common/wire-error.js';
import { parseLegacyXml } from './xml-request.js';
import { errorResponse } from './xml-response.js';

/**
 * The largest order Achteraf takes, 500 lines (core/orders/order-lines.ts), is about 110 KiB of XML
 * with 80-character descriptions; a 100-line order is about 23 KiB. 256 KiB leaves room for long
 * descriptions and refuses at once what no real request needs (docs/legacy-api.md "Bounded requests").
 */
export const MAX_BODY_BYTES = 256 * 1024;
const PARSE_ERROR = 'Errors parsing xml file';
/** In every seed table; the generic answer to anything unexpected, never a stack trace. */
const GENERIC_ERROR = { code: '603', description: 'Redirect Billink API error' };

export async function legacyRoutes(app: FastifyInstance, context: LegacyContext): Promise<void> {
  // Clients send text/xml, application/xml, form encoding or nothing at all: read every body as text.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_BODY_BYTES }, (_request, body, done) => done(null, body));

  // A body over the limit or unreadable never reaches the handler; answer it in the contract's shape.
  app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    if (error.statusCode && error.statusCode < 500) {
      return sendXml(reply, errorResponse('601', pathEndpoint(request)?.errors.catalogue['601'] ?? PARSE_ERROR));
    }
    request.log.error({ err: error }, 'unexpected error in legacy API');
    return sendXml(reply, errorResponse(GENERIC_ERROR.code, GENERIC_ERROR.description));
  });

  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const pathEndpointFound = pathEndpoint(request);
    const xml = await answer(context, request, pathEndpointFound);
    return sendXml(reply, xml);
  };
  app.post('/api/:service', handler);
  app.post('/v1/client/:service', handler);
}

function pathEndpoint(request: FastifyRequest): LegacyEndpoint | undefined {
  const service = (request.params as { service?: string }).service ?? '';
  return Object.hasOwn(BY_PATH, service) ? BY_PATH[service] : undefined;
}

async function answer(context: LegacyContext, request: FastifyRequest, byPath: LegacyEndpoint | undefined): Promise<string> {
  const parsed = parseLegacyXml(typeof request.body === 'string' ? request.body : '');
  if (!parsed.ok) return errorResponse('601', byPath?.errors.catalogue['601'] ?? PARSE_ERROR);
  const xml = parsed.request;

  const action = xml.text('ACTION');
  let endpoint = action ? endpointForAction(action) : byPath;
  const tableOwner = endpoint ?? byPath ?? BY_PATH.check!;
  const fail = (code: string) => {
    const wire = toWireError(tableOwner.errors, code) ?? GENERIC_ERROR;
    return errorResponse(wire.code, wire.description);
  };

  if (xml.text('VERSION')?.toUpperCase() !== 'BILLINK2.0') return fail('version_unknown');
  try {
    const merchant = await authenticateWithin(context.authLimit, request, context.store.merchants, xml.text('CLIENTUSERNAME'), xml.text('CLIENTID'), {
      freshClock: endpoint?.readsMerchantClock !== false,
    });
    // Over the failed-authentication limit: the table's "Request limit exceeded" where it has one
    // (Status 111), else its 101, whatever the credentials (docs/security.md).
    if (merchant === LIMITED) return fail((endpoint ?? tableOwner).errors.map.rate_limited ? 'rate_limited' : 'username_unknown');
    if (!endpoint) return fail('action_unknown');
    // XML 1.0 §2.2 forbids these characters anywhere in a document, so a request holding one is not
    // well-formed XML: 601, the code for a body we cannot parse, before any field is read. Checked
    // after authentication so that a bad character in CLIENTUSERNAME answers 101 like any unknown
    // name (docs/security.md "Control characters").
    if (hasForbiddenCharacter(request.body as string)) return errorResponse('601', endpoint.errors.catalogue['601'] ?? PARSE_ERROR);
    return await endpoint.handle(context, merchant, xml);
  } catch (error) {
    if (isDomainError(error)) {
      const wire = toWireError((endpoint ?? tableOwner).errors, error.code, error.params);
      if (wire) return errorResponse(wire.code, wire.description);
    }
    request.log.error({ err: error }, 'unexpected error in legacy API');
    return errorResponse(GENERIC_ERROR.code, GENERIC_ERROR.description);
  }
}

function sendXml(reply: FastifyReply, xml: string): FastifyReply {
  return reply.code(200).type('text/xml; charset=UTF-8').send(xml);
}
