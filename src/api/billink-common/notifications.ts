/**
 * Billink's side of the notification seam (core/webhooks/notifications.ts): the order and session
 * webhook bodies of spec §4.1 and §4.2, and the v3 signature headers of §4.3. The bytes are the
 * ones Billink webhooks always had (test/webhooks golden and signature tests).
 */
import { createHmac } from 'node:crypto';
import type { NotificationBuilder, NotificationSigner } from '../../core/webhooks/notifications.js';
import { orderWebhookBodyOf, sessionWebhookBody } from '../../core/webhooks/payloads.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, WEBHOOK_ID_HEADER, signatureInput, unixSeconds } from '../../core/webhooks/signature.js';

export const BILLINK_CONTRACT = 'billink';

export const billinkNotifications: NotificationBuilder = {
  build(event, target, invoice) {
    if (event.type === 'session_status_changed') return target.kind === 'session' ? { event: event.status, body: sessionWebhookBody(event) } : undefined;
    if (target.kind !== 'order') return undefined;
    return {
      event: event.type,
      body: orderWebhookBodyOf({
        event: event.type,
        step: event.step,
        amount: event.amount,
        at: event.at,
        invoiceId: event.invoiceId,
        invoiceNumber: invoice?.invoiceNumber ?? '',
        merchantNumber: invoice?.merchantNumber ?? '',
        workflowNumber: invoice?.workflowNumber ?? 0,
        customInvoiceId: invoice?.customInvoiceId,
      }),
    };
  },
};

/** Lower-case hex HMAC-SHA256 of timestamp + body, keyed with the secret text as handed out (spec §4.3). */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(signatureInput(timestamp, body)).digest('hex');
}

export const billinkSigner: NotificationSigner = {
  async headers(input, at) {
    const headers: Record<string, string> = { [WEBHOOK_ID_HEADER]: input.webhookId };
    // A v3 delivery is signed with the merchant's secret of the moment; without a secret it goes
    // unsigned rather than not at all (the secret cannot be removed, so this is a safety net).
    if (input.signed && input.billinkSecret !== undefined) {
      // The timestamp is that of this attempt, so a retry is not refused as stale by the receiver.
      const timestamp = unixSeconds(at);
      headers[TIMESTAMP_HEADER] = String(timestamp);
      headers[SIGNATURE_HEADER] = signWebhook(input.billinkSecret, timestamp, input.body);
    }
    return headers;
  },
};
