/**
 * Webhook subscriptions (spec §4.1, §4.3). The three v3 paths and their answers are Billink's;
 * Billink's classic order-webhook set/disable paths were never published, so /v2/client/webhook/set
 * and /disable (and /v2/session/webhook/disable) are ours, with the same body and answers as v3
 * (docs/webhooks.md).
 */
import type { FastifyInstance } from 'fastify';
import { type WebhookSetError, disableWebhook, generateSecret, setWebhook } from '../../../core/webhooks/manage-webhooks.js';
import type { WebhookKind } from '../../../core/webhooks/payloads.js';
import type { V2Context } from '../v2-context.js';
import { text } from '../v2-credentials.js';
import { AUTH_ANSWERS, registerWebhookRoute, type WebhookErrorTable } from './webhooks-route.js';

const SET_ERRORS: WebhookErrorTable<WebhookSetError> = {
  ...AUTH_ANSWERS,
  url_missing: [400, 'url parameter is empty'],
  url_invalid: [400, 'Invalid url parameter'],
  // Billink's own answer for a URL it will not call; which rule it broke is in docs/security.md.
  url_not_public: [400, 'Invalid url parameter'],
  secret_missing: [400, 'Webhook signing secret is not set. Please, generate the secret first'],
};

const SUCCESS_SCHEMA = {
  type: 'object',
  properties: { status: { const: 'success' }, message: { type: 'string' } },
  required: ['status', 'message'],
} as const;

const URL_PROPERTY = { url: { type: 'string', format: 'uri', description: 'Absolute http(s) URL that receives the POSTs' } };

export function webhookRoutes(app: FastifyInstance, context: V2Context): void {
  registerWebhookRoute(app, context, {
    path: '/v2/client/webhook-v3/secret/generate',
    summary: 'Generate (or replace) the signing secret shared by both v3 webhooks',
    response: { ...SUCCESS_SCHEMA, properties: { ...SUCCESS_SCHEMA.properties, secret: { type: 'string', description: 'Base64 of 32 random bytes' } } },
    errors: AUTH_ANSWERS,
    failure: 'Could not generate secret',
    async handle(credentials, _body, context) {
      const secret = await generateSecret(context.webhooks, credentials);
      return { status: 'success', message: 'Webhook V3 secret is generated successfully', secret };
    },
  });

  const setRoute = (path: string, kind: WebhookKind, signed: boolean, summary: string) =>
    registerWebhookRoute(app, context, {
      path,
      summary,
      properties: URL_PROPERTY,
      response: SUCCESS_SCHEMA,
      errors: SET_ERRORS,
      failure: 'Could not set webhook',
      async handle(credentials, body, context) {
        await setWebhook(context.webhooks, credentials, { kind, signed, url: text(body.url) });
        return { status: 'success', message: 'Webhook has been set' };
      },
    });
  setRoute('/v2/client/webhook-v3/set', 'order', true, 'Set the signed (v3) order webhook');
  setRoute('/v2/session/webhook-v3/set', 'session', true, 'Set the signed (v3) session webhook');
  setRoute('/v2/client/webhook/set', 'order', false, 'Set the classic, unsigned order webhook');

  const disableRoute = (path: string, kind: WebhookKind, summary: string) =>
    registerWebhookRoute(app, context, {
      path,
      summary,
      response: SUCCESS_SCHEMA,
      errors: AUTH_ANSWERS,
      failure: 'Could not disable webhook',
      async handle(credentials, _body, context) {
        await disableWebhook(context.webhooks, credentials, kind);
        return { status: 'success', message: 'Webhook has been disabled' };
      },
    });
  disableRoute('/v2/client/webhook/disable', 'order', 'Stop the order webhook (classic or v3)');
  disableRoute('/v2/session/webhook/disable', 'session', 'Stop the session webhook');
}
