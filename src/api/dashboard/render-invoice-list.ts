/** The invoice list: a search form with filters, a table that scrolls sideways on phones, and keyset paging links. */
import type { InvoiceRowPage, InvoiceSearch } from '../../core/dashboard/dashboard-ports.js';
import { INVOICE_FLAGS } from '../../core/dashboard/invoice-filters.js';
import { WORKFLOW_STEPS } from '../../core/workflows/steps.js';
import { escapeHtml, isoDateText, money, problemSummary } from './layout.js';
import type { DashboardText } from './page-text.js';

export function renderInvoiceList(text: DashboardText, prefix: string, query: InvoiceSearch, page: InvoiceRowPage, problems: readonly string[]): string {
  const base = `${prefix}/dashboard/invoices`;
  const filters = new URLSearchParams();
  if (query.text) filters.set('q', query.text);
  if (query.step) filters.set('step', query.step);
  for (const flag of query.flags) filters.append('flag', flag);
  const link = (cursor: 'after' | 'before', id: string) => {
    const params = new URLSearchParams(filters);
    params.set(cursor, id);
    return `${base}?${escapeHtml(params.toString())}`;
  };
  const steps = WORKFLOW_STEPS
    .map((step) => `<option value="${step}"${query.step === step ? ' selected' : ''}>${escapeHtml(text.steps[step])}</option>`)
    .join('');
  const flags = INVOICE_FLAGS.map(
    (flag) =>
      `<div class="choice"><input type="checkbox" id="flag-${flag}" name="flag" value="${flag}"${query.flags.includes(flag) ? ' checked' : ''}><label for="flag-${flag}">${escapeHtml(text.flags[flag])}</label></div>`,
  ).join('');
  const rows = page.rows
    .map(
      (row) => `<tr data-testid="invoice-row">
<td><a href="${base}/${encodeURIComponent(row.invoiceNumber)}">${escapeHtml(row.invoiceNumber)}</a></td>
<td>${escapeHtml(row.merchantNumber)}</td>
<td>${escapeHtml(row.customerName)}<br><span class="hint">${escapeHtml(row.customerEmail)}</span></td>
<td>${escapeHtml(isoDateText(row.orderDate, text))}</td>
<td class="num">${escapeHtml(money(row.total, row.currency, text))}</td>
<td class="num">${escapeHtml(money(row.total - row.paid - row.credited, row.currency, text))}</td>
<td>${escapeHtml(text.steps[row.step])}${row.onHoldUntil && row.onHoldUntil > query.now ? ` · ${escapeHtml(text.flags.on_hold)}` : ''}</td>
</tr>`,
    )
    .join('\n');
  const first = page.rows[0];
  const last = page.rows.at(-1);
  const pager = `<nav class="pager" aria-label="${escapeHtml(text.pages)}">${
    page.newer && first ? `<a href="${link('before', first.id)}" rel="prev">${escapeHtml(text.newer)}</a>` : ''
  }${page.older && last ? `<a href="${link('after', last.id)}" rel="next">${escapeHtml(text.older)}</a>` : ''}</nav>`;
  return `<h1>${escapeHtml(text.invoices)}</h1>
${problemSummary(text, problems)}
<form method="get" action="${base}" role="search">
<div class="field"><label for="q">${escapeHtml(text.search)}</label><p class="hint" id="q-hint">${escapeHtml(text.searchHint)}</p>
<input type="search" id="q" name="q" aria-describedby="q-hint" value="${escapeHtml(query.text ?? '')}"></div>
<div class="inline">
<div class="field"><label for="step">${escapeHtml(text.step)}</label><select id="step" name="step"><option value="">${escapeHtml(text.anyStep)}</option>${steps}</select></div>
<fieldset class="field"><legend>${escapeHtml(text.filter)}</legend>${flags}</fieldset>
<button type="submit" class="primary">${escapeHtml(text.search)}</button>
</div>
</form>
${
  page.rows.length === 0
    ? `<p role="status">${escapeHtml(text.noInvoices)}</p>`
    : `<div class="table-wrap"><table>
<thead><tr><th scope="col">${escapeHtml(text.invoice)}</th><th scope="col">${escapeHtml(text.orderNumber)}</th><th scope="col">${escapeHtml(text.customer)}</th><th scope="col">${escapeHtml(
        text.orderDate,
      )}</th><th scope="col" class="num">${escapeHtml(text.total)}</th><th scope="col" class="num">${escapeHtml(text.open)}</th><th scope="col">${escapeHtml(text.step)}</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>`
}
${pager}`;
}
