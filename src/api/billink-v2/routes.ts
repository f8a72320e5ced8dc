/**
 * The v2 JSON surface under /v2 (spec §2.5, §2.11–2.17). Route schemas describe the wire for the
 * OpenAPI document at /v2/openapi.json; they do not reject requests, because Billink answers bad
 * input with its own codes, which the core decides.
 */
import type { FastifyInstance } from 'fastify';
import { GENERIC_MANAGEMENT_ERROR, managementError, statusError } from './v2-errors.js';
import type { V2Context } from './v2-context.js';
import { creditRoute } from './handlers/credit.js';

export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/** Paths of the session and webhook family, which answer `{status, message}` with HTTP statuses. */
export function isStatusFamily(url: string): boolean {
  return url.startsWith('/v2/session/') || url.startsWith('/v2/client/webhook');
}

export async function v2Routes(app: FastifyInstance, context: V2Context): Promise<void> {
  app.setValidatorCompiler(() => () => true);
  // Plain JSON.stringify: a response schema documents the answer and must never drop a field.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.removeAllContentTypeParsers();
  // Clients post JSON with application/json, some with no or another type (curl --data): read all as JSON.
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_JSON_BODY_BYTES }, (_request, body, done) => {
    const text = String(body).trim();
    if (text === '') return done(null, {});
    try {
      done(null, JSON.parse(text));
    } catch {
      done(Object.assign(new Error('Body is not valid JSON'), { statusCode: 400, invalidJson: true }), undefined);
    }
  });
  app.setErrorHandler((error: { statusCode?: number; invalidJson?: boolean }, request, reply) => {
    const clientError = error.statusCode !== undefined && error.statusCode < 500;
    if (!clientError) request.log.error({ err: error }, 'unexpected error in v2 API');
    if (isStatusFamily(request.url)) {
      return reply.code(clientError ? 400 : 500).send(statusError(clientError ? 'Request body is not valid JSON' : 'Internal error'));
    }
    return reply.code(200).send(clientError ? managementError('601', 'Request body is not valid JSON') : GENERIC_MANAGEMENT_ERROR);
  });

  creditRoute(app, context);
}
