/**
 * Registers one webhook route of the v2 API (spec §4.3): credentials checked for presence first
 * (400 "billinkUsername parameter missing" / "billinkID parameter missing"), then the use case,
 * whose errors map through the route's table to an HTTP status and Billink's message. Anything
 * unexpected is the route's own 500 message and a log line, never a stack trace.
 */
import type { FastifyInstance } from 'fastify';
import type {} from '@fastify/swagger';
import type { AuthError } from '../../../core/shared/errors.js';
import { isDomainError } from '../../../core/shared/errors.js';
import type { Credentials } from '../../../core/webhooks/manage-webhooks.js';
import { readCredentials } from '../v2-credentials.js';
import { statusError } from '../v2-errors.js';
import { isAuthFailure, TOO_MANY_FAILURES } from '../../failed-auth-limit.js';
import type { V2Context } from '../v2-context.js';
import { contextOf } from '../request-context.js';

/** The HTTP status and message for each core error code; the compiler checks every code is there. */
export type WebhookErrorTable<Code extends string> = Record<Code | AuthError, readonly [400 | 404 | 500, string]>;

export const CLIENT_NOT_FOUND = [404, 'Client not found'] as const;
export const AUTH_ANSWERS: Record<AuthError, readonly [404, string]> = { username_unknown: CLIENT_NOT_FOUND, client_id_wrong: CLIENT_NOT_FOUND };

export const STATUS_ERROR_SCHEMA = {
  type: 'object',
  properties: { status: { const: 'error' }, message: { type: 'string' } },
  required: ['status', 'message'],
} as const;

export const CREDENTIAL_PROPERTIES = {
  billinkUsername: { type: 'string' },
  billinkID: { type: 'string', description: 'The 40-hex client id' },
} as const;

export interface WebhookRoute<Code extends string> {
  path: string;
  summary: string;
  /** Body properties besides the credentials. */
  properties?: Record<string, unknown>;
  response: Record<string, unknown>;
  errors: WebhookErrorTable<Code>;
  /** The 500 message, e.g. "Could not set webhook". */
  failure: string;
  /** OpenAPI tags; the webhook routes' by default. */
  tags?: string[];
  /** `context` is the request's: bound to its transaction for a keyed write (request-context.ts). */
  handle(credentials: Credentials, body: Record<string, unknown>, context: V2Context): Promise<Record<string, unknown>>;
}

export function registerWebhookRoute<Code extends string>(app: FastifyInstance, shared: V2Context, route: WebhookRoute<Code>): void {
  const { authLimit } = shared;
  const schema = {
    summary: route.summary,
    tags: route.tags ?? ['v2', 'webhooks'],
    body: { type: 'object', properties: { ...CREDENTIAL_PROPERTIES, ...route.properties }, required: ['billinkUsername', 'billinkID'] },
    response: { 200: route.response, 400: STATUS_ERROR_SCHEMA, 404: STATUS_ERROR_SCHEMA, 429: STATUS_ERROR_SCHEMA, 500: STATUS_ERROR_SCHEMA },
  };
  app.post(route.path, { schema }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const credentials = readCredentials(body);
    if (!credentials.username) return reply.code(400).send(statusError('billinkUsername parameter missing'));
    if (!credentials.clientId) return reply.code(400).send(statusError('billinkID parameter missing'));
    // The use case authenticates; failures count against the source's limit (docs/security.md).
    const limited = () => reply.code(429).header('retry-after', authLimit.retryAfterSeconds()).send(TOO_MANY_FAILURES);
    if (authLimit.blocked(request.ip)) return limited();
    try {
      const answer = await route.handle(credentials, body, contextOf(request, shared));
      request.merchantUsername = credentials.username;
      return answer;
    } catch (error) {
      if (isAuthFailure(error) && (await authLimit.failed(request.ip))) return limited();
      if (isDomainError(error) && Object.hasOwn(route.errors, error.code)) {
        const [status, message] = route.errors[error.code as Code | AuthError];
        return reply.code(status).send(statusError(message));
      }
      request.log.error({ err: error }, 'unexpected error in webhook API');
      return reply.code(500).send(statusError(route.failure));
    }
  });
}
