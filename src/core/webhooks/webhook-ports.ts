/**
 * What the webhook use cases need from storage and the runtime. Kept beside the webhook core
 * rather than in ports.ts because no other use case touches subscriptions or deliveries.
 */
import type { MerchantDirectory } from '../merchants/authenticate.js';
import type { Clock } from '../shared/clock.js';
import type { AttemptOutcome, DeliveryState } from './delivery-state.js';
import type { WebhookKind } from './payloads.js';

export interface Subscription {
  merchantId: string;
  kind: WebhookKind;
  url: string;
  /** Webhook v3: requests carry the signature and timestamp headers. */
  signed: boolean;
  at: Date;
}

export interface WebhookSettingsRepository {
  secret(merchantId: string): Promise<string | undefined>;
  saveSecret(merchantId: string, secret: string, at: Date): Promise<void>;
  /** Sets the merchant's one webhook of this kind, replacing the previous URL and version. */
  subscribe(subscription: Subscription): Promise<void>;
  /** Removes the merchant's webhook of this kind; false when none was set. */
  unsubscribe(merchantId: string, kind: WebhookKind): Promise<boolean>;
}

export interface LoggedAttempt extends AttemptOutcome {
  number: number;
}

export interface LoggedDelivery {
  id: string;
  webhookId: string;
  kind: WebhookKind;
  event: string;
  url: string;
  signed: boolean;
  state: DeliveryState;
  body: string;
  createdAt: Date;
  nextAttemptAt: Date | undefined;
  finishedAt: Date | undefined;
  /** The delivery this one re-sends, for replays. */
  replayOf: string | undefined;
  attempts: LoggedAttempt[];
}

export interface DeliveryPage {
  total: number;
  deliveries: LoggedDelivery[];
}

export interface DeliveryLogRepository {
  /** Newest first. */
  page(merchantId: string, query: { offset: number; limit: number; state: DeliveryState | undefined }): Promise<DeliveryPage>;
  /**
   * Queues a new delivery with the body and webhook id of the given one, to the merchant's current
   * URL of that kind (or the original URL when the webhook was disabled since). Undefined when the
   * merchant has no such delivery.
   */
  replay(merchantId: string, deliveryId: string, at: Date): Promise<{ id: string; webhookId: string } | undefined>;
}

export interface WebhookContext {
  merchants: MerchantDirectory;
  settings: WebhookSettingsRepository;
  log: DeliveryLogRepository;
  clock: Clock;
  /** A new signing secret: base64 of 32 random bytes (spec §4.3). */
  newSecret(): string;
  targets: WebhookTargets;
}

/** Where webhooks may go (core/webhooks/target-address.ts, docs/security.md "Webhook SSRF"). */
export interface WebhookTargets {
  /** WEBHOOK_ALLOW_PRIVATE: loopback and private targets are allowed (local development, tests). */
  allowPrivate: boolean;
  /** The addresses a DNS name resolves to; rejects when the name does not resolve. */
  resolve(hostname: string): Promise<string[]>;
}
