/**
 * Our own endpoints (neither Billink, Buckaroo nor BillBlend publishes one) for where the PSP
 * contracts notify the merchant: the Buckaroo push URL of the website (docs/buckaroo.md "Push
 * URL") and the callback URL of each BillBlend endpoint (docs/billblend.md "Callback URL"). Bodies
 * and answers are those of the webhook routes beside them: credentials in the body, `{status,
 * message, ...}`, Billink's URL refusals. The writes take idempotency keys (idempotent-writes.ts).
 */
import type { FastifyInstance } from 'fastify';
import {
  type CallbackUrlError,
  type PushUrlError,
  readBillblendCallbackUrls,
  readBuckarooPushUrl,
  setBillblendCallbackUrl,
  setBuckarooPushUrl,
} from '../../../core/psp/notification-urls.js';
import type { V2Context } from '../v2-context.js';
import { AUTH_ANSWERS, registerWebhookRoute, type WebhookErrorTable } from './webhooks-route.js';

/** A URL refused for what it is; which rule it broke is in docs/security.md, as for webhooks. */
const URL_ANSWERS = {
  url_missing: [400, 'url parameter is empty'],
  url_invalid: [400, 'Invalid url parameter'],
  url_not_public: [400, 'Invalid url parameter'],
} as const;

const PUSH_URL_ERRORS: WebhookErrorTable<PushUrlError> = {
  ...AUTH_ANSWERS,
  ...URL_ANSWERS,
  psp_credentials_missing: [404, 'Buckaroo credentials not found; rotate them first'],
};

const CALLBACK_URL_ERRORS: WebhookErrorTable<CallbackUrlError> = {
  ...AUTH_ANSWERS,
  ...URL_ANSWERS,
  endpoint_missing: [400, 'endpointId parameter missing'],
  endpoint_unknown: [404, 'Endpoint not found'],
};

const NULLABLE_URL = { type: ['string', 'null'], description: 'Absolute http(s) URL; null when none is set' } as const;
const URL_TO_SET = {
  url: { type: ['string', 'null'], description: 'Absolute http(s) URL to a public address; null removes the URL' },
} as const;

const answer = (properties: Record<string, unknown>) => ({
  type: 'object',
  properties: { status: { const: 'success' }, message: { type: 'string' }, ...properties },
  required: ['status', 'message', ...Object.keys(properties)],
});

const ENDPOINT_SCHEMA = {
  type: 'object',
  properties: {
    endpointId: { type: 'string' },
    workflowNumber: { type: 'integer', description: 'The workflow its sales are booked on' },
    callbackUrl: NULLABLE_URL,
  },
  required: ['endpointId', 'workflowNumber', 'callbackUrl'],
} as const;

export function pspNotificationUrlRoutes(app: FastifyInstance, context: V2Context): void {
  registerWebhookRoute(app, context, {
    path: '/v2/client/buckaroo/push-url',
    summary: 'Read the push URL of your Buckaroo website (used when a transaction names no PushURL)',
    tags: ['v2', 'buckaroo'],
    response: answer({ pushUrl: NULLABLE_URL }),
    errors: PUSH_URL_ERRORS,
    failure: 'Could not read push URL',
    async handle(credentials, _body, context) {
      return { status: 'success', message: 'Buckaroo push URL', pushUrl: await readBuckarooPushUrl(context, credentials) };
    },
  });

  registerWebhookRoute(app, context, {
    path: '/v2/client/buckaroo/push-url/set',
    summary: 'Set or remove the push URL of your Buckaroo website',
    tags: ['v2', 'buckaroo'],
    properties: URL_TO_SET,
    response: answer({ pushUrl: NULLABLE_URL }),
    errors: PUSH_URL_ERRORS,
    failure: 'Could not set push URL',
    async handle(credentials, body, context) {
      const pushUrl = await setBuckarooPushUrl(context, context.webhooks.targets, credentials, body.url);
      return { status: 'success', message: pushUrl === null ? 'Push URL has been removed' : 'Push URL has been set', pushUrl };
    },
  });

  registerWebhookRoute(app, context, {
    path: '/v2/client/billblend/callback-url',
    summary: 'Read the final-status callback URL of each of your BillBlend endpoints',
    tags: ['v2', 'billblend'],
    response: answer({ endpoints: { type: 'array', items: ENDPOINT_SCHEMA } }),
    errors: AUTH_ANSWERS,
    failure: 'Could not read callback URLs',
    async handle(credentials, _body, context) {
      return { status: 'success', message: 'BillBlend callback URLs', endpoints: await readBillblendCallbackUrls(context, credentials) };
    },
  });

  registerWebhookRoute(app, context, {
    path: '/v2/client/billblend/callback-url/set',
    summary: 'Set or remove the final-status callback URL of one of your BillBlend endpoints',
    tags: ['v2', 'billblend'],
    properties: { endpointId: { type: 'string', description: 'The endpoint of the sale start path, e.g. 1001' }, ...URL_TO_SET },
    response: answer({ endpointId: { type: 'string' }, callbackUrl: NULLABLE_URL }),
    errors: CALLBACK_URL_ERRORS,
    failure: 'Could not set callback URL',
    async handle(credentials, body, context) {
      const callbackUrl = await setBillblendCallbackUrl(context, context.webhooks.targets, credentials, { endpointId: body.endpointId, url: body.url });
      return {
        status: 'success',
        message: callbackUrl === null ? 'Callback URL has been removed' : 'Callback URL has been set',
        endpointId: String(body.endpointId).trim(),
        callbackUrl,
      };
    },
  });
}
