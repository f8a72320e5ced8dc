/**
 * POST /v2/client/requests: the merchant's own API requests of the last 24 hours, for `achteraf
 * logs tail` (docs/operations.md "The API request log"; ours, Billink has none). `after` resumes
 * after the last id seen; without it the latest `limit` (at most 100) come, oldest first.
 */
import type { FastifyInstance } from 'fastify';
import { REQUEST_LOG_PAGE } from '../../../core/request-log.js';
import type { AuthError } from '../../../core/shared/errors.js';
import type { EndpointErrors } from '../../billink-common/wire-error.js';
import { registerManagementRoute } from '../management-route.js';
import { CREDENTIAL_PROPERTIES } from '../schemas/common.js';
import { text } from '../v2-credentials.js';
import type { V2Context } from '../v2-context.js';
import { wholeNumber } from '../workflow-wire.js';

export const REQUEST_LOG_WIRE_ERRORS = {
  '101': 'Unknown client username or client id',
  '102': 'Unknown client username or client id',
  '603': 'Redirect Billink API error',
} as const;

export const REQUEST_LOG_ERRORS = {
  catalogue: REQUEST_LOG_WIRE_ERRORS,
  map: { username_unknown: '101', client_id_wrong: '102' } satisfies Record<AuthError, keyof typeof REQUEST_LOG_WIRE_ERRORS>,
} satisfies EndpointErrors;

const REQUEST_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string', description: 'Increasing; send it as `after` to read on' },
    at: { type: 'string', format: 'date-time' },
    method: { type: 'string' },
    path: { type: 'string', description: 'The route pattern, e.g. /api/check or /v2/client/order (never the path values)' },
    status: { type: 'integer', description: 'HTTP status' },
    code: { type: 'string', description: 'The wire code of the answer, "-" when it has none' },
    durationMs: { type: 'integer' },
    requestId: { type: 'string', description: 'The X-Request-Id of the answer' },
  },
  required: ['id', 'at', 'method', 'path', 'status', 'code', 'durationMs', 'requestId'],
} as const;

export function requestLogRoute(app: FastifyInstance, context: V2Context): void {
  registerManagementRoute(app, context, {
    path: '/v2/client/requests',
    summary: "The merchant's API requests of the last 24 hours (for achteraf logs tail)",
    errors: REQUEST_LOG_ERRORS,
    body: {
      properties: {
        ...CREDENTIAL_PROPERTIES,
        after: { type: 'string', description: 'Only requests after this id' },
        limit: { type: 'integer', minimum: 1, maximum: REQUEST_LOG_PAGE, description: `At most this many (default and most ${REQUEST_LOG_PAGE})` },
      },
      required: ['billinkUsername', 'billinkID'],
    },
    response: {
      type: 'object',
      properties: {
        result: { const: 'MSG' },
        code: { const: '200' },
        description: { const: 'Requests' },
        requests: { type: 'array', items: REQUEST_SCHEMA },
      },
      required: ['result', 'code', 'description', 'requests'],
    },
    async handle(merchant, body, context) {
      const after = text(body.after);
      const asked = wholeNumber(body.limit);
      const limit = asked !== undefined && Number.isInteger(asked) && asked >= 1 ? Math.min(asked, REQUEST_LOG_PAGE) : REQUEST_LOG_PAGE;
      const rows = await context.requestLog.list(merchant.username, after !== undefined && /^\d{1,18}$/.test(after) ? after : undefined, limit);
      return {
        result: 'MSG',
        code: '200',
        description: 'Requests',
        requests: rows.map((row) => ({
          id: row.id,
          at: row.at.toISOString(),
          method: row.method,
          path: row.route,
          status: row.status,
          code: row.wireCode,
          durationMs: row.durationMs,
          requestId: row.requestId,
        })),
      };
    },
  });
}
