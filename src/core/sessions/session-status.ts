/**
 * Use case: a session's status (spec §2.13), for the merchant by sessionID or, as Magento falls
 * back to for older orders, by Billink invoice number; and the session behind a checkout page.
 */
import type { CoreContext } from '../context.js';
import type { Merchant } from '../merchants/merchant.js';
import { DomainError } from '../shared/errors.js';
import type { CheckoutSession } from './checkout-session.js';
import { expireIfOverdue } from './expire-session.js';

export const SESSION_STATUS_ERRORS = ['session_reference_missing', 'session_unknown', 'session_other_client'] as const;
export type SessionStatusError = (typeof SESSION_STATUS_ERRORS)[number];

export interface SessionReference {
  sessionId?: string | undefined;
  invoiceNumber?: string | undefined;
}

export async function sessionStatus(context: CoreContext, merchant: Merchant, reference: SessionReference): Promise<CheckoutSession> {
  const fail = (code: SessionStatusError): never => {
    throw new DomainError(code);
  };
  let session: CheckoutSession | undefined;
  if (reference.sessionId) {
    session = await context.store.read.sessions.find(reference.sessionId);
    if (session && session.merchantId !== merchant.id) fail('session_other_client');
  } else if (reference.invoiceNumber) {
    session = await context.store.read.sessions.findByInvoiceNumber(merchant.id, reference.invoiceNumber);
  } else {
    fail('session_reference_missing');
  }
  if (!session) return fail('session_unknown');
  return expireIfOverdue(context, session);
}

/** The session a checkout page shows; its id is the page's only credential. */
export async function openSession(context: CoreContext, sessionId: string): Promise<CheckoutSession | undefined> {
  const session = await context.store.read.sessions.find(sessionId);
  return session && expireIfOverdue(context, session);
}
