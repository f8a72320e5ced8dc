/** The reconciliation page: a period form, one page of invoices, and the CSV link for the period. */
import type { InvoicePage } from '../../core/invoices/list-invoices.js';
import { escapeHtml, isoDateText, money, problemSummary } from './layout.js';
import type { DashboardText } from './page-text.js';

export interface ReconciliationInput {
  text: DashboardText;
  prefix: string;
  period: { from: string | undefined; to: string | undefined };
  page: InvoicePage | undefined;
  problems: readonly string[];
}

export function renderReconciliation(input: ReconciliationInput): string {
  const { text, page } = input;
  const base = `${input.prefix}/dashboard/reconciliation`;
  const params = (extra: Record<string, string>) => {
    const query = new URLSearchParams(extra);
    if (input.period.from) query.set('from', input.period.from);
    if (input.period.to) query.set('to', input.period.to);
    return escapeHtml(query.toString());
  };
  const rows = (page?.invoices ?? [])
    .map(
      (invoice) => `<tr><td><a href="${input.prefix}/dashboard/invoices/${encodeURIComponent(invoice.invoiceNumber)}">${escapeHtml(invoice.invoiceNumber)}</a></td><td>${escapeHtml(
        invoice.merchantNumber,
      )}</td><td>${escapeHtml(isoDateText(invoice.orderDate, text))}</td><td class="num">${escapeHtml(money(invoice.total, invoice.currency, text))}</td><td class="num">${escapeHtml(
        money(invoice.paid, invoice.currency, text),
      )}</td><td class="num">${escapeHtml(money(invoice.credited, invoice.currency, text))}</td><td>${escapeHtml(text.statuses[invoice.status])}</td></tr>`,
    )
    .join('\n');
  const pager = page
    ? `<nav class="pager" aria-label="${escapeHtml(text.pages)}">${page.page > 1 ? `<a href="${base}?${params({ page: String(page.page - 1) })}" rel="prev">←</a>` : ''}<span>${escapeHtml(
        text.page,
      )} ${page.page} / ${page.totalPages}</span>${page.page < page.totalPages ? `<a href="${base}?${params({ page: String(page.page + 1) })}" rel="next">→</a>` : ''}</nav>`
    : '';
  return `<h1>${escapeHtml(text.reconciliation)}</h1>
${problemSummary(text, input.problems)}
<form method="get" action="${base}" class="inline">
<div class="field"><label for="from">${escapeHtml(text.from)}</label><input type="text" id="from" name="from" placeholder="${escapeHtml(text.datePlaceholder)}" value="${escapeHtml(input.period.from ?? '')}"></div>
<div class="field"><label for="to">${escapeHtml(text.to)}</label><input type="text" id="to" name="to" placeholder="${escapeHtml(text.datePlaceholder)}" value="${escapeHtml(input.period.to ?? '')}"></div>
<button type="submit" class="primary">${escapeHtml(text.show)}</button>
</form>
<p><a href="${base}.csv?${params({})}" data-testid="csv">${escapeHtml(text.downloadCsv)}</a></p>
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
