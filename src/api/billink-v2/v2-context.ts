import type { RequestLogReader } from '../../core/request-log.js';
import type { CoreContext } from '../../core/context.js';
import type { PublicLinks } from '../public-links.js';
import type { FailedAuthLimit } from '../failed-auth-limit.js';
import type { RateLimiter } from '../../core/invoices/invoice-status.js';
import type { Merchant } from '../../core/merchants/merchant.js';
import type { Invoice } from '../../core/orders/invoice.js';
import type { WebhookContext } from '../../core/webhooks/webhook-ports.js';
import type { EventStreamRepository } from '../../core/webhooks/event-stream.js';
import type { IdempotencyKeys } from '../../core/idempotency/idempotency-keys.js';
import type { ClockFollowUp } from '../../core/sandbox/clock-follow-up.js';
import type { TimelineRepository } from '../../core/dashboard/dashboard-ports.js';

/** What the v2 JSON routes need; later surfaces add their own fields in main.ts. */
export interface V2Context extends CoreContext {
  links: PublicLinks;
  /** Order info shares the legacy Status limit per merchant (Status 111). */
  statusLimiter: RateLimiter;
  /** Failed authentications per source address, partner key included (docs/security.md). */
  authLimit: FailedAuthLimit;
  /** Merchant creation is refused while no partner key is configured. */
  partnerApiKey: string | undefined;
  /** The invoice PDF for reconciliation downloads (spec §2.10). */
  renderInvoicePdf(invoice: Invoice, merchant: Merchant): Promise<Buffer>;
  /** Webhook subscriptions, the delivery log and replays (docs/webhooks.md). */
  webhooks: WebhookContext;
  /** The outbox read as a live stream of webhooks (GET /v2/webhooks/stream, docs/cli.md). */
  eventStream: EventStreamRepository;
  /** The merchant's API request log (POST /v2/client/requests, docs/operations.md). */
  requestLog: RequestLogReader;
  /**
   * Idempotency keys of the writes (docs/v2-api.md "Idempotency keys"); a keyed write's handler
   * runs with the context it is handed, bound to the key's transaction (request-context.ts).
   */
  idempotency: IdempotencyKeys<V2Context>;
  /** What a sandbox clock advance runs before it answers (docs/collection.md "Test clocks"). */
  clockFollowUp: ClockFollowUp;
  /** The facts of an invoice's timeline (POST /v2/client/invoice/timeline). */
  timeline: TimelineRepository;
}
