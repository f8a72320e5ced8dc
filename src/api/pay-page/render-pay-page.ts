/**
 * The pay page's HTML: the invoice and what is open, the PDF, the bank transfer with its QR code,
 * and, where the payment provider offers it, a form to pay all or part. Plain HTML and one form:
 * no JavaScript, labels and error messages tied to their field, tables with headers.
 */
import QRCode from 'qrcode';
import { groupedIban, paymentQrPayload, paymentReference, type PlatformAccount } from '../../core/customer-side/payment-instructions.js';
import { formatDateFor, formatMoneyFor } from '../../core/customer-side/people-format.js';
import type { OpenAmounts } from '../../core/invoices/open-amounts.js';
import type { Invoice } from '../../core/orders/invoice.js';
import type { PayOutcome } from '../../core/payments/payment-provider.js';
import type { Cents } from '../../core/shared/money.js';
import { escapeHtml as e } from '../checkout/layout.js';
import type { Language } from '../checkout/page-text.js';
import { PAY_TEXTS } from './pay-page-text.js';

export interface PayView {
  invoice: Invoice;
  merchantName: string;
  language: Language;
  platform: PlatformAccount;
  /** What is open as the life cycle keeps it: the same amounts as the PDF and status. */
  amounts: OpenAmounts;
  pdfUrl: string;
  formAction: string;
  onlinePayment: boolean;
  /** The amount just paid (after the redirect), to thank the customer. */
  justPaid: Cents | undefined;
  problem: Exclude<PayOutcome, { ok: true }>['reason'] | undefined;
  typedAmount: string | undefined;
  trust: string;
}

export async function renderPayPage(view: PayView): Promise<string> {
  const text = PAY_TEXTS[view.language];
  const { invoice } = view;
  const money = (cents: Cents) => e(formatMoneyFor(view.language, cents));
  const { amounts } = view;
  const open = amounts.totalOpen;
  const costsAdded = amounts.collectionCosts + amounts.reminderFees;
  const row = (label: string, cents: Cents, testId?: string) =>
    `<tr><th scope="row">${e(label)}</th><td class="num"${testId ? ` data-testid="${testId}"` : ''}>${money(cents)}</td></tr>`;
  const rows = [
    row(text.total, invoice.total),
    invoice.paid > 0 ? row(text.paid, -invoice.paid) : '',
    invoice.credited > 0 ? row(text.credited, -invoice.credited) : '',
    // Once costs were added the page tells principal and costs apart, as art. 6:44 BW applies
    // a payment to them in turn.
    costsAdded > 0 ? row(text.principalOpen, amounts.principalOpen, 'principal-open') : '',
    amounts.collectionCosts > 0 ? row(text.collectionCosts[amounts.regime], amounts.collectionCosts, 'collection-costs') : '',
    amounts.reminderFees > 0 ? row(text.reminderFees, amounts.reminderFees, 'reminder-fees') : '',
    amounts.costsPaid > 0 ? row(text.costsPaid, -amounts.costsPaid) : '',
    costsAdded > 0 ? row(text.costsOpen, amounts.costsOpen, 'costs-open') : '',
  ].join('');
  const parts = [
    `<h1>${e(text.title(invoice.invoiceNumber))}</h1>`,
    `<p class="intro">${e(text.intro(view.merchantName))}</p>`,
    view.justPaid ? `<p class="notice" role="status" data-testid="paid-notice">${e(text.paidNotice(formatMoneyFor(view.language, view.justPaid)))}</p>` : '',
    `<section class="order" aria-labelledby="summary-heading"><h2 id="summary-heading">${e(text.summaryHeading)}</h2>`,
    `<table><tbody>${rows}</tbody><tfoot><tr class="total"><th scope="row">${e(text.open)}</th><td class="num" data-testid="open">${money(open)}</td></tr></tfoot></table>`,
    costsAdded > 0 && open > 0 ? `<p class="hint">${e(text.paymentOrder)}</p>` : '',
    invoice.dueDate && open > 0 ? `<p>${e(text.dueDate)}: ${e(formatDateFor(view.language, invoice.dueDate))}</p>` : '',
    `<p><a href="${e(view.pdfUrl)}" data-testid="pdf">${e(text.pdf)}</a></p></section>`,
  ];
  if (open <= 0) {
    parts.push(`<p class="notice" data-testid="settled">${e(text.settled)}</p>`);
  } else {
    parts.push(await transferSection(view, open));
    if (view.onlinePayment) parts.push(payForm(view, open));
    else if (view.problem) parts.push(problemMessage(view));
  }
  parts.push(view.trust);
  return parts.join('\n');
}

async function transferSection(view: PayView, open: Cents): Promise<string> {
  const text = PAY_TEXTS[view.language];
  const payload = paymentQrPayload(view.platform, view.invoice.invoiceNumber, open);
  // Inline SVG: no image request, so the page's policy (img-src 'self') needs no exception.
  const qr = payload
    ? `<figure class="qr"><div role="img" aria-label="${e(text.qrLabel)}">${await QRCode.toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 })}</div><figcaption>${e(text.qrHint)}</figcaption></figure>`
    : '';
  return `<section aria-labelledby="transfer-heading"><h2 id="transfer-heading">${e(text.transferHeading)}</h2>
<dl class="customer">
<dt>${e(text.iban)}</dt><dd data-testid="iban">${e(groupedIban(view.platform.iban))}</dd>
<dt>${e(text.accountHolder)}</dt><dd>${e(view.platform.accountHolder)}</dd>
<dt>${e(text.reference)}</dt><dd data-testid="reference">${e(paymentReference(view.invoice.invoiceNumber).text)}</dd>
</dl>
${qr}
</section>`;
}

/** The form offers the whole amount open, costs included; any part of it may be typed instead. */
function payForm(view: PayView, totalOpen: Cents): string {
  const text = PAY_TEXTS[view.language];
  const open = formatMoneyFor(view.language, totalOpen);
  const invalid = view.problem !== undefined;
  const value = view.typedAmount ?? open.replace(/[^\d.,]/g, '');
  return `<section aria-labelledby="pay-heading"><h2 id="pay-heading">${e(text.payHeading)}</h2>
<p class="hint">${e(text.sandboxNote)}</p>
<form method="post" action="${e(view.formAction)}" novalidate>
<input type="hidden" name="lang" value="${view.language}">
<div class="field${invalid ? ' invalid' : ''}">
<label for="amount">${e(text.amountLabel)}</label>
<p class="hint" id="amount-hint">${e(text.amountHint(open))}</p>
${invalid ? `<p class="error" id="amount-error" role="alert"><span class="visually-hidden">${e(text.errorTitle)}: </span>${e(text.errors[view.problem!])}</p>` : ''}
<input id="amount" name="amount" inputmode="decimal" autocomplete="off" value="${e(value)}" aria-describedby="amount-hint${invalid ? ' amount-error' : ''}"${invalid ? ' aria-invalid="true"' : ''}>
</div>
<button type="submit" class="primary" data-testid="pay">${e(text.payButton)}</button>
</form>
</section>`;
}

function problemMessage(view: PayView): string {
  return `<p class="error" role="alert">${e(PAY_TEXTS[view.language].errors[view.problem!])}</p>`;
}

/**
 * An amount as people type it: `25`, `25,50` or `25.50`, with or without a euro sign; at most
 * two decimals, no thousands separators (they would be ambiguous between the languages).
 */
export function parseTypedAmount(typed: string): Cents | undefined {
  const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(typed.replace(/[€\s\u00a0]/g, ''));
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
