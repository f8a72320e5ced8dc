/**
 * Use case: the merchant credits (refunds) part or all of an invoice (spec §2.5). A credit never
 * exceeds what is open; a fully credited invoice is closed. Serialised per invoice like payments, and
 * like payments all items of one request are applied in one transaction.
 */
import { merchantNow } from '../shared/merchant-clocks.js';
import type { CoreContext } from '../context.js';
import { findWorkflow, type Merchant } from '../merchants/merchant.js';
import { type InvoiceReference, workflowMatches } from '../invoices/invoice-reference.js';
import { LockedInvoices } from '../invoices/locked-invoices.js';
import { type Invoice, openAmount } from '../orders/invoice.js';
import type { Repositories } from '../ports.js';
import { addDays, amsterdamDate } from '../shared/dates.js';
import { DomainError } from '../shared/errors.js';
import { type Cents, parseAmount } from '../shared/money.js';
import { DEFAULT_PAYMENT_TERM_DAYS } from '../workflows/start-workflow.js';

export const CREDIT_ERRORS = ['invoices_missing', 'workflow_unknown', 'invoices_too_many'] as const;
export type CreditError = (typeof CREDIT_ERRORS)[number];
export type CreditItemResult =
  | { outcome: 'applied'; amount: Cents; closed: boolean }
  | { outcome: 'unknown' | 'not_possible' | 'amount_invalid' };

export interface CreditInput extends InvoiceReference {
  amount?: string | undefined;
  description?: string | undefined;
}

/** Longer descriptions are cut, as WooCommerce's plugin does before sending (spec §2.5). */
export const MAX_CREDIT_DESCRIPTION = 254;
/** The same cap as payments (register-payment.ts). */
export const MAX_INVOICES_PER_CREDIT = 100;

export async function applyCredits(
  context: CoreContext,
  merchant: Merchant,
  workflowNumber: string | undefined,
  items: readonly CreditInput[],
): Promise<{ number: string; result: CreditItemResult }[]> {
  if (workflowNumber && !findWorkflow(merchant, Number(workflowNumber))) {
    throw new DomainError<CreditError>('workflow_unknown', { number: workflowNumber });
  }
  if (items.length === 0) throw new DomainError<CreditError>('invoices_missing');
  if (items.length > MAX_INVOICES_PER_CREDIT) throw new DomainError<CreditError>('invoices_too_many');
  // A top-level WORKFLOWNUMBER speaks for every item that names none, as in Payment and Status.
  const requests = items.map((item) => ({ ...item, number: item.number?.trim() ?? '', workflowNumber: item.workflowNumber ?? workflowNumber }));

  // One transaction for the whole request, as in register-payment.ts: booked whole or not at all.
  return context.store.transaction(async (tx) => {
    const invoices = await LockedInvoices.lock(tx, merchant.id, requests.map((request) => request.number));
    const now = merchantNow(context, merchant);
    // Every item is decided before anything is written.
    const decisions = requests.map((request) => decide(merchant, invoices, request, now));
    for (const { booking } of decisions) if (booking) await book(tx, merchant, booking, now);
    return decisions.map(({ number, result }) => ({ number, result }));
  });
}

interface Booking {
  after: Invoice;
  amount: Cents;
  description: string | undefined;
}

function decide(
  merchant: Merchant,
  invoices: LockedInvoices,
  item: CreditInput & { number: string },
  now: Date,
): { number: string; result: CreditItemResult; booking?: Booking } {
  const { number } = item;
  const answer = (result: CreditItemResult) => ({ number, result });
  if (!number) return answer({ outcome: 'unknown' });
  const amount = item.amount === undefined ? undefined : parseAmount(item.amount);
  const invoice = invoices.find(number);
  if (!invoice || !workflowMatches(item, invoice.workflowNumber)) return answer({ outcome: 'unknown' });
  if (amount === undefined || amount <= 0) return answer({ outcome: 'amount_invalid' });
  const open = openAmount(invoice);
  if (invoice.status !== 'open' || amount > open) return answer({ outcome: 'not_possible' });

  const closed = amount === open;
  const started = invoice.step !== 'not_started';
  const term = findWorkflow(merchant, invoice.workflowNumber)?.paymentTermDays ?? DEFAULT_PAYMENT_TERM_DAYS;
  const after: Invoice = {
    ...invoice,
    credited: invoice.credited + amount,
    // Payments already received plus this credit settle it: closed as paid, else as credited.
    status: closed ? (invoice.paid > 0 ? 'paid' : 'credited') : 'open',
    step: closed ? (invoice.paid > 0 ? 'paid' : 'credited') : invoice.step,
    // "step restarted" (spec §2.5): the customer gets a fresh term for the lower amount.
    dueDate: started && !closed ? addDays(amsterdamDate(now), term) : invoice.dueDate,
    onHoldUntil: closed ? undefined : invoice.onHoldUntil,
  };
  invoices.replace(after);
  return {
    number,
    result: { outcome: 'applied', amount, closed },
    booking: { after, amount, description: item.description?.slice(0, MAX_CREDIT_DESCRIPTION) },
  };
}

async function book(tx: Repositories, merchant: Merchant, booking: Booking, now: Date): Promise<void> {
  const { after, amount } = booking;
  await tx.ledger.insert({ invoiceId: after.id, kind: 'credit', amount, description: booking.description, at: now });
  await tx.invoices.update(after.id, after);
  const closed = after.status !== 'open';
  await tx.events.append({ merchantId: merchant.id, invoiceId: after.id, at: now, type: closed ? 'order_fully_accredited' : 'partial_credit_added' });
}
