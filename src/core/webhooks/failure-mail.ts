/**
 * The e-mail a merchant gets when a webhook could not be delivered after its last retry (seeds 002
 * "Retrybeleid": "Na de derde mislukte poging wordt er een e-mailmelding naar de merchant gestuurd").
 * Plain text, no personal data of the customer: the invoice numbers and the receiver's answers only.
 */
import type { AttemptOutcome } from './delivery-state.js';

export interface FailedDelivery {
  deliveryId: string;
  webhookId: string;
  /** Billink's `order` or `session` webhook, a Buckaroo `push` (docs/buckaroo.md) or a BillBlend `callback`. */
  kind: string;
  event: string;
  url: string;
  body: string;
  attempts: readonly Pick<AttemptOutcome, 'startedAt' | 'httpStatus' | 'error'>[];
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** How the mail names each kind of delivery. */
const WHAT: Readonly<Record<string, string>> = {
  order: 'order webhook',
  session: 'session webhook',
  push: 'Buckaroo push',
  callback: 'BillBlend callback',
};

export function failureMail(merchant: { name: string; email: string }, delivery: FailedDelivery): MailMessage {
  const what = WHAT[delivery.kind] ?? 'session webhook';
  // Billink's webhooks carry Billink's id header; the PSP contracts' deliveries carry ours.
  const idHeader = delivery.kind === 'order' || delivery.kind === 'session' ? 'X-Billink-Webhook-Id' : 'X-Achteraf-Delivery-Id';
  const lines = [
    `Hello ${merchant.name},`,
    '',
    `We could not deliver the ${what} "${delivery.event}" to ${delivery.url}.`,
    `It was tried ${delivery.attempts.length} times and will not be tried again by itself.`,
    '',
    `Delivery: ${delivery.deliveryId}`,
    `${idHeader}: ${delivery.webhookId}`,
    `Body: ${delivery.body}`,
    '',
    'Attempts:',
    ...delivery.attempts.map(
      (attempt, index) =>
        `  ${index + 1}. ${attempt.startedAt.toISOString()}  ${attempt.httpStatus ? `HTTP ${attempt.httpStatus}` : 'no answer'}` +
        (attempt.error ? `  (${attempt.error})` : ''),
    ),
    '',
    ...(delivery.kind === 'push'
      ? ['The transaction can still be read with GET /json/Transaction/Status/{key}.']
      : delivery.kind === 'callback'
        ? ['The sale can still be read with POST /checkout/dapi/v1/sale/{endpointId}/{invoiceId}/status.']
        : [
            'When your endpoint works again, send it once more with POST /v2/client/webhook/replay',
            `and {"deliveryId": "${delivery.deliveryId}"}. Receivers can drop repeats by X-Billink-Webhook-Id.`,
          ]),
  ];
  return { to: merchant.email, subject: `Webhook delivery failed: ${delivery.event} to ${delivery.url}`, text: lines.join('\n') };
}
