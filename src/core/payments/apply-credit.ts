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
import type { Repositories } from '../ports.js';
import { applyToInvoice } from '../invoices/life-cycle/apply-to-invoice.js';
import { DomainError } from '../shared/errors.js';
import { type Cents, parseAmount } from '../shared/money.js';

export const CREDIT_ERRORS = ['invoices_missing', 'workflow_unknown', 'invoices_too_many'] as const;
export type CreditError = (typeof CREDIT_ERRORS)[number];
export type CreditItemResult =
  /** `restarted`: the credit restarted the invoice's current step (docs/collection.md "The life cycle"). */
  | { outcome: 'applied'; amount: Cents; closed: boolean; restarted: boolean }
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
    const results: { number: string; result: CreditItemResult }[] = [];
    for (const request of requests) results.push({ number: request.number, result: await applyOne(tx, merchant, invoices, request, now) });
    return results;
  });
}

async function applyOne(
  tx: Repositories,
  merchant: Merchant,
  invoices: LockedInvoices,
  item: CreditInput & { number: string },
  now: Date,
): Promise<CreditItemResult> {
  const { number } = item;
  if (!number) return { outcome: 'unknown' };
  const amount = item.amount === undefined ? undefined : parseAmount(item.amount);
  const invoice = invoices.find(number);
  if (!invoice || !workflowMatches(item, invoice.workflowNumber)) return { outcome: 'unknown' };
  if (amount === undefined || amount <= 0) return { outcome: 'amount_invalid' };
  if (invoice.status !== 'open') return { outcome: 'not_possible' };

  const description = item.description?.slice(0, MAX_CREDIT_DESCRIPTION);
  const applied = await applyToInvoice(tx, merchant, invoice, { type: 'credit', amount }, now, description);
  // The life cycle refuses a closed invoice and more than the principal open: both are 'not possible'.
  if (!applied.ok) return applied.refusal === 'amount_invalid' ? { outcome: 'amount_invalid' } : { outcome: 'not_possible' };
  invoices.replace(applied.invoice);
  const closed = applied.state.step === 'paid' || applied.state.step === 'credited';
  return { outcome: 'applied', amount, closed, restarted: applied.restarted };
}
