/**
 * Use case: the merchant reports money the customer paid it directly (spec §2.6). Each invoice is
 * changed under its row lock in its own transaction, so parallel payments are serialised and the
 * open amount can never go below zero.
 */
import type { CoreContext } from '../context.js';
import { findWorkflow, type Merchant } from '../merchants/merchant.js';
import { type InvoiceReference, workflowMatches } from '../invoices/invoice-reference.js';
import { openAmount } from '../orders/invoice.js';
import { DomainError } from '../shared/errors.js';
import { type Cents, parseAmount } from '../shared/money.js';

export const PAYMENT_ERRORS = ['invoices_missing', 'workflow_unknown'] as const;
export type PaymentError = (typeof PAYMENT_ERRORS)[number];
export type PaymentItemResult =
  | { outcome: 'applied'; amount: Cents; paidInFull: boolean }
  | { outcome: 'unknown' | 'already_paid' | 'description_too_long' | 'amount_invalid' | 'amount_exceeds_open' | 'invoice_closed' };

export interface PaymentInput extends InvoiceReference {
  amount?: string | undefined;
  description?: string | undefined;
}

export const MAX_PAYMENT_DESCRIPTION = 30;

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
  const results: { number: string; result: PaymentItemResult }[] = [];
  for (const item of items) {
    const number = item.number?.trim() ?? '';
    results.push({ number, result: await payOne(context, merchant, { ...item, workflowNumber: item.workflowNumber ?? workflowNumber }) });
  }
  return results;
}

async function payOne(context: CoreContext, merchant: Merchant, item: PaymentInput): Promise<PaymentItemResult> {
  const number = item.number?.trim();
  if (!number) return { outcome: 'unknown' };
  if (item.description && item.description.length > MAX_PAYMENT_DESCRIPTION) return { outcome: 'description_too_long' };
  const amount = item.amount === undefined ? undefined : parseAmount(item.amount);

  return context.store.transaction(async (tx) => {
    const invoice = await tx.invoices.findForUpdate(merchant.id, number);
    if (!invoice || !workflowMatches(item, invoice.workflowNumber)) return { outcome: 'unknown' };
    if (invoice.status === 'paid') return { outcome: 'already_paid' };
    if (invoice.status === 'credited') return { outcome: 'invoice_closed' };
    if (amount === undefined || amount <= 0) return { outcome: 'amount_invalid' };
    const open = openAmount(invoice);
    if (amount > open) return { outcome: 'amount_exceeds_open' };

    const now = context.clock.now();
    const paid = invoice.paid + amount;
    const paidInFull = amount === open;
    await tx.ledger.insert({ invoiceId: invoice.id, kind: 'payment', amount, description: item.description, at: now });
    await tx.invoices.update(invoice.id, {
      paid,
      credited: invoice.credited,
      status: paidInFull ? 'paid' : 'open',
      step: paidInFull ? 'paid' : invoice.step,
      workflowStartedAt: invoice.workflowStartedAt,
      dueDate: invoice.dueDate,
      onHoldUntil: paidInFull ? undefined : invoice.onHoldUntil,
    });
    const event = { merchantId: merchant.id, invoiceId: invoice.id, at: now };
    if (!paidInFull) {
      await tx.events.append({ ...event, type: 'partial_payment_added' });
    } else {
      await tx.events.append({ ...event, type: 'order_paid' });
      // Nothing was credited: the customer paid the whole invoice.
      if (invoice.credited === 0) await tx.events.append({ ...event, type: 'customer_fully_paid' });
    }
    return { outcome: 'applied', amount, paidInFull };
  });
}
