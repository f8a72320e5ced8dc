/**
 * Use case: resume an invoice's workflow (spec §2.8). Resuming an invoice that is not on hold
 * succeeds too: avido's client test suite relies on it.
 */
import { merchantNow } from '../shared/merchant-clocks.js';
import type { CoreContext } from '../context.js';
import type { Merchant } from '../merchants/merchant.js';
import { type InvoiceReference, workflowMatches } from '../invoices/invoice-reference.js';
import { DomainError } from '../shared/errors.js';
import { applyToInvoice } from '../invoices/life-cycle/apply-to-invoice.js';
import { remainingHoldDays } from './put-on-hold.js';

export const RESUME_ERRORS = ['invoice_number_missing', 'invoice_unknown', 'resume_param_unsupported'] as const;
export type ResumeError = (typeof RESUME_ERRORS)[number];

export interface ResumeInput extends InvoiceReference {
  /** RESUME as sent; `y` (avido) or absent. */
  resume?: string | undefined;
}

export async function resumeWorkflow(context: CoreContext, merchant: Merchant, input: ResumeInput): Promise<void> {
  const fail = (code: ResumeError): never => {
    throw new DomainError(code);
  };
  if (input.resume !== undefined && !/^(y|yes|1|true)$/i.test(input.resume.trim())) fail('resume_param_unsupported');
  const number = input.number?.trim();
  if (!number) fail('invoice_number_missing');

  await context.store.transaction(async (tx) => {
    const invoice = await tx.invoices.findForUpdate(merchant.id, number!);
    if (!invoice || !workflowMatches(input, invoice.workflowNumber)) return fail('invoice_unknown');
    if (!invoice.onHoldUntil) return;
    const now = merchantNow(context, merchant);
    // The life cycle ends the pause: the timers run again, moved by the calendar days held.
    await applyToInvoice(tx, merchant, invoice, { type: 'resume' }, now);
    // Whole days the hold did not use are given back to the invoice's hold allowance.
    const unused = remainingHoldDays(invoice.onHoldUntil, now, Math.floor);
    await tx.invoices.setHold(invoice.id, undefined, Math.max(0, invoice.holdDaysUsed - unused));
  });
}
