/**
 * POST /v2/client/buckaroo/credentials/rotate: our own endpoint (neither Billink nor Buckaroo has
 * one) where a merchant replaces the website key and secret key its Buckaroo client signs with
 * (docs/buckaroo.md "Credentials"). The old pair stops working when the answer is sent; the answer
 * is the only place the new secret key is shown. Answers `{status, message, websiteKey,
 * secretKey}` like the webhook secret endpoint beside it.
 */
import type { FastifyInstance } from 'fastify';
import { rotatePspCredentials } from '../../../core/psp/psp-credentials.js';
import type { V2Context } from '../v2-context.js';
import { AUTH_ANSWERS, registerWebhookRoute } from './webhooks-route.js';

/** The pair as the v2 answers show it (merchant create, rotate). */
export const BUCKAROO_CREDENTIALS_SCHEMA = {
  type: 'object',
  description: "The merchant's Buckaroo pair for /json/ (docs/buckaroo.md); the secret key is shown only here",
  properties: {
    websiteKey: { type: 'string', description: 'Ten upper-case letters and digits, e.g. K7QX2M9PLA' },
    secretKey: { type: 'string', description: 'Signs requests, answers and pushes (HMAC-SHA256)' },
  },
  required: ['websiteKey', 'secretKey'],
} as const;

export function buckarooCredentialsRoute(app: FastifyInstance, context: V2Context): void {
  registerWebhookRoute(app, context, {
    path: '/v2/client/buckaroo/credentials/rotate',
    summary: 'Replace your Buckaroo website key and secret key; the old pair stops working at once',
    tags: ['v2', 'buckaroo'],
    response: {
      type: 'object',
      properties: { status: { const: 'success' }, message: { type: 'string' }, ...BUCKAROO_CREDENTIALS_SCHEMA.properties },
      required: ['status', 'message', 'websiteKey', 'secretKey'],
    },
    errors: AUTH_ANSWERS,
    failure: 'Could not rotate Buckaroo credentials',
    async handle(credentials, _body, context) {
      const pair = await rotatePspCredentials(context, credentials);
      return { status: 'success', message: 'Buckaroo credentials have been replaced', ...pair };
    },
  });
}
