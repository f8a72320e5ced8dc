/**
 * Use case: the merchant credits (refunds) part or all of an invoice (spec §2.5). A credit never
 * exceeds what is open; a fully credited invoice is closed. Serialised per invoice like payments.
 */
import type { CoreContext } from '../context.js';
import { findWorkflow, type Merchant } from '../merchants/merchant.js';
import { type InvoiceReference, workflowMatches } from '../invoices/invoice-reference.js';
import { openAmount } from '../orders/invoice.js';
import { addDays, amsterdamDate } from '../shared/dates.js';
import { DomainError } from '../shared/errors.js';
import { type Cents, parseAmount } from '../shared/money.js';
import { DEFAULT_PAYMENT_TERM_DAYS } from '../workflows/start-workflow.js';

export const CREDIT_ERRORS = ['invoices_missing', 'workflow_unknown'] as const;
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
  const results: { number: string; result: CreditItemResult }[] = [];
  for (const item of items) {
    // A top-level WORKFLOWNUMBER speaks for every item that names none, as in Payment and Status.
    const reference = { ...item, workflowNumber: item.workflowNumber ?? workflowNumber };
    results.push({ number: item.number?.trim() ?? '', result: await creditOne(context, merchant, reference) });
  }
  return results;
}

async function creditOne(context: CoreContext, merchant: Merchant, item: CreditInput): Promise<CreditItemResult> {
  const number = item.number?.trim();
  if (!number) return { outcome: 'unknown' };
  const amount = item.amount === undefined ? undefined : parseAmount(item.amount);

  return context.store.transaction(async (tx) => {
    const invoice = await tx.invoices.findForUpdate(merchant.id, number);
    if (!invoice || !workflowMatches(item, invoice.workflowNumber)) return { outcome: 'unknown' };
    if (amount === undefined || amount <= 0) return { outcome: 'amount_invalid' };
    const open = openAmount(invoice);
    if (invoice.status !== 'open' || amount > open) return { outcome: 'not_possible' };

    const now = context.clock.now();
    const closed = amount === open;
    const started = invoice.step !== 'not_started';
    const term = findWorkflow(merchant, invoice.workflowNumber)?.paymentTermDays ?? DEFAULT_PAYMENT_TERM_DAYS;
    await tx.ledger.insert({
      invoiceId: invoice.id,
      kind: 'credit',
      amount,
      description: item.description?.slice(0, MAX_CREDIT_DESCRIPTION),
      at: now,
    });
    await tx.invoices.update(invoice.id, {
      paid: invoice.paid,
      credited: invoice.credited + amount,
      // Payments already received plus this credit settle it: closed as paid, else as credited.
      status: closed ? (invoice.paid > 0 ? 'paid' : 'credited') : 'open',
      step: closed ? (invoice.paid > 0 ? 'paid' : 'credited') : invoice.step,
      workflowStartedAt: invoice.workflowStartedAt,
      // "step restarted" (spec §2.5): the customer gets a fresh term for the lower amount.
      dueDate: started && !closed ? addDays(amsterdamDate(now), term) : invoice.dueDate,
      onHoldUntil: closed ? undefined : invoice.onHoldUntil,
    });
    const event = { merchantId: merchant.id, invoiceId: invoice.id, at: now };
    await tx.events.append({ ...event, type: closed ? 'order_fully_accredited' : 'partial_credit_added' });
    return { outcome: 'applied', amount, closed };
  });
}
