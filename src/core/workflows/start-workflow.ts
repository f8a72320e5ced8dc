/**
 * Use case: start the collection workflow ("activate order", spec §2.3) for up to ten invoices.
 * All items are started in one transaction, with one statement that looks up and locks them all,
 * so the answer per item is exactly what happened.
 */
import { merchantNow } from '../shared/merchant-clocks.js';
import type { CoreContext } from '../context.js';
import type { Merchant } from '../merchants/merchant.js';
import { type InvoiceReference, workflowMatches } from '../invoices/invoice-reference.js';
import { LockedInvoices } from '../invoices/locked-invoices.js';
import type { Repositories } from '../ports.js';
import { DomainError } from '../shared/errors.js';
import { applyToInvoice } from '../invoices/life-cycle/apply-to-invoice.js';

export const START_WORKFLOW_ERRORS = ['invoices_missing', 'invoices_too_many', 'invoices_unknown'] as const;
export type StartWorkflowError = (typeof START_WORKFLOW_ERRORS)[number];
export type StartWorkflowItemResult = 'started' | 'already_started' | 'unknown';

export const MAX_INVOICES_PER_START = 10;
/** Payment term when a workflow has none configured. */
export const DEFAULT_PAYMENT_TERM_DAYS = 14;

export async function startWorkflows(
  context: CoreContext,
  merchant: Merchant,
  references: readonly InvoiceReference[],
): Promise<{ number: string; result: StartWorkflowItemResult }[]> {
  if (references.length === 0) throw new DomainError<StartWorkflowError>('invoices_missing');
  if (references.length > MAX_INVOICES_PER_START) throw new DomainError<StartWorkflowError>('invoices_too_many');

  const requests = references.map((reference) => ({ ...reference, number: reference.number?.trim() ?? '' }));
  return context.store.transaction(async (tx) => {
    const invoices = await LockedInvoices.lock(tx, merchant.id, requests.map((request) => request.number));
    const now = merchantNow(context, merchant);
    const results: { number: string; result: StartWorkflowItemResult }[] = [];
    for (const request of requests) results.push({ number: request.number, result: await startOne(tx, merchant, invoices, request, now) });
    // Billink answered a request none of whose invoices exists with a request-level 704 naming the
    // number (`704 Unknown invoice number: I2014.001.234`, spec §2.3, recorded); with at least one
    // known invoice the unknown ones are items with code -1. An unknown item writes nothing, so
    // when every item is unknown nothing was changed.
    if (results.every(({ result }) => result === 'unknown')) {
      throw new DomainError<StartWorkflowError>('invoices_unknown', { number: results[0]!.number });
    }
    return results;
  });
}

async function startOne(
  tx: Repositories,
  merchant: Merchant,
  invoices: LockedInvoices,
  reference: InvoiceReference & { number: string },
  now: Date,
): Promise<StartWorkflowItemResult> {
  const invoice = reference.number ? invoices.find(reference.number) : undefined;
  if (!invoice || !workflowMatches(reference, invoice.workflowNumber)) return 'unknown';
  if (invoice.step !== 'not_started' || invoice.status !== 'open') return 'already_started';
  // The life cycle schedules the invoice e-mail after the start delay and, on a guaranteed
  // workflow, the payout (docs/collection.md "The default course").
  const applied = await applyToInvoice(tx, merchant, invoice, { type: 'start' }, now);
  if (!applied.ok) return 'already_started';
  invoices.replace(applied.invoice);
  return 'started';
}
