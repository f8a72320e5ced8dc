/**
 * POST /v2/session/create and POST /v2/session/status (spec §2.12, §2.13): the hosted checkout's
 * JSON side. Unlike order management these answer errors with HTTP statuses and
 * `{status: "error", message}`; the tables are in session-errors.ts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/swagger';
import { authenticateWithin, LIMITED, TOO_MANY_FAILURES } from '../../failed-auth-limit.js';
import type { Merchant } from '../../../core/merchants/merchant.js';
import { createSession } from '../../../core/sessions/create-session.js';
import { sessionStatus } from '../../../core/sessions/session-status.js';
import { isDomainError } from '../../../core/shared/errors.js';
import { checkoutPageUrl } from '../../checkout/checkout-url.js';
import { readCredentials, text, type V2Credentials } from '../v2-credentials.js';
import type { V2Context } from '../v2-context.js';
import { contextOf } from '../request-context.js';
import { badBodyMessage } from '../v2-errors.js';
import {
  createErrorBody, CREATE_SESSION_WIRE_ERRORS, INTERNAL_ERROR, SESSION_STATUS_WIRE_ERRORS, sessionWireError,
  type SessionWireError,
} from './session-errors.js';
import { readCreateSession, readSessionCredentials } from './session-request.js';
import { CREATE_SESSION_BODY, CREATE_SESSION_SUCCESS, STATUS_BODY, STATUS_ERROR, STATUS_SUCCESS } from './session-schemas.js';

type Body = Record<string, unknown>;
type Table = Readonly<Record<string, SessionWireError>>;

export function sessionRoutes(app: FastifyInstance, shared: V2Context): void {
  app.register(async (scope) => {
    // A body that is not JSON gets each endpoint's own error shape.
    scope.setErrorHandler((error: { statusCode?: number; badCharacter?: string }, request, reply) => {
      const clientError = error.statusCode !== undefined && error.statusCode < 500;
      if (!clientError) request.log.error({ err: error }, 'unexpected error in session API');
      const wire: SessionWireError = clientError ? { httpStatus: 400, message: badBodyMessage(error) } : INTERNAL_ERROR;
      const body = request.url.startsWith('/v2/session/create') ? createErrorBody(wire) : statusBody(wire);
      return reply.code(wire.httpStatus).send(body);
    });

    scope.post('/v2/session/create', {
      schema: {
        summary: 'Create a hosted checkout session',
        tags: ['v2'],
        body: CREATE_SESSION_BODY,
        response: { 200: CREATE_SESSION_SUCCESS, 400: STATUS_ERROR, 404: STATUS_ERROR, 429: STATUS_ERROR, 500: STATUS_ERROR },
      },
    }, (request, reply) =>
      answer(request, reply, readSessionCredentials(body(request)), CREATE_SESSION_WIRE_ERRORS, createErrorBody, async (merchant, context) => {
        const session = await createSession(context, merchant, readCreateSession(body(request)));
        return {
          status: 'success',
          sessionID: session.id,
          sessionURL: checkoutPageUrl(context.links.baseUrl, session.id),
          invoice: session.invoiceNumber,
          expiresAt: session.expiresAt.toISOString(),
          customerID: session.customerId,
          customInvoiceID: session.customInvoiceId ?? null,
        };
      }),
    );

    scope.post('/v2/session/status', {
      schema: {
        summary: 'Read the status of a hosted checkout session',
        tags: ['v2'],
        body: STATUS_BODY,
        response: { 200: STATUS_SUCCESS, 400: STATUS_ERROR, 403: STATUS_ERROR, 404: STATUS_ERROR, 429: STATUS_ERROR, 500: STATUS_ERROR },
      },
    }, (request, reply) =>
      answer(request, reply, readCredentials(body(request)), SESSION_STATUS_WIRE_ERRORS, statusBody, async (merchant, context) => {
        const session = await sessionStatus(context, merchant, {
          sessionId: text(body(request).sessionID),
          invoiceNumber: text(body(request).billinkInvoiceNumber),
        });
        return { status: session.status };
      }),
    );
  });

  async function answer(
    request: FastifyRequest,
    reply: FastifyReply,
    credentials: V2Credentials,
    table: Table,
    errorBody: (error: SessionWireError) => Body,
    /** `context` is the request's: bound to its transaction for a keyed write (request-context.ts). */
    work: (merchant: Merchant, context: V2Context) => Promise<Body>,
  ): Promise<unknown> {
    const context = contextOf(request, shared);
    const fail = (error: SessionWireError) => reply.code(error.httpStatus).send(errorBody(error));
    // Named like the webhook-v3 pages' errors (spec §4.3).
    if (!credentials.username) return fail({ httpStatus: 400, message: 'billinkUsername parameter missing' });
    if (!credentials.clientId) return fail({ httpStatus: 400, message: 'billinkID parameter missing' });
    try {
      const merchant = await authenticateWithin(context.authLimit, request, context.store.merchants, credentials.username, credentials.clientId);
      if (merchant === LIMITED) return reply.code(429).header('retry-after', context.authLimit.retryAfterSeconds()).send(TOO_MANY_FAILURES);
      return await work(merchant, context);
    } catch (error) {
      const wire = isDomainError(error) ? sessionWireError(table, error.code, error.params) : undefined;
      if (wire) return fail(wire);
      request.log.error({ err: error }, 'unexpected error in session API');
      return fail(INTERNAL_ERROR);
    }
  }
}

function body(request: FastifyRequest): Body {
  const value = request.body;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Body) : {};
}

function statusBody(error: SessionWireError): Body {
  return { status: 'error', message: error.message };
}
