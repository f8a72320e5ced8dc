/**
 * Use cases: read a merchant's delivery log page by page, newest first, and replay a delivery.
 */
import { authenticate } from '../merchants/authenticate.js';
import { DomainError } from '../shared/errors.js';
import { DELIVERY_STATES, type DeliveryState } from './delivery-state.js';
import type { Credentials } from './manage-webhooks.js';
import type { DeliveryPage, WebhookContext } from './webhook-ports.js';

export const DELIVERY_LOG_ERRORS = ['page_invalid', 'page_size_invalid', 'state_invalid'] as const;
export type DeliveryLogError = (typeof DELIVERY_LOG_ERRORS)[number];

export const REPLAY_ERRORS = ['delivery_id_missing', 'delivery_unknown'] as const;
export type ReplayError = (typeof REPLAY_ERRORS)[number];

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface LogQuery {
  page: string | undefined;
  pageSize: string | undefined;
  state: string | undefined;
}

export interface LogPage extends DeliveryPage {
  page: number;
  pageSize: number;
  totalPages: number;
}

export async function readDeliveryLog(context: WebhookContext, credentials: Credentials, query: LogQuery): Promise<LogPage> {
  const page = wholeNumber(query.page, 1, 1, 1_000_000, 'page_invalid');
  const pageSize = wholeNumber(query.pageSize, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE, 'page_size_invalid');
  if (query.state !== undefined && !isDeliveryState(query.state)) throw new DomainError<DeliveryLogError>('state_invalid');
  const state = query.state as DeliveryState | undefined;
  const merchant = await authenticate(context.merchants, credentials.username, credentials.clientId);
  const result = await context.log.page(merchant.id, { offset: (page - 1) * pageSize, limit: pageSize, state });
  return { ...result, page, pageSize, totalPages: Math.ceil(result.total / pageSize) };
}

/**
 * A replay is a new delivery with its own attempts and a fresh retry schedule, but the same body
 * and the same webhook id: it is the same event again, so a receiver that de-duplicates by
 * X-Billink-Webhook-Id treats it as a repeat (docs/webhooks.md "Replay").
 */
export async function replayDelivery(
  context: WebhookContext,
  credentials: Credentials,
  deliveryId: string | undefined,
): Promise<{ id: string; webhookId: string }> {
  if (deliveryId === undefined) throw new DomainError<ReplayError>('delivery_id_missing');
  const merchant = await authenticate(context.merchants, credentials.username, credentials.clientId);
  const replay = /^\d{1,18}$/.test(deliveryId) ? await context.log.replay(merchant.id, deliveryId, context.clock.now()) : undefined;
  if (!replay) throw new DomainError<ReplayError>('delivery_unknown');
  return replay;
}

function isDeliveryState(text: string): text is DeliveryState {
  return (DELIVERY_STATES as readonly string[]).includes(text);
}

function wholeNumber(text: string | undefined, fallback: number, min: number, max: number, error: DeliveryLogError): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) throw new DomainError<DeliveryLogError>(error);
  return Number(text);
}
