/** Use case: one invoice of the merchant's, for its PDF (spec §2.10) and similar reads. */
import type { CoreContext } from '../context.js';
import type { Merchant } from '../merchants/merchant.js';
import type { Invoice } from '../orders/invoice.js';
import { DomainError } from '../shared/errors.js';
import { type InvoiceReference, workflowMatches } from './invoice-reference.js';

export const FIND_INVOICE_ERRORS = ['invoice_number_missing', 'invoice_unknown'] as const;
export type FindInvoiceError = (typeof FIND_INVOICE_ERRORS)[number];

export async function findInvoice(context: CoreContext, merchant: Merchant, reference: InvoiceReference): Promise<Invoice> {
  const number = reference.number?.trim();
  if (!number) throw new DomainError<FindInvoiceError>('invoice_number_missing');
  const invoice = await context.store.read.invoices.find(merchant.id, number);
  if (!invoice || !workflowMatches(reference, invoice.workflowNumber)) {
    throw new DomainError<FindInvoiceError>('invoice_unknown', { number });
  }
  return invoice;
}
