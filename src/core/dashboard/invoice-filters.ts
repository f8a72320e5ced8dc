/**
 * The filters of the dashboard's invoice list. A flag is a yes/no property of an invoice; adding
 * one is its name here, after which the compiler asks for its SQL predicate
 * (store/dashboard-invoice-repository.ts) and its label in both languages; disputed and paid out
 * read the life cycle's invoices.dispute_open and invoices.paid_out.
 */
import { DomainError } from '../shared/errors.js';
import { WORKFLOW_STEPS, type WorkflowStep } from '../workflows/steps.js';
import type { InvoiceSearch } from './dashboard-ports.js';

export const INVOICE_FLAGS = ['paid', 'on_hold', 'in_collection', 'disputed', 'paid_out'] as const;
export type InvoiceFlag = (typeof INVOICE_FLAGS)[number];

export const INVOICE_SEARCH_ERRORS = ['search_too_long', 'step_unknown', 'filter_unknown', 'cursor_invalid'] as const;
export type InvoiceSearchError = (typeof INVOICE_SEARCH_ERRORS)[number];

export const INVOICES_PER_DASHBOARD_PAGE = 50;
/** Longer than any number, e-mail address (RFC 5321 §4.5.3.1.3: 254) or name worth searching. */
export const MAX_SEARCH_LENGTH = 254;

export interface InvoiceListQuery {
  q?: string | undefined;
  step?: string | undefined;
  flags?: readonly string[] | undefined;
  after?: string | undefined;
  before?: string | undefined;
}

/** Reads the list's query string; anything it does not know is refused, never guessed. */
export function readInvoiceListQuery(query: InvoiceListQuery, now: Date): InvoiceSearch {
  const text = query.q?.trim() || undefined;
  if (text && text.length > MAX_SEARCH_LENGTH) throw new DomainError<InvoiceSearchError>('search_too_long');
  const step = query.step?.trim() || undefined;
  if (step !== undefined && !(WORKFLOW_STEPS as readonly string[]).includes(step)) throw new DomainError<InvoiceSearchError>('step_unknown');
  const flags = [...new Set(query.flags ?? [])];
  if (!flags.every((flag): flag is InvoiceFlag => (INVOICE_FLAGS as readonly string[]).includes(flag))) {
    throw new DomainError<InvoiceSearchError>('filter_unknown');
  }
  const cursor = (value: string | undefined) => {
    if (value === undefined || value === '') return undefined;
    if (!/^\d{1,18}$/.test(value)) throw new DomainError<InvoiceSearchError>('cursor_invalid');
    return value;
  };
  return {
    text,
    step: step as WorkflowStep | undefined,
    flags: flags as InvoiceFlag[],
    after: cursor(query.after),
    before: cursor(query.before),
    limit: INVOICES_PER_DASHBOARD_PAGE,
    now,
  };
}
