/**
 * GET /dashboard/invoices (search, filters, keyset pages) and GET /dashboard/invoices/:number
 * (lines, amounts, customer, timeline, PDF and the actions). The invoice is looked up within the
 * signed-in merchant, so another merchant's number is simply not found.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readInvoiceListQuery } from '../../core/dashboard/invoice-filters.js';
import { readInvoiceTimeline } from '../../core/dashboard/read-invoice-timeline.js';
import { isDomainError } from '../../core/shared/errors.js';
import type { DashboardContext } from './dashboard-context.js';
import { merchantOf } from './dashboard-context.js';
import { merchantNow } from '../../core/shared/merchant-clocks.js';
import { problemText } from './error-messages.js';
import { renderInvoiceList } from './render-invoice-list.js';
import { renderInvoicePage } from './render-invoice-page.js';
import type { PageHelpers } from './routes.js';
import { TEXTS } from './page-text.js';

type ListRequest = FastifyRequest<{ Querystring: Record<string, string | string[] | undefined> }>;

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function many(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export function invoicePages(app: FastifyInstance, context: DashboardContext, helpers: PageHelpers): void {
  app.get('/dashboard/invoices', async (request: ListRequest, reply) => {
    const language = request.dashboard.language;
    const text = TEXTS[language];
    const merchant = merchantOf(request);
    const given = { q: one(request.query.q), step: one(request.query.step), flags: many(request.query.flag), after: one(request.query.after), before: one(request.query.before) };
    try {
      // "On hold" is decided on the merchant's own clock, as the use cases decide it.
      const query = readInvoiceListQuery(given, merchantNow(context, merchant));
      const page = await context.invoiceSearch.search(merchant.id, query);
      return helpers.page(request, reply, 200, { title: text.invoices, section: 'invoices', main: renderInvoiceList(text, helpers.prefix(), query, page, []) });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const empty = readInvoiceListQuery({}, merchantNow(context, merchant));
      const main = renderInvoiceList(text, helpers.prefix(), empty, { rows: [], older: false, newer: false }, [problemText(error.code, language)]);
      return helpers.page(request, reply, 400, { title: `${text.problemHeading}: ${text.invoices}`, section: 'invoices', main });
    }
  });

  app.get('/dashboard/invoices/:number', async (request: FastifyRequest<{ Params: { number: string }; Querystring: { done?: string } }>, reply) => {
    const page = await invoicePage(context, request, helpers, [], request.query.done);
    return page ? helpers.page(request, reply, 200, page) : helpers.notFound(request, reply);
  });
}

/** The invoice page's parts, with problems of a refused action or the notice of a done one; undefined when not found. */
export async function invoicePage(
  context: DashboardContext,
  request: FastifyRequest<{ Params: { number: string } }>,
  helpers: PageHelpers,
  problems: readonly string[],
  done: string | undefined,
) {
  const text = TEXTS[request.dashboard.language];
  const merchant = merchantOf(request);
  let found;
  try {
    found = await readInvoiceTimeline(context, merchant, { number: request.params.number });
  } catch (error) {
    if (isDomainError(error)) return undefined;
    throw error;
  }
  const { invoice, timeline } = found;
  const invoicePath = `${helpers.prefix()}/dashboard/invoices/${encodeURIComponent(invoice.invoiceNumber)}`;
  const main = renderInvoicePage({
    language: request.dashboard.language,
    text,
    prefix: helpers.prefix(),
    viewer: request.dashboard.viewer!,
    invoice,
    merchant,
    timeline,
    pdfUrl: `${helpers.prefix()}/files/invoices/${invoice.fileToken}/${encodeURIComponent(invoice.invoiceNumber)}.pdf`,
    mailUrl: (mailId) => `${invoicePath}/mails/${encodeURIComponent(mailId)}`,
    problems,
    done: done !== undefined && Object.hasOwn(text.doneNotices, done) ? text.doneNotices[done as keyof typeof text.doneNotices] : undefined,
  });
  return { title: `${text.invoice} ${invoice.invoiceNumber}`, section: 'invoices' as const, main };
}
