/**
 * Use case: a payment on invoices: money the customer paid the merchant directly (the Payment
 * API, spec §2.6, channel `merchant`) or paid the platform (the pay page, channel `platform`). All items of one
 * request are applied in one transaction under the invoices' row locks, so parallel payments are
 * serialised, the open amount can never go below zero, and a request is booked whole or not at all.
 */
import { merchantNow } from '../shared/merchant-clocks.js';
import type { CoreContext } from '../context.js';
import { findWorkflow, type Merchant } from '../merchants/merchant.js';
import { type InvoiceReference, workflowMatches } from '../invoices/invoice-reference.js';
import { LockedInvoices } from '../invoices/locked-invoices.js';
import type { Repositories } from '../ports.js';
import { applyToInvoice } from '../invoices/life-cycle/apply-to-invoice.js';
import type { PaymentChannel, Refusal } from '../invoices/life-cycle/types.js';
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
  /** Who received the money: the merchant (the Payment API, spec §2.6) or the platform (the pay page). */
  channel: PaymentChannel,
): Promise<{ number: string; result: PaymentItemResult }[]> {
  if (workflowNumber && !findWorkflow(merchant, Number(workflowNumber))) {
    throw new DomainError<PaymentError>('workflow_unknown', { number: workflowNumber });
  }
  if (items.length === 0 || items.every((item) => !item.number)) throw new DomainError<PaymentError>('invoices_missing');
  if (items.length > MAX_INVOICES_PER_PAYMENT) throw new DomainError<PaymentError>('invoices_too_many');
  const requests = items.map((item) => ({ ...item, number: item.number?.trim() ?? '', workflowNumber: item.workflowNumber ?? workflowNumber }));

  // One transaction for the whole request: either every item's answer is what was booked, or an
  // unexpected failure undoes all of it and the client can safely send the request again. Items
  // are applied in order, each seeing what the ones before it changed.
  return context.store.transaction(async (tx) => {
    const invoices = await LockedInvoices.lock(tx, merchant.id, requests.map((request) => request.number));
    const now = merchantNow(context, merchant);
    const results: { number: string; result: PaymentItemResult }[] = [];
    for (const request of requests) results.push({ number: request.number, result: await applyOne(tx, merchant, invoices, request, channel, now) });
    return results;
  });
}

async function applyOne(
  tx: Repositories,
  merchant: Merchant,
  invoices: LockedInvoices,
  item: PaymentInput & { number: string },
  channel: PaymentChannel,
  now: Date,
): Promise<PaymentItemResult> {
  const { number } = item;
  if (!number) return { outcome: 'unknown' };
  if (item.description && item.description.length > MAX_PAYMENT_DESCRIPTION) return { outcome: 'description_too_long' };
  const amount = item.amount === undefined ? undefined : parseAmount(item.amount);
  const invoice = invoices.find(number);
  if (!invoice || !workflowMatches(item, invoice.workflowNumber)) return { outcome: 'unknown' };
  if (invoice.status === 'paid') return { outcome: 'already_paid' };
  if (invoice.status === 'credited') return { outcome: 'invoice_closed' };
  if (amount === undefined || amount <= 0) return { outcome: 'amount_invalid' };

  const applied = await applyToInvoice(tx, merchant, invoice, { type: 'payment', amount, channel }, now, item.description);
  if (!applied.ok) return { outcome: REFUSALS[applied.refusal] ?? 'amount_exceeds_open' };
  invoices.replace(applied.invoice);
  return { outcome: 'applied', amount, paidInFull: applied.state.step === 'paid' };
}

/** The life cycle's refusals of a payment, as the answers the contracts already give. */
const REFUSALS: Partial<Record<Refusal, Exclude<PaymentItemResult['outcome'], 'applied'>>> = {
  closed: 'already_paid',
  amount_invalid: 'amount_invalid',
  amount_exceeds_open: 'amount_exceeds_open',
};
