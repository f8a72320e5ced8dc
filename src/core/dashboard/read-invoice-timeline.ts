/**
 * Use case: one invoice of the merchant's with its whole timeline, for the dashboard's invoice
 * page and POST /v2/client/invoice/timeline alike. The time is the merchant's, so a sandbox
 * merchant on a test clock reads "what happens next" against its own clock.
 */
import type { CoreContext } from '../context.js';
import { findInvoice } from '../invoices/find-invoice.js';
import type { InvoiceReference } from '../invoices/invoice-reference.js';
import type { Merchant } from '../merchants/merchant.js';
import type { Invoice } from '../orders/invoice.js';
import { merchantNow } from '../shared/merchant-clocks.js';
import type { TimelineRepository } from './dashboard-ports.js';
import { type InvoiceTimeline, invoiceTimeline } from './invoice-timeline.js';

export async function readInvoiceTimeline(
  context: CoreContext & { timeline: TimelineRepository },
  merchant: Merchant,
  reference: InvoiceReference,
): Promise<{ invoice: Invoice; timeline: InvoiceTimeline }> {
  const invoice = await findInvoice(context, merchant, reference);
  const facts = await context.timeline.facts(merchant.id, invoice.id);
  return { invoice, timeline: invoiceTimeline(invoice, facts, merchantNow(context, merchant)) };
}
