/**
 * The delivery log and replay, our own endpoints beside Billink's webhook paths (Billink offers
 * neither over the API): POST /v2/client/webhook/deliveries and POST /v2/client/webhook/replay.
 */
import type { FastifyInstance } from 'fastify';
import { type DeliveryLogError, type ReplayError, readDeliveryLog, replayDelivery } from '../../../core/webhooks/delivery-log.js';
import { DELIVERY_STATES } from '../../../core/webhooks/delivery-state.js';
import type { LoggedDelivery } from '../../../core/webhooks/webhook-ports.js';
import type { V2Context } from '../v2-context.js';
import { text } from '../v2-credentials.js';
import { AUTH_ANSWERS, registerWebhookRoute, type WebhookErrorTable } from './webhooks-route.js';

const LOG_ERRORS: WebhookErrorTable<DeliveryLogError> = {
  ...AUTH_ANSWERS,
  page_invalid: [400, 'Invalid page parameter'],
  page_size_invalid: [400, 'Invalid pageSize parameter'],
  state_invalid: [400, 'Invalid state parameter'],
};

const REPLAY_ERRORS: WebhookErrorTable<ReplayError> = {
  ...AUTH_ANSWERS,
  delivery_id_missing: [400, 'deliveryId parameter missing'],
  delivery_unknown: [404, 'Delivery not found'],
};

const ATTEMPT_SCHEMA = {
  type: 'object',
  properties: {
    number: { type: 'integer' },
    at: { type: 'string', format: 'date-time' },
    httpStatus: { type: ['integer', 'null'] },
    latencyMs: { type: 'integer' },
    responseBody: { type: ['string', 'null'], description: 'The first 200 characters of the answer, control characters removed' },
    error: { type: ['string', 'null'] },
  },
} as const;

const DELIVERY_SCHEMA = {
  type: 'object',
  properties: {
    deliveryId: { type: 'string' },
    webhookId: { type: 'string', description: 'Sent as X-Billink-Webhook-Id' },
    kind: { enum: ['order', 'session'] },
    event: { type: 'string' },
    url: { type: 'string' },
    signed: { type: 'boolean' },
    state: { enum: [...DELIVERY_STATES] },
    createdAt: { type: 'string', format: 'date-time' },
    nextAttemptAt: { type: ['string', 'null'], format: 'date-time' },
    finishedAt: { type: ['string', 'null'], format: 'date-time' },
    replayOf: { type: ['string', 'null'] },
    body: { type: 'string', description: 'The exact bytes posted' },
    attempts: { type: 'array', items: ATTEMPT_SCHEMA },
  },
} as const;

export function webhookLogRoutes(app: FastifyInstance, context: V2Context): void {
  registerWebhookRoute(app, context, {
    path: '/v2/client/webhook/deliveries',
    summary: 'The webhook delivery log, newest first, with every attempt',
    properties: {
      page: { type: ['integer', 'string'], minimum: 1, default: 1 },
      pageSize: { type: ['integer', 'string'], minimum: 1, maximum: 100, default: 20 },
      state: { enum: [...DELIVERY_STATES] },
    },
    response: {
      type: 'object',
      properties: {
        status: { const: 'success' },
        page: { type: 'integer' },
        pageSize: { type: 'integer' },
        totalPages: { type: 'integer' },
        totalDeliveries: { type: 'integer' },
        deliveries: { type: 'array', items: DELIVERY_SCHEMA },
      },
    },
    errors: LOG_ERRORS,
    failure: 'Could not read deliveries',
    async handle(credentials, body, context) {
      const log = await readDeliveryLog(context.webhooks, credentials, {
        page: text(body.page),
        pageSize: text(body.pageSize),
        state: text(body.state),
      });
      return {
        status: 'success',
        page: log.page,
        pageSize: log.pageSize,
        totalPages: log.totalPages,
        totalDeliveries: log.total,
        deliveries: log.deliveries.map(toWire),
      };
    },
  });

  registerWebhookRoute(app, context, {
    path: '/v2/client/webhook/replay',
    summary: 'Send a delivery again: same body, same webhook id, a new delivery with its own attempts',
    properties: { deliveryId: { type: ['string', 'integer'] } },
    response: {
      type: 'object',
      properties: {
        status: { const: 'success' },
        message: { type: 'string' },
        deliveryId: { type: 'string', description: 'The new delivery' },
        webhookId: { type: 'string' },
      },
    },
    errors: REPLAY_ERRORS,
    failure: 'Could not replay delivery',
    async handle(credentials, body, context) {
      const replay = await replayDelivery(context.webhooks, credentials, text(body.deliveryId));
      return { status: 'success', message: 'Delivery has been queued', deliveryId: replay.id, webhookId: replay.webhookId };
    },
  });
}

function toWire(delivery: LoggedDelivery): Record<string, unknown> {
  return {
    deliveryId: delivery.id,
    webhookId: delivery.webhookId,
    kind: delivery.kind,
    event: delivery.event,
    url: delivery.url,
    signed: delivery.signed,
    state: delivery.state,
    createdAt: delivery.createdAt.toISOString(),
    nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
    finishedAt: delivery.finishedAt?.toISOString() ?? null,
    replayOf: delivery.replayOf ?? null,
    body: delivery.body,
    attempts: delivery.attempts.map((attempt) => ({
      number: attempt.number,
      at: attempt.startedAt.toISOString(),
      httpStatus: attempt.httpStatus ?? null,
      latencyMs: Math.round(attempt.latencyMs),
      responseBody: attempt.responseBody ?? null,
      error: attempt.error ?? null,
    })),
  };
}
