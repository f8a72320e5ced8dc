/**
 * The final-status callback to the merchant's server (spec §7.1): an HTTP GET to the endpoint's
 * callback URL with the classic parameters in the query string, `control` being the SHA-1 hex of
 * status + orderid + client_orderid + merchant_control (PaynetEasy's PHP library). Built here as
 * pure functions; delivery through the outbox follows the per-contract notification seam
 * (docs/billblend.md "Callback").
 */
import { createHash } from 'node:crypto';
import type { CheckoutSession } from '../../core/sessions/checkout-session.js';
import type { PspSale } from '../../core/sessions/psp-sale.js';
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
export function callbackParameters(sale: PspSale, session: CheckoutSession, controlKey: string): CallbackParameters | undefined {
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
