/**
 * Registers one order-management route of the v2 API: authenticate, hand the body to a handler
 * that calls a core use case, and map any core error through the endpoint's seed table into the
 * flat v2 error (HTTP 200, like Billink's).
 */
import type { FastifyInstance, FastifySchema } from 'fastify';
import type {} from '@fastify/swagger';
import { authenticateWithin, LIMITED } from '../failed-auth-limit.js';
import type { Merchant } from '../../core/merchants/merchant.js';
import { isDomainError } from '../../core/shared/errors.js';
import type { EndpointErrors } from '../billink-common/wire-error.js';
import { readCredentials } from './v2-credentials.js';
import type { V2Context } from './v2-context.js';
import { contextOf } from './request-context.js';
import { GENERIC_MANAGEMENT_ERROR, managementErrorFor } from './v2-errors.js';

export interface ManagementRoute {
  path: string;
  summary: string;
  /** OpenAPI tags; `v2` unless given. */
  tags?: readonly string[];
  /** JSON schemas of the body and the 200 answer, for the OpenAPI document. */
  body: Record<string, unknown>;
  response: Record<string, unknown>;
  errors: EndpointErrors;
  /** `context` is the request's: bound to its transaction for a keyed write (request-context.ts). */
  handle(merchant: Merchant, body: Record<string, unknown>, context: V2Context): Promise<unknown>;
}

export const MANAGEMENT_ERROR_SCHEMA = {
  type: 'object',
  description: 'Billink error: the code and description of the endpoint\'s table (docs/errors.md)',
  properties: {
    result: { const: 'error' },
    code: { type: 'string' },
    description: { type: 'string' },
    error: { type: 'object', properties: { code: { type: 'string' }, description: { type: 'string' } } },
  },
  required: ['result', 'code', 'description'],
} as const;

export function registerManagementRoute(app: FastifyInstance, shared: V2Context, route: ManagementRoute): void {
  const schema: FastifySchema = {
    summary: route.summary,
    tags: [...(route.tags ?? ['v2'])],
    body: { ...route.body, type: 'object' },
    response: { 200: { oneOf: [route.response, MANAGEMENT_ERROR_SCHEMA] } },
  };
  app.post(route.path, { schema }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const context = contextOf(request, shared);
    try {
      const { username, clientId } = readCredentials(body);
      const merchant = await authenticateWithin(context.authLimit, request, context.store.merchants, username, clientId);
      // Over the failed-authentication limit: as on the XML API (docs/security.md).
      if (merchant === LIMITED) return managementErrorFor(route.errors, route.errors.map.rate_limited ? 'rate_limited' : 'username_unknown');
      return await route.handle(merchant, body, context);
    } catch (error) {
      if (isDomainError(error)) {
        const wire = managementErrorFor(route.errors, error.code, error.params);
        if (wire) return wire;
      }
      request.log.error({ err: error }, 'unexpected error in v2 API');
      return reply.code(200).send(GENERIC_MANAGEMENT_ERROR);
    }
  });
}
