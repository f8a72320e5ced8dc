/**
 * Use case: the reconciliation list (spec §2.11), a merchant's invoices page by page, optionally
 * between two invoice dates. Reads only, so it reads outside a transaction.
 */
import type { CoreContext } from '../context.js';
import type { Merchant } from '../merchants/merchant.js';
import type { InvoiceSummary } from '../ports.js';
import { type IsoDate, parseWireDate } from '../shared/dates.js';
import { legacyPaidOut } from './invoice-status.js';
import { DomainError } from '../shared/errors.js';

export const LIST_INVOICES_ERRORS = ['page_invalid', 'date_from_invalid', 'date_to_invalid', 'date_range_invalid', 'invoices_not_found'] as const;
export type ListInvoicesError = (typeof LIST_INVOICES_ERRORS)[number];

export const INVOICES_PER_PAGE = 100;

export interface ListInvoicesInput {
  /** 1-based; absent means the first page. */
  page?: string | undefined;
  /** Inclusive bounds on the invoice date, `yyyy-mm-dd` or `dd-mm-yyyy`. */
  dateFrom?: string | undefined;
  dateTo?: string | undefined;
}

export interface InvoicePage {
  invoices: InvoiceSummary[];
  page: number;
  totalInvoices: number;
  totalPages: number;
}

export async function listInvoices(context: CoreContext, merchant: Merchant, input: ListInvoicesInput): Promise<InvoicePage> {
  const fail = (code: ListInvoicesError): never => {
    throw new DomainError(code);
  };
  const pageText = input.page?.trim() || '1';
  const page = /^\d{1,6}$/.test(pageText) ? Number(pageText) : 0;
  if (page < 1) fail('page_invalid');
  const from = optionalDate(input.dateFrom, () => fail('date_from_invalid'));
  const to = optionalDate(input.dateTo, () => fail('date_to_invalid'));
  if (from && to && from > to) fail('date_range_invalid');

  const { invoices, total } = await context.store.read.invoiceLists.page(
    merchant.id,
    { from, to },
    (page - 1) * INVOICES_PER_PAGE,
    INVOICES_PER_PAGE,
  );
  // The documentation answers 404 when nothing matches, a page past the end included.
  if (invoices.length === 0) fail('invoices_not_found');
  // PAIDOUT of an invoice whose life cycle was never stored follows the rule status used before.
  const listed = invoices.map((invoice) => ({ ...invoice, paidOut: invoice.paidOut ?? legacyPaidOut(merchant, invoice) }));
  return { invoices: listed, page, totalInvoices: total, totalPages: Math.ceil(total / INVOICES_PER_PAGE) };
}

function optionalDate(text: string | undefined, invalid: () => never): IsoDate | undefined {
  if (!text?.trim()) return undefined;
  return parseWireDate(text) ?? invalid();
}
