/** One invoice: its lines and amounts, the customer, the timeline, the PDF and the actions the API offers. */
import type { InvoiceTimeline } from '../../core/dashboard/invoice-timeline.js';
import type { Merchant } from '../../core/merchants/merchant.js';
import { findWorkflow } from '../../core/merchants/merchant.js';
import { courseOfInvoice } from '../../core/invoices/life-cycle/invoice-life-cycle.js';
import { type Invoice, openAmount } from '../../core/orders/invoice.js';
import { csrfField, dateTime, escapeHtml, isoDateText, money, notice, problemSummary, type Viewer } from './layout.js';
import type { DashboardText, Language } from './page-text.js';
import { openAmountsOf } from '../../core/invoices/open-amounts.js';
import { renderTimeline } from './render-timeline.js';
import { TIMELINE_TEXTS } from './timeline-text.js';

export interface InvoicePageInput {
  language: Language;
  text: DashboardText;
  prefix: string;
  viewer: Viewer;
  invoice: Invoice;
  merchant: Merchant;
  timeline: InvoiceTimeline;
  pdfUrl: string;
  /** The dashboard path of one of the invoice's e-mails. */
  mailUrl: (mailId: string) => string;
  problems: readonly string[];
  done: string | undefined;
}

export function renderInvoicePage(input: InvoicePageInput): string {
  const { text, invoice } = input;
  const m = (cents: number) => escapeHtml(money(cents, invoice.currency, text));
  const c = invoice.customer;
  const address = [
    [c.address.street, c.address.houseNumber, c.address.houseExtension].filter(Boolean).join(' '),
    [c.address.postalCode, c.address.city].filter(Boolean).join(' '),
    c.address.countryCode,
  ]
    .filter(Boolean)
    .map(escapeHtml)
    .join('<br>');
  const lines = invoice.lines
    .map(
      (line) =>
        `<tr><td>${escapeHtml(line.description)}</td><td class="num">${line.quantity}</td><td class="num">${m(line.unitPriceInclusive)}</td><td class="num">${(
          line.vatRate / 100
        ).toLocaleString(text.locale)}%</td><td class="num">${m(line.totalInclusive)}</td></tr>`,
    )
    .join('');
  const workflow = findWorkflow(input.merchant, invoice.workflowNumber);
  // The name is the workflow's today; the guarantee and the term are those of the course the
  // invoice started on, which a later change of the workflow does not alter.
  const course = courseOfInvoice(input.merchant, invoice);
  const facts: [string, string][] = [
    [text.orderNumber, escapeHtml(invoice.merchantNumber)],
    [text.orderDate, escapeHtml(isoDateText(invoice.orderDate, text))],
    [text.workflow, escapeHtml(`${invoice.workflowNumber}${workflow ? ` – ${workflow.name}` : ''}`)],
    [text.course, `<span data-testid="course">${escapeHtml(text.courseTerms(course.guaranteed, course.paymentTermDays))}</span>`],
    [text.step, escapeHtml(text.steps[invoice.step])],
    [text.status, escapeHtml(text.statuses[invoice.status])],
    [text.dueDate, invoice.dueDate ? escapeHtml(isoDateText(invoice.dueDate, text)) : '–'],
    [text.paid, m(invoice.paid)],
    [text.credited, m(invoice.credited)],
    [text.open, `<span data-testid="open-amount">${m(openAmount(invoice))}</span>`],
  ];
  // Reminder fees and collection costs are owed beside the principal; the open amount above is the principal alone.
  const { costsOpen } = openAmountsOf(invoice);
  if (costsOpen > 0) facts.push([TIMELINE_TEXTS[input.language].costsOpen, `<span data-testid="costs-open">${m(costsOpen)}</span>`]);
  if (invoice.onHoldUntil) facts.push([text.flags.on_hold, escapeHtml(text.onHoldUntil(dateTime(invoice.onHoldUntil, text)))]);
  const dl = (pairs: [string, string][]) => `<dl class="customer">${pairs.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${v}</dd></div>`).join('')}</dl>`;
  return `<h1>${escapeHtml(text.invoice)} ${escapeHtml(invoice.invoiceNumber)}</h1>
${notice(input.done)}
${problemSummary(text, input.problems)}
${dl(facts)}
<p><a href="${escapeHtml(input.pdfUrl)}">${escapeHtml(text.pdf)}</a></p>
<h2>${escapeHtml(text.customer)}</h2>
${dl([
  [text.customer, escapeHtml([c.companyName, [c.firstName ?? c.initials, c.lastName].filter(Boolean).join(' ')].filter(Boolean).join(', '))],
  [text.email, escapeHtml(c.email)],
  [text.phone, escapeHtml(c.phone)],
  [text.address, address],
])}
<h2>${escapeHtml(text.lines)}</h2>
<div class="table-wrap"><table>
<thead><tr><th scope="col">${escapeHtml(text.item)}</th><th scope="col" class="num">${escapeHtml(text.quantity)}</th><th scope="col" class="num">${escapeHtml(text.unitPrice)}</th><th scope="col" class="num">${escapeHtml(
    text.vatRate,
  )}</th><th scope="col" class="num">${escapeHtml(text.amount)}</th></tr></thead>
<tbody>${lines}</tbody>
<tfoot><tr class="total"><th scope="row" colspan="4">${escapeHtml(text.total)}</th><td class="num">${m(invoice.total)}</td></tr>
<tr class="vat"><th scope="row" colspan="4">${escapeHtml(text.vat)}</th><td class="num">${m(invoice.vat)}</td></tr></tfoot>
</table></div>
<h2 id="timeline">${escapeHtml(text.timeline)}</h2>
${renderTimeline({ language: input.language, text, timeline: input.timeline, money: m, mailUrl: input.mailUrl })}
<h2>${escapeHtml(text.actions)}</h2>
${actions(input)}`;
}

function actions(input: InvoicePageInput): string {
  const { text, viewer, invoice, prefix } = input;
  const action = (name: string, label: string, fields: string, testId: string) =>
    `<form method="post" action="${prefix}/dashboard/invoices/${encodeURIComponent(invoice.invoiceNumber)}/${name}">${csrfField(viewer)}${fields}<button type="submit" class="secondary" data-testid="${testId}">${escapeHtml(
      label,
    )}</button></form>`;
  const field = (id: string, label: string, input: string) => `<div class="field"><label for="${id}">${escapeHtml(label)}</label>${input}</div>`;
  return `<div class="actions">
${action('start-workflow', text.startWorkflow, '', 'start-workflow')}
${action(
  'payment',
  text.registerPayment,
  field('payment-amount', text.amount, '<input type="text" inputmode="decimal" id="payment-amount" name="amount" required>') +
    field('payment-description', text.description, '<input type="text" id="payment-description" name="description" maxlength="30">'),
  'register-payment',
)}
${action(
  'credit',
  text.credit,
  field('credit-amount', text.amount, '<input type="text" inputmode="decimal" id="credit-amount" name="amount" required>') +
    field('credit-description', text.description, '<input type="text" id="credit-description" name="description">'),
  'credit',
)}
${action('hold', text.hold, field('hold-days', text.holdDays, '<input type="number" id="hold-days" name="days" min="1" max="90" value="14">'), 'hold')}
${action('resume', text.resume, '', 'resume')}
${action('message', text.send, field('message-body', text.message, '<textarea id="message-body" name="message" maxlength="5000" required></textarea>'), 'message')}
</div>`;
}
