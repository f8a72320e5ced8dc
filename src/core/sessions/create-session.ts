/**
 * Use case: create a hosted checkout session (spec §2.12). Every rule an order would meet runs
 * now, first broken rule first, and nothing is written unless all pass.
 */
import { merchantNow } from '../shared/merchant-clocks.js';
import type { CoreContext } from '../context.js';
import type { Merchant } from '../merchants/merchant.js';
import { returnUrlAllowed } from '../merchants/return-url-domains.js';
import type { CustomerError, CustomerInput } from '../orders/customer.js';
import { billinkInvoiceNumber } from '../orders/invoice.js';
import { parseLines } from '../orders/order-lines.js';
import { amsterdamDate } from '../shared/dates.js';
import { DomainError } from '../shared/errors.js';
import { CURRENCIES, type Currency, formatAmount, parseAmount } from '../shared/money.js';
import { vatContainedIn } from '../shared/vat.js';
import { type CheckoutSession, type ReturnUrls, SESSION_LIFETIME_MS } from './checkout-session.js';
import {
  askableFieldsMissing, type SessionItemInput, sessionLineInputs, sessionOrderNumber, type SessionOrderError,
  sessionWorkflow, validateSessionCustomer,
} from './session-order.js';

export const CREATE_SESSION_ERRORS = [
  'return_url_missing', 'return_url_invalid', 'return_url_not_allowed', 'logo_url_invalid', 'paytrust_score_invalid', 'currency_invalid',
  'custom_invoice_id_invalid', 'order_total_invalid', 'amount_over_workflow_maximum', 'total_amount_invalid',
  'total_mismatch', 'order_number_taken',
] as const;
export type CreateSessionError = (typeof CREATE_SESSION_ERRORS)[number] | SessionOrderError | CustomerError;

export interface CreateSessionInput {
  workflowNumber?: string | undefined;
  returnUrls: { success?: string | undefined; fail?: string | undefined; cancel?: string | undefined; back?: string | undefined };
  logoUrl?: string | undefined;
  customer: CustomerInput;
  payTrustScore?: string | undefined;
  orderNumber?: string | undefined;
  currency?: string | undefined;
  customInvoiceId?: string | undefined;
  /** transaction.totalAmount: when sent, it must equal the sum of the lines. */
  totalAmount?: string | undefined;
  items?: SessionItemInput[] | undefined;
}

export const MAX_CUSTOM_INVOICE_ID_LENGTH = 100;

export async function createSession(context: CoreContext, merchant: Merchant, input: CreateSessionInput): Promise<CheckoutSession> {
  const fail = (code: CreateSessionError, params: Record<string, string> = {}): never => {
    throw new DomainError(code, params);
  };
  const now = merchantNow(context, merchant);

  const returnUrls = readReturnUrls(input.returnUrls);
  const domains = await context.store.read.merchantAccounts.returnUrlDomains(merchant.id);
  for (const [field, url] of Object.entries(returnUrls)) {
    if (url !== undefined && !returnUrlAllowed(url, domains)) fail('return_url_not_allowed', { field: `${field}URL` });
  }
  const logoUrl = input.logoUrl?.trim() || undefined;
  if (logoUrl !== undefined && !isLogoUrl(logoUrl)) fail('logo_url_invalid', { field: 'logoURL' });

  const workflow = sessionWorkflow(merchant, input.workflowNumber?.trim());
  const orderNumber = sessionOrderNumber(input.orderNumber);

  const missing = askableFieldsMissing(input.customer);
  const customer = validateSessionCustomer(input.customer, missing, amsterdamDate(now));
  if (!workflow.customerTypes.includes(customer.type)) fail('workflow_type_mismatch');
  const payTrustScore = input.payTrustScore?.trim();
  if (payTrustScore !== undefined && !/^(10|\d)$/.test(payTrustScore)) fail('paytrust_score_invalid');

  const currency = (input.currency?.trim().toUpperCase() || 'EUR') as Currency;
  if (!CURRENCIES.includes(currency)) fail('currency_invalid');
  const customInvoiceId = input.customInvoiceId?.trim() || undefined;
  if (customInvoiceId && (customInvoiceId.length > MAX_CUSTOM_INVOICE_ID_LENGTH || /[\u0000-\u001f\u007f]/.test(customInvoiceId))) {
    fail('custom_invoice_id_invalid');
  }

  const items = sessionLineInputs(input.items);
  const lines = parseLines(items);
  const total = lines.reduce((sum, line) => sum + line.totalInclusive, 0);
  if (total <= 0) fail('order_total_invalid');
  if (workflow.maxAmount !== null && total > workflow.maxAmount) fail('amount_over_workflow_maximum');
  if (input.totalAmount !== undefined) {
    const given = parseAmount(input.totalAmount);
    if (given === undefined) fail('total_amount_invalid');
    if (given !== total) fail('total_mismatch', { given: formatAmount(given!), lines: formatAmount(total) });
  }

  const invoiceNumber = billinkInvoiceNumber(merchant.code, orderNumber);
  if (await context.store.read.invoices.numberTaken(merchant.id, orderNumber, invoiceNumber)) {
    fail('order_number_taken', { number: orderNumber });
  }

  const session: CheckoutSession = {
    id: context.ids.token(),
    merchantId: merchant.id,
    status: 'session_active',
    workflowNumber: workflow.number,
    orderNumber,
    invoiceNumber,
    customInvoiceId,
    transactionId: `tx_${context.ids.token()}`,
    customerId: `cus_${context.ids.token()}`,
    customer: input.customer,
    missing,
    items: items!,
    lines,
    total,
    vat: lines.reduce((sum, line) => sum + vatContainedIn(line.totalInclusive, line.vatRate), 0),
    currency,
    payTrustScore,
    returnUrls,
    logoUrl,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
    finishedAt: undefined,
    invoiceId: undefined,
  };
  await context.store.read.sessions.insert(session);
  return session;
}

/**
 * successURL and failURL are required; a missing cancelURL falls back to failURL. Each is kept
 * exactly as sent apart from surrounding blanks: Magento appends an encrypted `txn` parameter
 * that must come back unchanged (spec §4.4).
 */
function readReturnUrls(urls: CreateSessionInput['returnUrls']): ReturnUrls {
  const read = (value: string | undefined, field: string, required: boolean): string | undefined => {
    const url = value?.trim() || undefined;
    if (url === undefined) {
      if (required) throw new DomainError<CreateSessionError>('return_url_missing', { field });
      return undefined;
    }
    if (!isWebUrl(url)) throw new DomainError<CreateSessionError>('return_url_invalid', { field });
    return url;
  };
  const success = read(urls.success, 'successURL', true)!;
  const fail = read(urls.fail, 'failURL', true)!;
  const cancel = read(urls.cancel, 'cancelURL', false) ?? fail;
  return { success, fail, cancel, back: read(urls.back, 'backURL', false) };
}

/**
 * An absolute http(s) URL in visible ASCII: it goes into a Location header unchanged, and other
 * schemes (javascript:, data:) must never become a link on our page.
 */
export function isWebUrl(text: string): boolean {
  if (text.length > 2048 || !/^[\x21-\x7e]+$/.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * The logo's origin goes into the page's Content-Security-Policy (img-src), which has no quoting:
 * a `;` or `,` in it would end the directive and start one of the merchant's choosing. So the
 * logo must be a web URL whose origin is a plain CSP host-source (CSP Level 3 §2.3.1: scheme,
 * a host of letters, digits, hyphens and dots, an optional port) and which holds no character that
 * means something in a policy (`;` `,` `'` `"` `*` `\`). It must be https, or http on a
 * loopback host, the only http origins browsers treat as secure (W3C Secure Contexts §3.1);
 * anything else would be blocked as mixed content on an https page anyway.
 */
export function isLogoUrl(text: string): boolean {
  if (!isWebUrl(text) || /[;,'"*\\]/.test(text)) return false;
  const url = new URL(text);
  return isCspHostSource(url) && (url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
}

/** scheme://host[:port] as a CSP host-source, never anything a policy could read as more. */
export function isCspHostSource(url: URL): boolean {
  return /^https?:\/\/([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/.test(url.origin);
}
