/**
 * GET /dashboard/reconciliation: the payouts and fees of a period (a month by default, or from one
 * date up to another; docs/dashboard.md "Reconciliation") with the period's totals, and below them
 * the v2 reconciliation list (spec §2.11, the same listInvoices use case) of the invoices dated in
 * that period. GET /dashboard/reconciliation/payouts.csv and /dashboard/reconciliation.csv are the
 * same two lists as CSV files (csv-file.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { listPayouts, type PayoutLine, type PayoutPage, readPayoutPeriod } from '../../core/dashboard/payout-period.js';
import { INVOICES_PER_PAGE, listInvoices } from '../../core/invoices/list-invoices.js';
import type { InvoiceSummary } from '../../core/ports.js';
import { amsterdamDate } from '../../core/shared/dates.js';
import { isDomainError } from '../../core/shared/errors.js';
import { merchantNow } from '../../core/shared/merchant-clocks.js';
import type { DashboardContext } from './dashboard-context.js';
import { merchantOf } from './dashboard-context.js';
import { csvAmount, csvCell, csvFile, type CsvStyle, csvStyleFor } from './csv-file.js';
import { problemText } from './error-messages.js';
import { TEXTS } from './page-text.js';
import { renderReconciliation } from './render-reconciliation.js';
import type { PageHelpers } from './routes.js';

export { csvCell } from './csv-file.js';

type PeriodRequest = FastifyRequest<{ Querystring: { month?: string; from?: string; to?: string; page?: string; invoicePage?: string } }>;

/** 1000 pages of 100: a CSV larger than that is a job for the API's paging. */
const MAX_CSV_PAGES = 1000;

const INVOICE_COLUMNS = ['invoice_number', 'order_number', 'workflow', 'order_date', 'due_date', 'currency', 'total', 'paid', 'credited', 'open', 'status', 'step', 'custom_invoice_id'];

/** The payout table's columns, in its order; the fee terms split into their two parts. */
export const PAYOUT_COLUMNS = ['invoice_number', 'order_number', 'date', 'kind', 'currency', 'gross', 'fee_percent', 'fee_fixed', 'fee', 'net'];

function invoiceLine(invoice: InvoiceSummary, style: CsvStyle): string[] {
  return [
    csvCell(invoice.invoiceNumber),
    csvCell(invoice.merchantNumber),
    String(invoice.workflowNumber),
    invoice.orderDate,
    invoice.dueDate ?? '',
    invoice.currency,
    csvAmount(invoice.total, style),
    csvAmount(invoice.paid, style),
    csvAmount(invoice.credited, style),
    csvAmount(invoice.total - invoice.paid - invoice.credited, style),
    invoice.status,
    invoice.step,
    csvCell(invoice.customInvoiceId ?? ''),
  ];
}

export function payoutLine(line: PayoutLine, style: CsvStyle): string[] {
  return [
    csvCell(line.invoiceNumber),
    csvCell(line.merchantNumber),
    amsterdamDate(line.at),
    line.kind,
    line.currency,
    csvAmount(line.gross, style),
    // Basis points are hundredths of a percent: 150 is 1.50 %.
    csvAmount(line.terms.feeBasisPoints, style),
    csvAmount(line.terms.feeFixed, style),
    csvAmount(line.fee, style),
    csvAmount(line.net, style),
  ];
}

function periodQuery(request: PeriodRequest) {
  return { month: request.query.month, from: request.query.from, to: request.query.to };
}

export function reconciliationPages(app: FastifyInstance, context: DashboardContext, helpers: PageHelpers): void {
  app.get('/dashboard/reconciliation', async (request: PeriodRequest, reply) => {
    const language = request.dashboard.language;
    const text = TEXTS[language];
    const merchant = merchantOf(request);
    let payouts: PayoutPage | undefined;
    let invoices: Awaited<ReturnType<typeof listInvoices>> | undefined;
    const problems: string[] = [];
    try {
      payouts = await listPayouts(context, context.payouts, merchant, { ...periodQuery(request), page: request.query.page });
      invoices = await listInvoices(context, merchant, { page: request.query.invoicePage, dateFrom: payouts.period.from, dateTo: payouts.period.to });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      // "Nothing found" is an empty list here, not a problem.
      if (error.code !== 'invoices_not_found') problems.push(problemText(error.code, language));
    }
    const main = renderReconciliation({
      language,
      prefix: helpers.prefix(),
      typed: { month: request.query.month ?? '', from: request.query.from ?? '', to: request.query.to ?? '' },
      payouts,
      invoices,
      problems,
    });
    return helpers.page(request, reply, problems.length > 0 ? 400 : 200, { title: text.reconciliation, section: 'reconciliation', main });
  });

  app.get('/dashboard/reconciliation/payouts.csv', async (request: PeriodRequest, reply) => {
    const merchant = merchantOf(request);
    const style = csvStyleFor(request.dashboard.language);
    const lines: string[][] = [];
    let period;
    try {
      for (let number = 1; number <= MAX_CSV_PAGES; number++) {
        const page = await listPayouts(context, context.payouts, merchant, { ...periodQuery(request), page: String(number) }, 1000);
        period = page.period;
        lines.push(...page.lines.map((line) => payoutLine(line, style)));
        if (number >= page.pages) break;
      }
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return helpers.showProblem(request, reply, 400, error.code);
    }
    return sendCsv(reply, `payouts-${merchant.username}-${period!.from}-${period!.to}.csv`, csvFile(style, PAYOUT_COLUMNS, lines));
  });

  app.get('/dashboard/reconciliation.csv', async (request: PeriodRequest, reply) => {
    const merchant = merchantOf(request);
    const style = csvStyleFor(request.dashboard.language);
    const lines: string[][] = [];
    let period;
    try {
      period = readPayoutPeriod(periodQuery(request), amsterdamDate(merchantNow(context, merchant)));
      for (let number = 1; number <= MAX_CSV_PAGES; number++) {
        const page = await listInvoices(context, merchant, { dateFrom: period.from, dateTo: period.to, page: String(number) });
        lines.push(...page.invoices.map((invoice) => invoiceLine(invoice, style)));
        if (page.invoices.length < INVOICES_PER_PAGE || number >= page.totalPages) break;
      }
    } catch (error) {
      if (!isDomainError(error)) throw error;
      if (error.code !== 'invoices_not_found') return helpers.showProblem(request, reply, 400, error.code);
    }
    return sendCsv(reply, `reconciliation-${merchant.username}-${period!.from}-${period!.to}.csv`, csvFile(style, INVOICE_COLUMNS, lines));
  });
}

function sendCsv(reply: import('fastify').FastifyReply, name: string, body: string) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(body);
}
