/**
 * The page of an open session: the order, the customer's details, the fields the shop did not
 * send, the terms and the two choices. Plain HTML forms, so it works without JavaScript; every
 * input has a label, hints and errors are tied to it with aria-describedby, and the DOM order is
 * the focus order (header, errors, fields, terms, approve, cancel, back).
 */
import type { FieldProblem } from '../../core/sessions/approve-session.js';
import type { CheckoutSession } from '../../core/sessions/checkout-session.js';
import { escapeHtml, formatMoney, formatTime } from './layout.js';
import { type Language, type PageText, TEXTS } from './page-text.js';

export interface FormValues {
  birthDate?: string | undefined;
  phone?: string | undefined;
  sex?: string | undefined;
  terms: boolean;
}

export interface FormView {
  session: CheckoutSession;
  merchantName: string;
  paymentTermDays: number;
  language: Language;
  /** Root-relative path of the session's page. */
  pagePath: string;
  problems: readonly FieldProblem[];
  values: FormValues;
  /** Who the payment provider is and why it checks credit (trust-text.ts), read before agreeing. */
  trust: string;
}

/** The order of the fields on the page, which the error summary follows too. */
const FIELD_ORDER: readonly FieldProblem['field'][] = ['sex', 'birthDate', 'phone', 'terms'];

/** Where each field's first focusable control is, for the error summary's links. */
const FIELD_TARGETS: Record<FieldProblem['field'], string> = { birthDate: 'birthDate', phone: 'phone', sex: 'sex-M', terms: 'terms' };

export function renderForm(view: FormView): string {
  const text = TEXTS[view.language];
  const { session } = view;
  const e = escapeHtml;
  const lang = `<input type="hidden" name="lang" value="${view.language}">`;
  const asked = session.missing.slice().sort((a, b) => FIELD_ORDER.indexOf(a) - FIELD_ORDER.indexOf(b));
  return [
    `<h1>${e(text.heading)}</h1>`,
    `<p class="intro">${e(text.intro(view.merchantName, view.paymentTermDays))}</p>`,
    errorSummary(view, text),
    orderTable(session, text),
    `<form method="post" action="${e(view.pagePath)}/approve" novalidate>`,
    lang,
    `<section class="details" aria-labelledby="details-heading"><h2 id="details-heading">${e(text.detailsHeading)}</h2>`,
    customerDetails(session, text),
    ...asked.map((field) => (field === 'sex' ? sexField(view, text) : textField(view, text, field))),
    `</section>`,
    view.trust,
    termsField(view, text),
    `<button type="submit" class="primary" data-testid="approve">${e(text.approve)}</button>`,
    `</form>`,
    `<form method="post" action="${e(view.pagePath)}/cancel" class="cancel-form">${lang}`,
    `<button type="submit" class="secondary" data-testid="cancel">${e(text.cancel(view.merchantName))}</button>`,
    `</form>`,
    `<p class="valid-until">${e(text.validUntil(formatTime(session.expiresAt, text)))}</p>`,
    session.returnUrls.back
      ? `<p class="back"><a href="${e(session.returnUrls.back)}">${e(text.back(view.merchantName))}</a></p>`
      : '',
  ].join('\n');
}

function errorSummary(view: FormView, text: PageText): string {
  if (view.problems.length === 0) return '';
  const items = view.problems
    .slice()
    .sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field))
    .map((p) => `<li><a href="#${FIELD_TARGETS[p.field]}">${escapeHtml(text.problems[p.problem])}</a></li>`)
    .join('');
  // Focused on load so keyboard and screen-reader users start at what went wrong.
  return `<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
<h2 id="error-summary-title">${escapeHtml(text.errorSummary)}</h2><ul>${items}</ul></div>`;
}

function orderTable(session: CheckoutSession, text: PageText): string {
  const e = escapeHtml;
  const money = (cents: number) => e(formatMoney(cents, session.currency, text));
  const rows = session.lines
    .map((line) => `<tr><td>${e(line.description)}</td><td class="num">${line.quantity}</td><td class="num">${money(line.totalInclusive)}</td></tr>`)
    .join('\n');
  return `<section class="order" aria-labelledby="order-heading">
<h2 id="order-heading">${e(text.orderHeading)}</h2>
<p class="order-number">${e(text.orderNumber)}: ${e(session.orderNumber)}</p>
<table>
<thead><tr><th scope="col">${e(text.item)}</th><th scope="col" class="num">${e(text.quantity)}</th><th scope="col" class="num">${e(text.amount)}</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot>
<tr class="total"><th scope="row" colspan="2">${e(text.total)}</th><td class="num" data-testid="total">${money(session.total)}</td></tr>
<tr class="vat"><th scope="row" colspan="2">${e(text.vat)}</th><td class="num">${money(session.vat)}</td></tr>
</tfoot>
</table>
</section>`;
}

function customerDetails(session: CheckoutSession, text: PageText): string {
  const c = session.customer;
  const name = [c.companyName, [c.firstName ?? c.initials, c.lastName].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const street = [c.street, c.houseNumber, c.houseExtension].filter(Boolean).join(' ');
  const address = [street, [c.postalCode, c.city].filter(Boolean).join(' '), c.countryCode && c.countryCode !== 'NL' ? c.countryCode : '']
    .filter(Boolean)
    .join(', ');
  const rows: [string, string | undefined][] = [
    [text.name, name],
    [text.email, c.email],
    [text.address, address],
    [text.phone, c.phone],
  ];
  const items = rows
    .filter((row): row is [string, string] => Boolean(row[1]))
    .map(([term, value]) => `<div><dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd></div>`)
    .join('');
  return `<dl class="customer">${items}</dl>`;
}

function problemFor(view: FormView, field: FieldProblem['field']): string | undefined {
  const problem = view.problems.find((p) => p.field === field);
  return problem && TEXTS[view.language].problems[problem.problem];
}

function errorLine(id: string, message: string | undefined, text: PageText): string {
  return message
    ? `<p class="error" id="${id}-error"><span class="visually-hidden">${escapeHtml(text.errorTitle)}: </span>${escapeHtml(message)}</p>`
    : '';
}

function textField(view: FormView, text: PageText, field: 'birthDate' | 'phone'): string {
  const message = problemFor(view, field);
  const [label, hint, attributes] =
    field === 'birthDate'
      ? [text.birthDate, text.birthDateHint, 'type="text" inputmode="numeric" autocomplete="bday"']
      : [text.phone, text.phoneHint, 'type="tel" autocomplete="tel"'];
  const describedBy = message ? `${field}-hint ${field}-error` : `${field}-hint`;
  return `<div class="field${message ? ' invalid' : ''}">
<label for="${field}">${escapeHtml(label)}</label>
<p class="hint" id="${field}-hint">${escapeHtml(hint)}</p>
${errorLine(field, message, text)}
<input id="${field}" name="${field}" ${attributes} required aria-describedby="${describedBy}"${message ? ' aria-invalid="true"' : ''} value="${escapeHtml(view.values[field] ?? '')}">
</div>`;
}

function sexField(view: FormView, text: PageText): string {
  const message = problemFor(view, 'sex');
  const choices = (['M', 'V', 'O'] as const)
    .map(
      (value) => `<div class="choice"><input type="radio" id="sex-${value}" name="sex" value="${value}" required${
        view.values.sex === value ? ' checked' : ''
      }${message ? ' aria-invalid="true"' : ''}><label for="sex-${value}">${escapeHtml(text.sexes[value])}</label></div>`,
    )
    .join('\n');
  return `<fieldset class="field${message ? ' invalid' : ''}"${message ? ' aria-describedby="sex-error"' : ''}>
<legend>${escapeHtml(text.sex)}</legend>
${errorLine('sex', message, text)}
${choices}
</fieldset>`;
}

function termsField(view: FormView, text: PageText): string {
  const message = problemFor(view, 'terms');
  return `<div class="field terms${message ? ' invalid' : ''}">
${errorLine('terms', message, text)}
<div class="choice"><input type="checkbox" id="terms" name="terms" value="yes" required${view.values.terms ? ' checked' : ''}${
    message ? ' aria-invalid="true" aria-describedby="terms-error"' : ''
  }><label for="terms">${escapeHtml(text.terms(view.paymentTermDays))}</label></div>
</div>`;
}
