/**
 * From a checkout session to the DAPI sale status (spec §4, §5.1, §8.2; seed 004). The page is the
 * cardholder action: an open session is REDIRECT_REQUEST with the page as `redirectUrl`; a decision
 * being made right now is PROCESSING; an order is APPROVED; a decline, a cancel or an expiry is
 * DECLINED with an `errorCode` of our own (docs/billblend.md "States").
 */
import type { CheckoutSession } from '../../core/sessions/checkout-session.js';
import type { PspSale } from '../../core/sessions/psp-sale.js';
import type { SessionStatus } from '../../core/shared/events.js';

export type SaleState = 'PROCESSING' | 'REDIRECT_REQUEST' | 'APPROVED' | 'DECLINED';

export interface SaleStatusBody {
  invoiceId: string;
  session: { token: string };
  state: SaleState;
  bankOrderId?: string;
  redirectUrl?: string;
  orderId?: string;
  transaction?: { amountCentis: number; commissionCentis: number; orderCreatedDate: string; transactionCreatedDate: string };
  errorCode?: number;
  errorMessage?: string;
}

/** Why a sale was declined, as `errorCode` and `errorMessage` (at most 128 characters, seed 004). */
export const DECLINE_REASONS = {
  failed: { errorCode: 1, errorMessage: 'Pay after delivery is not available for this order' },
  cancelled: { errorCode: 2, errorMessage: 'The customer cancelled on the payment page' },
  session_expired: { errorCode: 3, errorMessage: 'The customer did not confirm within 60 minutes' },
} as const satisfies Record<Exclude<SessionStatus, 'session_active' | 'order_created'>, { errorCode: number; errorMessage: string }>;

export interface StatusFacts {
  sale: PspSale;
  session: CheckoutSession;
  /** The checkout page of the session, for REDIRECT_REQUEST. */
  pageUrl: string;
  /** An approval holds the session right now. */
  deciding: boolean;
}

export function saleStatusBody({ sale, session, pageUrl, deciding }: StatusFacts): SaleStatusBody {
  const head = { invoiceId: sale.reference, session: { token: sale.token } };
  if (session.status === 'session_active') {
    return deciding ? { ...head, state: 'PROCESSING' } : { ...head, state: 'REDIRECT_REQUEST', redirectUrl: pageUrl };
  }
  // bankOrderId (required once final): the session's transaction id, which Billink's session webhook carries too.
  if (session.status === 'order_created') {
    return {
      ...head,
      state: 'APPROVED',
      bankOrderId: session.transactionId,
      orderId: session.invoiceNumber,
      transaction: {
        amountCentis: session.total,
        // Achteraf holds back no commission from the sale; the merchant's fee is invoiced separately.
        commissionCentis: 0,
        orderCreatedDate: dapiDate(session.createdAt),
        transactionCreatedDate: dapiDate(session.finishedAt ?? session.createdAt),
      },
    };
  }
  return { ...head, state: 'DECLINED', bankOrderId: session.transactionId, ...DECLINE_REASONS[session.status] };
}

/** `yyyy-MM-dd HH:mm:ss.SSSZ` in UTC, e.g. `2026-12-01 09:42:27.123+0000`: the pattern PaynetEasy's iOS SDK parses (spec §4). */
export function dapiDate(at: Date): string {
  const iso = at.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}+0000`;
}
