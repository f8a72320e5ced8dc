/**
 * Buckaroo's JSON push (spec buckaroo.md §11.1): `{"Transaction": {...}}` in the status shape of
 * §5.2, POSTed to the request's PushURL or the website's configured push URL, signed like a
 * request (method POST, the push URL without its scheme, the body's MD5). The body is compact
 * JSON as JSON.stringify writes it: no whitespace, raw UTF-8, `/` unescaped, amounts as `10` or
 * `10.5`, never `10.0`, and null rather than `{}` (PHP would turn `{}` into `[]`), so it hashes the
 * same after the Node SDK's JSON.stringify(JSON.parse(body)) and PHP's json_encode(json_decode())
 * with unescaped slashes and Unicode, and .NET hashes the raw bytes anyway.
 */
import { randomUUID } from 'node:crypto';
import type { PspCredentialDirectory, PspTransaction, PushDetails, QueuedPush } from '../../core/psp/psp-transactions.js';
import type { DomainEvent } from '../../core/shared/events.js';
import type { NotificationBuilder, NotificationSigner } from '../../core/webhooks/notifications.js';
import { authorizationHeader, encodedUri } from './hmac.js';
import { statusResponse } from './transaction-response.js';

export const BUCKAROO_CONTRACT = 'buckaroo';

/** Final answers are pushed; a validation failure (491) is only answered, as nothing happened. */
export function pushFor(transaction: PspTransaction, url: string | undefined): QueuedPush | undefined {
  if (!url || transaction.statusCode === 491) return undefined;
  return {
    url,
    event: `${transaction.action} ${transaction.statusCode}`,
    body: JSON.stringify({ Transaction: statusResponse(transaction, [], transaction.action === 'Authorize' && transaction.statusCode === 190) }),
  };
}

/** A push URL must be an absolute http(s) URL; anything else is refused with the request. */
export function isPushUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** The Authorization header of one push attempt, with the website's current secret key. */
export function buckarooSigner(credentials: PspCredentialDirectory): NotificationSigner {
  return {
    async headers(input, at) {
      const credential = await credentials.findByMerchantId(input.merchantId);
      if (!credential) throw new Error('the merchant has no Buckaroo credentials');
      const url = new URL(input.url);
      return {
        authorization: authorizationHeader(credential.secret, {
          websiteKey: credential.websiteKey,
          method: 'POST',
          uri: encodedUri(`${url.host}${url.pathname}${url.search}`),
          timestamp: String(Math.floor(at.getTime() / 1000)),
          nonce: randomUUID().replaceAll('-', ''),
          body: input.body,
        }),
        // The same id on every attempt, so a receiver can drop a push it already handled (§11.1: at least once).
        'x-achteraf-delivery-id': input.webhookId,
      };
    },
  };
}

/**
 * Which changes of a Buckaroo-placed invoice are Buckaroo status changes and so pushed (spec
 * buckaroo.md §6, §9, §11.1; docs/buckaroo.md "Which changes push"), one entry per event so that
 * the compiler asks for a decision on every new one. Pushed: what the transaction's status shape
 * reports or Buckaroo has a word for: the workflow start (IsCancelable ends), a payment (collecting,
 * MutationType 1), a credit (a refund), a hold (Buckaroo knows holds: 793 On hold, §6) and its end,
 * whoever ends it: the merchant's resume, or the hold running out on the timer runner or a sandbox
 * clock advance. Not pushed: the placement (the Pay's own push reports it), Billink's repeat of
 * order_paid, and the steps of Billink's dunning under a Pay that stays 190 (the invoice e-mail,
 * reminders, the final notice, collection and its costs), disputes and payouts to the merchant,
 * for which Buckaroo has no status and the transaction reports nothing.
 */
const PUSHED: Readonly<Record<DomainEvent['type'], boolean>> = {
  order_placed: false,
  order_workflow_started: true,
  partial_payment_added: true,
  order_paid: true,
  partial_credit_added: true,
  order_fully_accredited: true,
  customer_fully_paid: false,
  order_on_hold: true,
  order_resumed: true,
  invoice_sent: false,
  workflow_step_changed: false,
  workflow_step_restarted: false,
  collection_costs_added: false,
  dispute_opened: false,
  dispute_resolved: false,
  order_paid_out: false,
  session_status_changed: false,
};

/** Whether an event of a Buckaroo-placed invoice is pushed. */
export function isBuckarooStatusChange(eventType: DomainEvent['type']): boolean {
  return PUSHED[eventType];
}

/**
 * The seam's Buckaroo builder: when an invoice that a Buckaroo Pay or Authorize placed changes
 * through any contract (a Billink payment or credit, a workflow start, a hold and its end, a
 * Buckaroo refund), that transaction is pushed again with its status now (§11.1), so its
 * IsCancelable and relations are current. The store hands the transaction in as the target's
 * details. The delivery row is written in the transaction of the change (webhook-fan-out.ts).
 */
export const buckarooNotifications: NotificationBuilder = {
  build(event, target) {
    if (target.kind !== 'push' || !isBuckarooStatusChange(event.type)) return undefined;
    const { transaction, cancelable } = target.details as PushDetails;
    return { event: `${transaction.action} ${event.type}`, body: JSON.stringify({ Transaction: statusResponse(transaction, [], cancelable) }) };
  },
};
