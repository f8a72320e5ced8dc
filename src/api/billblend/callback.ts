/**
 * The final-status callback to the merchant's server (spec §7.1): an HTTP GET to the endpoint's
 * callback URL with the classic parameters in the query string, `control` being the SHA-1 hex of
 * status + orderid + client_orderid + merchant_control (PaynetEasy's PHP library). Built here as
 * pure functions, and delivered through the outbox by the notification seam
 * (core/webhooks/notifications.ts): the builder below makes the URL when the sale's session
 * reaches a final status, the signer sends it as a GET (docs/billblend.md "Final-status callback").
 */
import { createHash } from 'node:crypto';
import type { CheckoutSession } from '../../core/sessions/checkout-session.js';
import type { PspSale, PspSaleCallbackDetails } from '../../core/sessions/psp-sale.js';
import type { NotificationBuilder, NotificationSigner } from '../../core/webhooks/notifications.js';
import { formatAmount } from '../../core/shared/money.js';
import { DECLINE_REASONS } from './mapping.js';

export interface CallbackParameters {
  /** Classic lower-case status (spec §7.1, §8.2): approved or declined. */
  status: 'approved' | 'declined';
  type: 'sale';
  /** The gateway's order id: the Billink invoice number, as `orderId` in the sale status. */
  orderid: string;
  /** The merchant's own id for the sale: the DAPI invoiceId. */
  client_orderid: string;
  merchant_order: string;
  /** Major units with two decimals, as the classic API writes amounts. */
  amount: string;
  currency: string;
  error_code?: string;
  error_message?: string;
  control: string;
}

/** SHA-1 hex of status + orderid + client_orderid + merchant_control (spec §7.1). */
export function callbackControl(status: string, orderId: string, clientOrderId: string, controlKey: string): string {
  return createHash('sha1').update(`${status}${orderId}${clientOrderId}${controlKey}`, 'utf8').digest('hex');
}

/** The callback of a sale whose session reached a final status; undefined while it is open. */
export function callbackParameters(
  sale: Pick<PspSale, 'reference'>,
  session: Pick<CheckoutSession, 'status' | 'invoiceNumber' | 'total' | 'currency'>,
  controlKey: string,
): CallbackParameters | undefined {
  if (session.status === 'session_active') return undefined;
  const status = session.status === 'order_created' ? 'approved' : 'declined';
  const decline = session.status === 'order_created' ? undefined : DECLINE_REASONS[session.status];
  return {
    status,
    type: 'sale',
    orderid: session.invoiceNumber,
    client_orderid: sale.reference,
    merchant_order: sale.reference,
    amount: formatAmount(session.total),
    currency: session.currency,
    ...(decline ? { error_code: String(decline.errorCode), error_message: decline.errorMessage } : {}),
    control: callbackControl(status, session.invoiceNumber, sale.reference, controlKey),
  };
}

/** The URL the callback GETs: the endpoint's callback URL with the parameters appended. */
export function callbackUrl(base: string, parameters: CallbackParameters): string {
  const url = new URL(base);
  for (const [name, value] of Object.entries(parameters)) url.searchParams.append(name, value);
  return url.toString();
}

export const BILLBLEND_CONTRACT = 'billblend';

/**
 * The seam's BillBlend builder: a sale's session that reaches a final status calls the endpoint's
 * callback URL once. The body is empty; the parameters, `control` among them, are the URL.
 */
export const billBlendNotifications: NotificationBuilder = {
  build(event, target) {
    if (target.kind !== 'callback' || event.type !== 'session_status_changed') return undefined;
    const details = target.details as PspSaleCallbackDetails;
    const session = { status: event.status, invoiceNumber: event.billinkInvoiceNumber, total: details.total, currency: details.currency };
    const parameters = callbackParameters(details, session, details.controlKey);
    if (!parameters) return undefined;
    return { event: `sale ${parameters.status}`, body: '', url: callbackUrl(target.url, parameters) };
  },
};

/**
 * A GET without a body (spec §7.1). `control` in the URL is the callback's signature, so the only
 * header is the delivery id, the same on every attempt; a merchant may de-duplicate on it or, as
 * BillBlend advises, on status, type, orderid and client_orderid.
 */
export const billBlendSigner: NotificationSigner = {
  method: 'GET',
  async headers(input) {
    return { 'x-achteraf-delivery-id': input.webhookId };
  },
};
