/**
 * A hosted checkout session (spec §2.12, §2.13, §4.4): the order a shop wants to place, held for
 * 60 minutes while the customer approves or cancels it on our page.
 */
import type { CustomerInput } from '../orders/customer.js';
import type { InvoiceLine } from '../orders/invoice.js';
import type { LineInput } from '../orders/order-lines.js';
import type { Repositories } from '../ports.js';
import { MINUTE } from '../shared/clock.js';
import type { SessionStatus } from '../shared/events.js';
import type { Cents, Currency } from '../shared/money.js';

/** "Session valid until paid, cancelled, or 1 hour" (spec §2.12). */
export const SESSION_LIFETIME_MINUTES = 60;
export const SESSION_LIFETIME_MS = SESSION_LIFETIME_MINUTES * MINUTE;

/** Order fields a shop may leave out because the customer fills them in on the page. */
export const ASKABLE_FIELDS = ['birthDate', 'phone', 'sex'] as const;
export type AskableField = (typeof ASKABLE_FIELDS)[number];

export interface ReturnUrls {
  /** Where an approved session sends the customer, exactly as the shop gave it. */
  success: string;
  fail: string;
  cancel: string;
  /** Optional "back to the shop" link that leaves the session open. */
  back: string | undefined;
}

export interface CheckoutSession {
  /** The sessionID: at least 128 random bits; it is also the key of the session's page. */
  id: string;
  merchantId: string;
  status: SessionStatus;
  workflowNumber: number;
  /** The merchant's own order number and Billink's number for it (spec §2.2). */
  orderNumber: string;
  invoiceNumber: string;
  customInvoiceId: string | undefined;
  /** Carried by the session webhook (spec §4.2). */
  transactionId: string;
  customerId: string;
  /** The customer as the shop sent it, validated; askable fields may still be absent. */
  customer: CustomerInput;
  /** What the page must still ask for. */
  missing: AskableField[];
  /** Order lines as they will be sent to the order use case. */
  items: LineInput[];
  /** The same lines parsed, for showing them. */
  lines: InvoiceLine[];
  total: Cents;
  vat: Cents;
  currency: Currency;
  payTrustScore: string | undefined;
  returnUrls: ReturnUrls;
  logoUrl: string | undefined;
  createdAt: Date;
  expiresAt: Date;
  finishedAt: Date | undefined;
  invoiceId: string | undefined;
}

export function isOverdue(session: Pick<CheckoutSession, 'status' | 'expiresAt'>, now: Date): boolean {
  return session.status === 'session_active' && session.expiresAt.getTime() <= now.getTime();
}

/**
 * Moves a session to a final status and appends the `session_status_changed` event in the same
 * transaction (house rule 4), so the session webhook follows every change exactly once.
 */
export async function finishSession(
  tx: Repositories,
  session: CheckoutSession,
  status: Exclude<SessionStatus, 'session_active'>,
  at: Date,
  invoiceId?: string,
): Promise<CheckoutSession> {
  await tx.sessions.finish(session.id, { status, finishedAt: at, invoiceId });
  await tx.events.append({
    type: 'session_status_changed',
    merchantId: session.merchantId,
    sessionId: session.id,
    status,
    invoiceId,
    orderNumber: session.orderNumber,
    billinkInvoiceNumber: session.invoiceNumber,
    transactionId: session.transactionId,
    at,
  });
  return { ...session, status, finishedAt: at, invoiceId };
}

/** What a customer's action on the page leads to. */
export type PageOutcome =
  | { kind: 'redirect'; url: string; session: CheckoutSession }
  /** The session is no longer open: the page says so instead of showing the form. */
  | { kind: 'closed'; session: CheckoutSession }
  | { kind: 'unknown' };
