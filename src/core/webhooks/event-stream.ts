/**
 * The live stream of a merchant's webhooks (GET /v2/webhooks/stream, docs/cli.md): the events
 * of the outbox, each turned into the exact body its webhook carries, whether or not the
 * merchant has a webhook URL set. Ours; Billink offers no stream.
 */
import type { InvoiceEventType, SessionStatus } from '../shared/events.js';
import { orderWebhookBody, sessionWebhookBody, type WebhookKind } from './payloads.js';

/** An outbox row with what its webhook body needs. */
export interface StreamedEventFacts {
  id: string;
  type: InvoiceEventType | 'session_status_changed';
  at: Date;
  invoiceId: string | undefined;
  invoiceNumber: string | undefined;
  merchantNumber: string | undefined;
  workflowNumber: number | undefined;
  customInvoiceId: string | undefined;
  session: { status: SessionStatus; orderNumber: string; billinkInvoiceNumber: string; transactionId: string } | undefined;
  /** The webhook id of the event's first delivery, when a webhook URL received it too. */
  deliveryWebhookId: string | undefined;
}

export interface EventStreamRepository {
  /** The newest event id of the merchant, "0" when it has none. */
  latestId(merchantId: string): Promise<string>;
  /** Events after the given id, oldest first, at most `limit`. */
  after(merchantId: string, afterId: string, limit: number): Promise<StreamedEventFacts[]>;
}

export interface StreamedWebhook {
  eventId: string;
  kind: WebhookKind;
  event: string;
  /**
   * The delivery's X-Billink-Webhook-Id when the event was also posted to a webhook URL, so a
   * receiver that de-duplicates sees both as one; otherwise `event-<id>`, stable across reconnects.
   */
  webhookId: string;
  body: string;
}

export function streamedWebhook(facts: StreamedEventFacts): StreamedWebhook {
  const webhookId = facts.deliveryWebhookId ?? `event-${facts.id}`;
  if (facts.type === 'session_status_changed') {
    const session = facts.session ?? { status: 'failed', orderNumber: '', billinkInvoiceNumber: '', transactionId: '' };
    return { eventId: facts.id, kind: 'session', event: session.status, webhookId, body: sessionWebhookBody(session) };
  }
  return {
    eventId: facts.id,
    kind: 'order',
    event: facts.type,
    webhookId,
    body: orderWebhookBody({
      event: facts.type,
      at: facts.at,
      invoiceId: facts.invoiceId ?? '0',
      invoiceNumber: facts.invoiceNumber ?? '',
      merchantNumber: facts.merchantNumber ?? '',
      workflowNumber: facts.workflowNumber ?? 0,
      customInvoiceId: facts.customInvoiceId,
    }),
  };
}
