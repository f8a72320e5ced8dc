/**
 * Use case: the customer approves on the checkout page (spec §4.4). The credit check and the
 * order run inside the session's transaction, under a lock on its row, so a double click or a
 * second tab finds the session decided and never places a second order.
 */
import type { CoreContext } from '../context.js';
import { merchantNow } from '../shared/merchant-clocks.js';
import { CHECK_MINIMUM_AGE, runCreditCheck } from '../credit/run-check.js';
import { type CustomerInput, isIpAddress, isPhoneNumber } from '../orders/customer.js';
import { placeOrder } from '../orders/place-order.js';
import type { Repositories, Store } from '../ports.js';
import { ageOn, amsterdamDate, parseWireDate } from '../shared/dates.js';
import { isDomainError } from '../shared/errors.js';
import { formatAmount } from '../shared/money.js';
import { type AskableField, type CheckoutSession, finishSession, isOverdue, type PageOutcome } from './checkout-session.js';
import { openSession } from './session-status.js';

export const APPROVAL_PROBLEMS = [
  'birth_date_missing', 'birth_date_invalid', 'under_age', 'phone_missing', 'phone_invalid', 'sex_missing',
  'terms_not_accepted',
] as const;
export type ApprovalProblem = (typeof APPROVAL_PROBLEMS)[number];

export interface FieldProblem {
  field: AskableField | 'terms';
  problem: ApprovalProblem;
}

/** What the customer typed on the page; only fields the session lacks are read. */
export interface ApprovalInput {
  birthDate?: string | undefined;
  phone?: string | undefined;
  sex?: string | undefined;
  termsAccepted: boolean;
  /** The customer's address as the page saw it, a fact for the order (Order IP). */
  customerIp?: string | undefined;
}

export type ApprovalOutcome = PageOutcome | { kind: 'invalid'; problems: FieldProblem[]; session: CheckoutSession };

/** Genders the page offers: man, woman, or other / rather not say (Order SEX M, V, O). */
export const PAGE_SEXES = ['M', 'V', 'O'] as const;

export async function approveSession(context: CoreContext, sessionId: string, input: ApprovalInput): Promise<ApprovalOutcome> {
  const current = await openSession(context, sessionId);
  if (!current) return { kind: 'unknown' };
  if (current.status !== 'session_active') return repeatOrClose(current);

  const merchant = await context.store.merchants.findById(current.merchantId);
  if (!merchant) throw new Error(`Merchant ${current.merchantId} of session disappeared`);
  const { problems, answers } = readAnswers(current, input, amsterdamDate(merchantNow(context, merchant)));
  if (problems.length > 0) return { kind: 'invalid', problems, session: current };
  const customer: CustomerInput = { ...current.customer, ...answers };
  if (input.customerIp && isIpAddress(input.customerIp)) customer.ip = input.customerIp;

  return context.store.transaction(async (tx) => {
    const session = await tx.sessions.findForUpdate(sessionId);
    if (!session) return { kind: 'unknown' };
    const now = merchantNow(context, merchant);
    if (isOverdue(session, now)) return { kind: 'closed', session: await finishSession(tx, session, 'session_expired', now) };
    if (session.status !== 'session_active') return repeatOrClose(session);

    const scoped = withinTransaction(context, tx);
    try {
      const check = await runCreditCheck(scoped, merchant, {
        ...customer,
        workflowNumber: String(session.workflowNumber),
        amount: formatAmount(session.total),
        payTrustScore: session.payTrustScore,
      });
      if (!check.approved) {
        return { kind: 'redirect', url: session.returnUrls.fail, session: await finishSession(tx, session, 'failed', now) };
      }
      const order = await placeOrder(scoped, merchant, {
        ...customer,
        workflowNumber: String(session.workflowNumber),
        orderNumber: session.orderNumber,
        date: amsterdamDate(now),
        currency: session.currency,
        items: session.items,
        checkUuid: check.uuid,
        customInvoiceId: session.customInvoiceId,
      });
      const invoiceId = order.validated ? undefined : order.invoice.id;
      const placed = await finishSession(tx, session, 'order_created', now, invoiceId);
      return { kind: 'redirect', url: session.returnUrls.success, session: placed };
    } catch (error) {
      // A rule the order meets now and did not at creation (the number was taken meanwhile, the
      // re-weighed exposure declines): the customer cannot fix it, so the session has failed.
      if (!isDomainError(error)) throw error;
      return { kind: 'redirect', url: session.returnUrls.fail, session: await finishSession(tx, session, 'failed', now) };
    }
  });
}

/**
 * A second approval of a session an approval already decided lands where the first did; a session
 * that was cancelled or expired is shown as such.
 */
function repeatOrClose(session: CheckoutSession): PageOutcome {
  if (session.status === 'order_created') return { kind: 'redirect', url: session.returnUrls.success, session };
  if (session.status === 'failed') return { kind: 'redirect', url: session.returnUrls.fail, session };
  return { kind: 'closed', session };
}

/** Checks each missing field the way the order and the credit check will, all at once. */
function readAnswers(session: CheckoutSession, input: ApprovalInput, today: string) {
  const problems: FieldProblem[] = [];
  const answers: Partial<Record<AskableField, string>> = {};
  for (const field of session.missing) {
    const text = input[field]?.trim();
    if (field === 'birthDate') {
      const birthDate = text ? parseWireDate(text) : undefined;
      if (!text) problems.push({ field, problem: 'birth_date_missing' });
      else if (!birthDate) problems.push({ field, problem: 'birth_date_invalid' });
      else if (ageOn(birthDate, today) < CHECK_MINIMUM_AGE) problems.push({ field, problem: 'under_age' });
      else answers.birthDate = birthDate;
    } else if (field === 'phone') {
      if (!text) problems.push({ field, problem: 'phone_missing' });
      else if (!isPhoneNumber(text)) problems.push({ field, problem: 'phone_invalid' });
      else answers.phone = text;
    } else {
      const sex = text?.toUpperCase();
      if (!sex || !(PAGE_SEXES as readonly string[]).includes(sex)) problems.push({ field, problem: 'sex_missing' });
      else answers.sex = sex;
    }
  }
  if (!input.termsAccepted) problems.push({ field: 'terms', problem: 'terms_not_accepted' });
  return { problems, answers };
}

/**
 * The context the nested use cases see: their reads and their own "transaction" are this one, so
 * the check, the order and the session's new status commit or roll back together.
 */
export function withinTransaction(context: CoreContext, tx: Repositories): CoreContext {
  const store: Store = {
    ...context.store,
    read: tx,
    transaction: <T>(work: (repositories: Repositories) => Promise<T>) => work(tx),
  };
  return { ...context, store };
}
