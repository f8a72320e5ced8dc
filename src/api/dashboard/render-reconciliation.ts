/**
 * The reconciliation page: the period (a month with links to the months around it, or two dates),
 * the payouts and fees of that period with their totals and CSV file, and the invoices dated in it.
 */
import type { PayoutLine, PayoutPage } from '../../core/dashboard/payout-period.js';
import { shiftMonth } from '../../core/dashboard/payout-period.js';
import type { InvoicePage } from '../../core/invoices/list-invoices.js';
import { formatAmount } from '../../core/shared/money.js';
import { dateTime, escapeHtml, isoDateText, money, problemSummary } from './layout.js';
import { type DashboardText, type Language, TEXTS } from './page-text.js';
import { WORKFLOW_TEXTS, type WorkflowText } from './workflow-text.js';

export interface ReconciliationInput {
  language: Language;
  prefix: string;
  /** What the period form held, shown again as typed. */
  typed: { month: string; from: string; to: string };
  payouts: PayoutPage | undefined;
  invoices: InvoicePage | undefined;
  problems: readonly string[];
}

/** "1,50 % + € 0,25": a share in basis points and a fixed amount, in the page's language. */
export function feeTermsText(terms: PayoutLine['terms'], currency: PayoutLine['currency'], text: DashboardText): string {
  const percent = new Intl.NumberFormat(text.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(formatAmount(terms.feeBasisPoints) as `${number}`);
  return `${percent} % + ${money(terms.feeFixed, currency, text)}`;
}

export function renderReconciliation(input: ReconciliationInput): string {
  const text = TEXTS[input.language];
  const words = WORKFLOW_TEXTS[input.language];
  const base = `${input.prefix}/dashboard/reconciliation`;
  const period = input.payouts?.period;
  const query = (extra: Record<string, string>) => {
    const params = new URLSearchParams();
    if (period?.month) params.set('month', period.month);
    else if (period) {
      params.set('from', period.from);
      params.set('to', period.to);
    }
    for (const [key, value] of Object.entries(extra)) params.set(key, value);
    return escapeHtml(params.toString());
  };
  const months = period?.month
    ? `<nav class="pager" aria-label="${escapeHtml(words.otherMonths)}"><a href="${base}?month=${shiftMonth(period.month, -1)}" rel="prev">← ${escapeHtml(
        words.previousMonth,
      )}</a><a href="${base}?month=${shiftMonth(period.month, 1)}" rel="next">${escapeHtml(words.nextMonth)} →</a></nav>`
    : '';
  const heading = period ? `${isoDateText(period.from, text)} – ${isoDateText(period.to, text)}` : '';
  return `<h1>${escapeHtml(text.reconciliation)}</h1>
${problemSummary(text, input.problems)}
<form method="get" action="${base}" class="inline">
<div class="field"><label for="month">${escapeHtml(words.month)}</label><input type="month" id="month" name="month" placeholder="${escapeHtml(text.datePlaceholder.slice(0, 7))}" value="${escapeHtml(
    input.typed.month || (period?.month ?? ''),
  )}"></div>
<button type="submit" class="primary">${escapeHtml(text.show)}</button>
</form>
<form method="get" action="${base}" class="inline" aria-label="${escapeHtml(words.orChooseDates)}">
<div class="field"><label for="from">${escapeHtml(text.from)}</label><input type="text" id="from" name="from" placeholder="${escapeHtml(text.datePlaceholder)}" value="${escapeHtml(
    input.typed.from,
  )}"></div>
<div class="field"><label for="to">${escapeHtml(text.to)}</label><input type="text" id="to" name="to" placeholder="${escapeHtml(text.datePlaceholder)}" value="${escapeHtml(input.typed.to)}"></div>
<button type="submit" class="secondary">${escapeHtml(text.show)}</button>
</form>
${months}
${input.payouts ? renderPayouts(input, input.payouts, heading, base, query) : ''}
${input.payouts ? renderInvoices(input, text, words, base, query) : ''}`;
}

function renderPayouts(input: ReconciliationInput, page: PayoutPage, heading: string, base: string, query: (extra: Record<string, string>) => string): string {
  const text = TEXTS[input.language];
  const words = WORKFLOW_TEXTS[input.language];
  const cell = (value: string, numeric = false) => `<td${numeric ? ' class="num"' : ''}>${escapeHtml(value)}</td>`;
  const rows = page.lines
    .map(
      (line) =>
        `<tr data-testid="payout-row"><td><a href="${input.prefix}/dashboard/invoices/${encodeURIComponent(line.invoiceNumber)}">${escapeHtml(line.invoiceNumber)}</a></td>${cell(
          line.merchantNumber,
        )}${cell(dateTime(line.at, text))}${cell(words.kinds[line.kind])}${cell(money(line.gross, line.currency, text), true)}${cell(
          feeTermsText(line.terms, line.currency, text),
        )}${cell(money(line.fee, line.currency, text), true)}${cell(money(line.net, line.currency, text), true)}<td><a href="${input.prefix}/files/invoices/${encodeURIComponent(
          line.fileToken,
        )}/${encodeURIComponent(line.invoiceNumber)}.pdf">${escapeHtml(words.pdf)}<span class="visually-hidden"> ${escapeHtml(line.invoiceNumber)}</span></a></td></tr>`,
    )
    .join('\n');
  const totals = page.totals
    .map(
      (total) =>
        `<tr data-testid="payout-total"><th scope="row" colspan="4">${escapeHtml(`${words.totals} ${total.currency} (${words.payoutCount(total.count)})`)}</th>${cell(
          money(total.gross, total.currency, text),
          true,
        )}<td></td>${cell(money(total.fee, total.currency, text), true)}${cell(money(total.net, total.currency, text), true)}<td></td></tr>`,
    )
    .join('\n');
  const pager =
    page.pages > 1
      ? `<nav class="pager" aria-label="${escapeHtml(text.pages)}">${page.page > 1 ? `<a href="${base}?${query({ page: String(page.page - 1) })}" rel="prev">←</a>` : ''}<span>${escapeHtml(
          text.page,
        )} ${page.page} / ${page.pages}</span>${page.page < page.pages ? `<a href="${base}?${query({ page: String(page.page + 1) })}" rel="next">→</a>` : ''}</nav>`
      : '';
  const head = [text.invoice, text.orderNumber, words.payoutDate, words.payoutKind]
    .map((label) => `<th scope="col">${escapeHtml(label)}</th>`)
    .concat(
      `<th scope="col" class="num">${escapeHtml(words.gross)}</th>`,
      `<th scope="col">${escapeHtml(words.feeTerms)}</th>`,
      `<th scope="col" class="num">${escapeHtml(words.fee)}</th>`,
      `<th scope="col" class="num">${escapeHtml(words.net)}</th>`,
      `<th scope="col">${escapeHtml(words.pdf)}</th>`,
    )
    .join('');
  return `<h2 id="payouts">${escapeHtml(words.payouts)}: <span data-testid="period">${escapeHtml(heading)}</span></h2>
<p class="hint">${escapeHtml(words.payoutsNote)}</p>
<p><a href="${base}/payouts.csv?${query({})}" data-testid="payouts-csv" download>${escapeHtml(words.downloadPayoutsCsv)}</a> <span class="hint">${escapeHtml(words.csvNote)}</span></p>
${
  rows
    ? `<div class="table-wrap"><table data-testid="payouts"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody><tfoot>${totals}</tfoot></table></div>`
    : `<p role="status">${escapeHtml(words.noPayouts)}</p>`
}
${pager}
<p class="hint">${escapeHtml(words.invoiceDownloadNote)}</p>`;
}

function renderInvoices(input: ReconciliationInput, text: DashboardText, words: WorkflowText, base: string, query: (extra: Record<string, string>) => string): string {
  const page = input.invoices;
  const rows = (page?.invoices ?? [])
    .map(
      (invoice) => `<tr><td><a href="${input.prefix}/dashboard/invoices/${encodeURIComponent(invoice.invoiceNumber)}">${escapeHtml(invoice.invoiceNumber)}</a></td><td>${escapeHtml(
        invoice.merchantNumber,
      )}</td><td>${escapeHtml(isoDateText(invoice.orderDate, text))}</td><td class="num">${escapeHtml(money(invoice.total, invoice.currency, text))}</td><td class="num">${escapeHtml(
        money(invoice.paid, invoice.currency, text),
      )}</td><td class="num">${escapeHtml(money(invoice.credited, invoice.currency, text))}</td><td>${escapeHtml(text.statuses[invoice.status])}</td></tr>`,
    )
    .join('\n');
  const pager =
    page && page.totalPages > 1
      ? `<nav class="pager" aria-label="${escapeHtml(text.pages)}">${page.page > 1 ? `<a href="${base}?${query({ invoicePage: String(page.page - 1) })}" rel="prev">←</a>` : ''}<span>${escapeHtml(
          text.page,
        )} ${page.page} / ${page.totalPages}</span>${page.page < page.totalPages ? `<a href="${base}?${query({ invoicePage: String(page.page + 1) })}" rel="next">→</a>` : ''}</nav>`
      : '';
  return `<h2 id="invoices">${escapeHtml(words.invoicesOfPeriod)}</h2>
<p><a href="${base}.csv?${query({})}" data-testid="csv" download>${escapeHtml(words.downloadInvoicesCsv)}</a></p>
${
  rows
    ? `<div class="table-wrap"><table><thead><tr><th scope="col">${escapeHtml(text.invoice)}</th><th scope="col">${escapeHtml(text.orderNumber)}</th><th scope="col">${escapeHtml(
        text.orderDate,
      )}</th><th scope="col" class="num">${escapeHtml(text.total)}</th><th scope="col" class="num">${escapeHtml(text.paid)}</th><th scope="col" class="num">${escapeHtml(
        text.credited,
      )}</th><th scope="col">${escapeHtml(text.status)}</th></tr></thead><tbody>${rows}</tbody></table></div>`
    : `<p role="status">${escapeHtml(text.noInvoices)}</p>`
}
${pager}`;
}
