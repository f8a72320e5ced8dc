/**
 * The e-mail a merchant gets when a webhook could not be delivered after its last retry (seeds 002
 * "Retrybeleid": "Na de derde mislukte poging wordt er een e-mailmelding naar de merchant gestuurd").
 * Plain text, no personal data of the customer: the invoice numbers and the receiver's answers only.
 */
import type { AttemptOutcome } from './delivery-state.js';
import type { WebhookKind } from './payloads.js';

export interface FailedDelivery {
  deliveryId: string;
  webhookId: string;
  kind: WebhookKind;
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

export function failureMail(merchant: { name: string; email: string }, delivery: FailedDelivery): MailMessage {
  const what = delivery.kind === 'order' ? `order webhook "${delivery.event}"` : `session webhook "${delivery.event}"`;
  const lines = [
    `Hello ${merchant.name},`,
    '',
    `We could not deliver the ${what} to ${delivery.url}.`,
    `It was tried ${delivery.attempts.length} times and will not be tried again by itself.`,
    '',
    `Delivery: ${delivery.deliveryId}`,
    `X-Billink-Webhook-Id: ${delivery.webhookId}`,
    `Body: ${delivery.body}`,
    '',
    'Attempts:',
    ...delivery.attempts.map(
      (attempt, index) =>
        `  ${index + 1}. ${attempt.startedAt.toISOString()}  ${attempt.httpStatus ? `HTTP ${attempt.httpStatus}` : 'no answer'}` +
        (attempt.error ? `  (${attempt.error})` : ''),
    ),
    '',
    'When your endpoint works again, send it once more with POST /v2/client/webhook/replay',
    `and {"deliveryId": "${delivery.deliveryId}"}. Receivers can drop repeats by X-Billink-Webhook-Id.`,
  ];
  return { to: merchant.email, subject: `Webhook delivery failed: ${delivery.event} to ${delivery.url}`, text: lines.join('\n') };
}
