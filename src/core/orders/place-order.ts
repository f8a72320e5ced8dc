/**
 * Use case: an order (spec §2.2). Everything is validated before anything is written; the check
 * UUID is consumed and the invoice created in one transaction, under a lock on the check and on
 * the customer, so neither a UUID nor a customer's credit limit can be used twice.
 */
import { merchantNow } from '../shared/merchant-clocks.js';
import type { CoreContext } from '../context.js';
import { decideCredit } from '../credit/credit-policy.js';
import type { CreditCheck } from '../credit/credit-check.js';
import { findWorkflow, isSandbox, type Merchant } from '../merchants/merchant.js';
import type { Repositories } from '../ports.js';
import { amsterdamDate, parseWireDate } from '../shared/dates.js';
import { DomainError } from '../shared/errors.js';
import { CURRENCIES, type Currency } from '../shared/money.js';
import { vatBreakdown } from '../shared/vat.js';
import { isValidIban } from './bank-account.js';
import { type CustomerInput, type CustomerKeys, type OrderCustomerError, customerKeys, validateCustomer } from './customer.js';
import { billinkInvoiceNumber, type Invoice } from './invoice.js';
import { type LineError, type LineInput, parseLines } from './order-lines.js';

export const ORDER_ERRORS = [
  'workflow_missing', 'workflow_unknown', 'workflow_type_mismatch', 'order_number_missing', 'order_number_invalid',
  'order_number_too_long', 'order_number_taken', 'date_missing', 'date_invalid', 'currency_invalid',
  'additional_text_invalid', 'bank_account_missing', 'bank_account_holder_missing', 'iban_invalid',
  'mandate_id_invalid', 'mandate_type_invalid', 'order_total_invalid', 'amount_over_workflow_maximum',
  'check_missing', 'check_unknown', 'check_expired', 'check_used', 'check_workflow_mismatch', 'amount_over_checked',
  'credit_declined',
] as const;
export type OrderError = (typeof ORDER_ERRORS)[number] | OrderCustomerError | LineError;

export interface OrderInput extends CustomerInput {
  workflowNumber?: string | undefined;
  orderNumber?: string | undefined;
  date?: string | undefined;
  currency?: string | undefined;
  items?: LineInput[] | undefined;
  checkUuid?: string | undefined;
  additionalText?: string | undefined;
  trackAndTrace?: string | undefined;
  bankAccountNumber?: string | undefined;
  bankAccountHolder?: string | undefined;
  mandateId?: string | undefined;
  mandateType?: string | undefined;
  /** Set by a checkout session; echoed in order webhooks. */
  customInvoiceId?: string | undefined;
  /** VALIDATEORDER=Y: run every rule, write nothing, leave the UUID unused (spec §1.4). */
  validateOnly?: boolean | undefined;
}

export type OrderOutcome =
  | { validated: true; invoiceNumber: string }
  | { validated: false; invoice: Invoice };

/** Order 453 states this minimum; the credit check before it already demands 18 (Check 422). */
export const ORDER_MINIMUM_AGE = 16;
export const MAX_ORDER_NUMBER_LENGTH = 50;

export async function placeOrder(context: CoreContext, merchant: Merchant, input: OrderInput): Promise<OrderOutcome> {
  const fail = (code: OrderError, params: Record<string, string> = {}): never => {
    throw new DomainError(code, params);
  };
  const now = merchantNow(context, merchant);

  if (!input.workflowNumber) fail('workflow_missing');
  const workflow = /^\d{1,9}$/.test(input.workflowNumber!.trim())
    ? findWorkflow(merchant, Number(input.workflowNumber))
    : undefined;
  if (!workflow) fail('workflow_unknown', { id: input.workflowNumber!, number: input.workflowNumber! });

  const orderNumber = input.orderNumber?.trim();
  if (!orderNumber) fail('order_number_missing');
  if (orderNumber!.length > MAX_ORDER_NUMBER_LENGTH) fail('order_number_too_long');
  // Dots were accepted in 2014 and became dashes in the Billink number (spec §2.2).
  if (!/^[A-Za-z0-9_.-]+$/.test(orderNumber!)) fail('order_number_invalid');
  if (!input.date) fail('date_missing');
  const orderDate = parseWireDate(input.date!);
  if (!orderDate) fail('date_invalid');

  const customer = validateCustomer(input, { context: 'order', minimumAge: ORDER_MINIMUM_AGE, today: amsterdamDate(now) });
  if (!workflow!.customerTypes.includes(customer.type)) {
    fail('workflow_type_mismatch', { id: String(workflow!.number), number: String(workflow!.number) });
  }

  const currency = (input.currency?.toUpperCase() ?? 'EUR') as Currency;
  if (!CURRENCIES.includes(currency)) fail('currency_invalid');
  if (input.additionalText && !isPrintable(input.additionalText, 255)) fail('additional_text_invalid');
  if (input.bankAccountNumber || input.bankAccountHolder) {
    if (!input.bankAccountNumber) fail('bank_account_missing');
    if (!input.bankAccountHolder) fail('bank_account_holder_missing');
    if (!isValidIban(input.bankAccountNumber!)) fail('iban_invalid');
  }
  if (input.mandateId && !/^\d+$/.test(input.mandateId)) fail('mandate_id_invalid');
  if (input.mandateType && !['FIRST', 'RECURRING', 'ONETIME'].includes(input.mandateType.toUpperCase())) {
    fail('mandate_type_invalid');
  }

  const lines = parseLines(input.items);
  const total = lines.reduce((sum, line) => sum + line.totalInclusive, 0);
  if (total <= 0) fail('order_total_invalid');
  if (workflow!.maxAmount !== null && total > workflow!.maxAmount) fail('amount_over_workflow_maximum');
  // Per rate, like the invoice PDF's VAT rows, so the stored VAT is the sum of what the invoice shows.
  const vat = vatBreakdown(lines).reduce((sum, row) => sum + row.vat, 0);

  const invoiceNumber = billinkInvoiceNumber(merchant.code, orderNumber!);
  const keys = customerKeys(customer);
  const uuid = input.checkUuid?.trim().toLowerCase();
  if (!uuid) fail('check_missing');

  const verifyCheck = (check: CreditCheck | undefined): CreditCheck => {
    if (!check) return fail('check_unknown');
    // A check speaks for one customer only: a UUID passed to another customer is not theirs to use.
    if (!isSameCustomer(check.customerKeys, keys)) fail('check_unknown');
    if (check.usedAt) fail('check_used');
    if (check.expiresAt.getTime() <= now.getTime()) fail('check_expired');
    if (check.workflowNumber !== workflow!.number) fail('check_workflow_mismatch');
    if (total > check.amount) fail('amount_over_checked');
    return check;
  };

  if (input.validateOnly) {
    verifyCheck(await context.store.read.checks.find(merchant.id, uuid!));
    const { invoices } = context.store.read;
    const taken =
      (await invoices.numberTaken(merchant.id, orderNumber!, invoiceNumber)) ||
      (await invoices.numberTaken(merchant.id, invoiceNumber, orderNumber!));
    if (taken) fail('order_number_taken', { number: orderNumber! });
    return { validated: true, invoiceNumber };
  }

  const draft: Omit<Invoice, 'id'> = {
    merchantId: merchant.id,
    workflowNumber: workflow!.number,
    merchantNumber: orderNumber!,
    invoiceNumber,
    orderDate: orderDate!,
    currency,
    customer,
    customerKeys: keys,
    lines,
    total,
    vat,
    paid: 0,
    credited: 0,
    status: 'open',
    step: 'not_started',
    workflowStartedAt: undefined,
    dueDate: undefined,
    onHoldUntil: undefined,
    holdDaysUsed: 0,
    sandbox: isSandbox(merchant),
    additionalText: input.additionalText,
    trackAndTrace: input.trackAndTrace,
    fileToken: context.ids.token(),
    createdAt: now,
    checkUuid: uuid,
    customInvoiceId: input.customInvoiceId,
  };

  return context.store.transaction(async (tx: Repositories) => {
    // Everything the order reads is asked for at once, before the check is looked at, so that on
    // PostgreSQL it all leaves in one write and costs one round trip (docs/benchmarks.md). The
    // database still takes the steps in this order: the check's row lock, the customer's lock,
    // then the exposure read under it. A check that fails verification, or that the rules did not
    // decide (a sandbox backdoor), leaves the lock and the reads unused; the lock is then held to
    // the end of a transaction that needed none, which can only make a concurrent order of the
    // same customer wait.
    const found = tx.checks.findForUpdate(merchant.id, uuid!);
    const customerLocked = tx.invoices.lockCustomer(keys);
    const exposure = tx.invoices.exposure(keys, isSandbox(merchant));
    // Later calls name an invoice by either number, so neither may name another invoice: order
    // `foo` (Billink `1TSTfoo`) and order `1TSTfoo` would share a name. The unique keys cover each
    // column on its own; this covers one column against the other.
    const numberTaken = tx.invoices.numberTaken(merchant.id, invoiceNumber, orderNumber!);
    // Each is awaited below unless the order fails first; a failure of one then fails the same transaction.
    for (const pending of [customerLocked, exposure, numberTaken]) pending.catch(() => {});
    const check = verifyCheck(await found);
    if (check.decidedBy === 'rules') {
      // Two checks may have been approved before either order arrived; weigh the exposure again
      // under the customer's lock so the limit holds across them (Order 701).
      await customerLocked;
      const decision = decideCredit({
        customer,
        amount: total,
        exposure: await exposure,
        sandbox: isSandbox(merchant),
        backdoor: undefined,
        limits: context.settings.creditLimits,
      });
      if (!decision.approved) fail('credit_declined');
    }
    if (await numberTaken) fail('order_number_taken', { number: orderNumber! });
    // The check is marked used by the same statement that inserts the invoice.
    const inserted = await tx.invoices.insert(draft, { uuid: check.uuid, at: now });
    if (inserted === 'duplicate') fail('order_number_taken', { number: orderNumber! });
    const { id } = inserted as { id: string };
    await tx.events.append({ type: 'order_placed', merchantId: merchant.id, invoiceId: id, at: now });
    return { validated: false, invoice: { ...draft, id } };
  });
}

function isPrintable(text: string, maxLength: number): boolean {
  return text.length <= maxLength && !/[\u0000-\u001f\u007f]/.test(text);
}

/** The same person: the same e-mail address, or the same birth date, postal code and house number. */
function isSameCustomer(checked: CustomerKeys, ordering: CustomerKeys): boolean {
  return checked.email === ordering.email || (checked.identity !== undefined && checked.identity === ordering.identity);
}
