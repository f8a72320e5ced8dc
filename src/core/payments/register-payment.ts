/**
 * Use case: the merchant reports money the customer paid it directly (spec §2.6). All items of one
 * request are applied in one transaction under the invoices' row locks, so parallel payments are
 * serialised, the open amount can never go below zero, and a request is booked whole or not at all.
 */
import { merchantNow } from '../shared/merchant-clocks.js';
import type { CoreContext } from '../context.js';
import { findWorkflow, type Merchant } from '../merchants/merchant.js';
import { type InvoiceReference, workflowMatches } from '../invoices/invoice-reference.js';
import { LockedInvoices } from '../invoices/locked-invoices.js';
import { type Invoice, openAmount } from '../orders/invoice.js';
import type { Repositories } from '../ports.js';
import { DomainError } from '../shared/errors.js';
import { type Cents, parseAmount } from '../shared/money.js';

export const PAYMENT_ERRORS = ['invoices_missing', 'workflow_unknown', 'invoices_too_many'] as const;
export type PaymentError = (typeof PAYMENT_ERRORS)[number];
export type PaymentItemResult =
  | { outcome: 'applied'; amount: Cents; paidInFull: boolean }
  | { outcome: 'unknown' | 'already_paid' | 'description_too_long' | 'amount_invalid' | 'amount_exceeds_open' | 'invoice_closed' };

export interface PaymentInput extends InvoiceReference {
  amount?: string | undefined;
  description?: string | undefined;
}

export const MAX_PAYMENT_DESCRIPTION = 30;
/** No client sends more; Billink caps its batch read (Status) at the same 100 (docs/legacy-api.md). */
export const MAX_INVOICES_PER_PAYMENT = 100;

export async function registerPayments(
  context: CoreContext,
  merchant: Merchant,
  workflowNumber: string | undefined,
  items: readonly PaymentInput[],
): Promise<{ number: string; result: PaymentItemResult }[]> {
  if (workflowNumber && !findWorkflow(merchant, Number(workflowNumber))) {
    throw new DomainError<PaymentError>('workflow_unknown', { number: workflowNumber });
  }
  if (items.length === 0 || items.every((item) => !item.number)) throw new DomainError<PaymentError>('invoices_missing');
  if (items.length > MAX_INVOICES_PER_PAYMENT) throw new DomainError<PaymentError>('invoices_too_many');
  const requests = items.map((item) => ({ ...item, number: item.number?.trim() ?? '', workflowNumber: item.workflowNumber ?? workflowNumber }));

  // One transaction for the whole request: either every item's answer is what was booked, or an
  // unexpected failure undoes all of it and the client can safely send the request again.
  return context.store.transaction(async (tx) => {
    const invoices = await LockedInvoices.lock(tx, merchant.id, requests.map((request) => request.number));
    // Every item is decided before anything is written.
    const decisions = requests.map((request) => decide(invoices, request));
    const now = merchantNow(context, merchant);
    for (const { booking } of decisions) if (booking) await book(tx, merchant, booking, now);
    return decisions.map(({ number, result }) => ({ number, result }));
  });
}

interface Booking {
  before: Invoice;
  after: Invoice;
  amount: Cents;
  description: string | undefined;
}

function decide(invoices: LockedInvoices, item: PaymentInput & { number: string }): { number: string; result: PaymentItemResult; booking?: Booking } {
  const { number } = item;
  const answer = (result: PaymentItemResult) => ({ number, result });
  if (!number) return answer({ outcome: 'unknown' });
  if (item.description && item.description.length > MAX_PAYMENT_DESCRIPTION) return answer({ outcome: 'description_too_long' });
  const amount = item.amount === undefined ? undefined : parseAmount(item.amount);
  const invoice = invoices.find(number);
  if (!invoice || !workflowMatches(item, invoice.workflowNumber)) return answer({ outcome: 'unknown' });
  if (invoice.status === 'paid') return answer({ outcome: 'already_paid' });
  if (invoice.status === 'credited') return answer({ outcome: 'invoice_closed' });
  if (amount === undefined || amount <= 0) return answer({ outcome: 'amount_invalid' });
  const open = openAmount(invoice);
  if (amount > open) return answer({ outcome: 'amount_exceeds_open' });

  const paidInFull = amount === open;
  const after: Invoice = {
    ...invoice,
    paid: invoice.paid + amount,
    status: paidInFull ? 'paid' : 'open',
    step: paidInFull ? 'paid' : invoice.step,
    onHoldUntil: paidInFull ? undefined : invoice.onHoldUntil,
  };
  invoices.replace(after);
  return { number, result: { outcome: 'applied', amount, paidInFull }, booking: { before: invoice, after, amount, description: item.description } };
}

async function book(tx: Repositories, merchant: Merchant, booking: Booking, now: Date): Promise<void> {
  const { before, after, amount } = booking;
  await tx.ledger.insert({ invoiceId: after.id, kind: 'payment', amount, description: booking.description, at: now });
  await tx.invoices.update(after.id, after);
  const event = { merchantId: merchant.id, invoiceId: after.id, at: now };
  if (after.status !== 'paid') {
    await tx.events.append({ ...event, type: 'partial_payment_added' });
  } else {
    await tx.events.append({ ...event, type: 'order_paid' });
    // Nothing was credited: the customer paid the whole invoice.
    if (before.credited === 0) await tx.events.append({ ...event, type: 'customer_fully_paid' });
  }
}
