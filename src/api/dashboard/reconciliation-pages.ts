/**
 * GET /dashboard/reconciliation: the v2 reconciliation list (spec §2.11, the same listInvoices use
 * case) per period of invoice dates, a page of 100 at a time, and GET
 * /dashboard/reconciliation.csv: every page of that period as one CSV file.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { INVOICES_PER_PAGE, listInvoices } from '../../core/invoices/list-invoices.js';
import type { InvoiceSummary } from '../../core/ports.js';
import { isDomainError } from '../../core/shared/errors.js';
import { formatAmount } from '../../core/shared/money.js';
import type { DashboardContext } from './dashboard-context.js';
import { merchantOf } from './dashboard-context.js';
import { problemText } from './error-messages.js';
import { TEXTS } from './page-text.js';
import { renderReconciliation } from './render-reconciliation.js';
import type { PageHelpers } from './routes.js';

type PeriodRequest = FastifyRequest<{ Querystring: { from?: string; to?: string; page?: string } }>;

/** 1000 pages of 100: a CSV larger than that is a job for the API's paging. */
const MAX_CSV_PAGES = 1000;

const CSV_COLUMNS = ['invoice_number', 'order_number', 'workflow', 'order_date', 'due_date', 'currency', 'total', 'paid', 'credited', 'open', 'status', 'step', 'custom_invoice_id'];

/**
 * RFC 4180 quoting, and a leading quote on text that a spreadsheet would run as a formula (OWASP
 * "CSV Injection"): order numbers and custom ids are the shop's customers' input at one remove.
 */
export function csvCell(value: string, text = true): string {
  const safe = text && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function csvLine(invoice: InvoiceSummary): string {
  const amount = (cents: number) => csvCell(formatAmount(cents), false);
  return [
    csvCell(invoice.invoiceNumber),
    csvCell(invoice.merchantNumber),
    String(invoice.workflowNumber),
    invoice.orderDate,
    invoice.dueDate ?? '',
    invoice.currency,
    amount(invoice.total),
    amount(invoice.paid),
    amount(invoice.credited),
    amount(invoice.total - invoice.paid - invoice.credited),
    invoice.status,
    invoice.step,
    csvCell(invoice.customInvoiceId ?? ''),
  ].join(',');
}

export function reconciliationPages(app: FastifyInstance, context: DashboardContext, helpers: PageHelpers): void {
  app.get('/dashboard/reconciliation', async (request: PeriodRequest, reply) => {
    const language = request.dashboard.language;
    const text = TEXTS[language];
    const merchant = merchantOf(request);
    const period = { from: request.query.from?.trim() || undefined, to: request.query.to?.trim() || undefined };
    let page: Awaited<ReturnType<typeof listInvoices>> | undefined;
    let problems: string[] = [];
    let status = 200;
    try {
      page = await listInvoices(context, merchant, { page: request.query.page, dateFrom: period.from, dateTo: period.to });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      // "Nothing found" is an empty list here, not a problem.
      if (error.code !== 'invoices_not_found') {
        problems = [problemText(error.code, language)];
        status = 400;
      }
    }
    const main = renderReconciliation({ text, prefix: helpers.prefix(), period, page, problems });
    return helpers.page(request, reply, status, { title: text.reconciliation, section: 'reconciliation', main });
  });

  app.get('/dashboard/reconciliation.csv', async (request: PeriodRequest, reply) => {
    const merchant = merchantOf(request);
    const period = { dateFrom: request.query.from?.trim() || undefined, dateTo: request.query.to?.trim() || undefined };
    const lines = [CSV_COLUMNS.join(',')];
    try {
      for (let number = 1; number <= MAX_CSV_PAGES; number++) {
        const page = await listInvoices(context, merchant, { ...period, page: String(number) });
        lines.push(...page.invoices.map(csvLine));
        if (page.invoices.length < INVOICES_PER_PAGE || number >= page.totalPages) break;
      }
    } catch (error) {
      if (!isDomainError(error)) throw error;
      if (error.code !== 'invoices_not_found') return helpers.showProblem(request, reply, 400, error.code);
    }
    const name = `reconciliation-${merchant.username}-${period.dateFrom ?? 'start'}-${period.dateTo ?? 'now'}.csv`.replace(/[^A-Za-z0-9._-]/g, '_');
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .send(`${lines.join('\r\n')}\r\n`);
  });
}
