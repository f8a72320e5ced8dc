/**
 * The frame of every dashboard page: the document, the menu, who is signed in, and the headers.
 * Plain template functions with escaping, as the checkout page (docs/architecture.md "Pages").
 */
import type { FastifyReply } from 'fastify';
import { formatAmount, type Cents, type Currency } from '../../core/shared/money.js';
import { escapeHtml } from '../checkout/layout.js';
import type { DashboardText, Language } from './page-text.js';
import { TEXTS } from './page-text.js';
import { TOOL_TEXTS } from './sandbox-text.js';

export { escapeHtml };

export type Section = 'invoices' | 'webhooks' | 'settings' | 'keys' | 'reconciliation' | 'sandbox';

export interface Viewer {
  /** What the header shows: the merchant's name, or the operator's. */
  merchantName: string | undefined;
  operator: string | undefined;
  username: string | undefined;
  csrfToken: string;
  /** The operator's merchant switch. */
  merchants: { id: string; username: string; name: string }[];
  merchantId: string | undefined;
  /** Whether the merchant worked on is a sandbox one: only those have the sandbox page. */
  sandbox: boolean;
}

export interface Frame {
  language: Language;
  title: string;
  prefix: string;
  /** Where the language link comes back to. */
  path: string;
  viewer: Viewer | undefined;
  section: Section | undefined;
  main: string;
}

/**
 * Formatters are built once per locale and kind: building an Intl formatter costs far more than
 * using one, and a list page formats a few hundred values (bench/scenarios/dashboard-invoice-list.ts).
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let found = formatters.get(key) as T | undefined;
  if (!found) {
    found = make();
    formatters.set(key, found);
  }
  return found;
}

export function money(cents: Cents, currency: Currency, text: DashboardText): string {
  // Intl formats the decimal text exactly, so cents never pass through a float.
  const format = formatter(`money:${text.locale}:${currency}`, () => new Intl.NumberFormat(text.locale, { style: 'currency', currency }));
  return format.format(formatAmount(cents) as `${number}`);
}

export function dateTime(at: Date, text: DashboardText): string {
  const format = formatter(`time:${text.locale}`, () => new Intl.DateTimeFormat(text.locale, { timeZone: 'Europe/Amsterdam', dateStyle: 'medium', timeStyle: 'short' }));
  return format.format(at);
}

export function isoDateText(date: string, text: DashboardText): string {
  const format = formatter(`date:${text.locale}`, () => new Intl.DateTimeFormat(text.locale, { timeZone: 'UTC', dateStyle: 'medium' }));
  return format.format(new Date(`${date}T12:00:00Z`));
}

export function csrfField(viewer: Viewer): string {
  return `<input type="hidden" name="csrf" value="${escapeHtml(viewer.csrfToken)}">`;
}

/** The summary of problems a refused form shows on top, announced to screen readers. */
export function problemSummary(text: DashboardText, problems: readonly string[]): string {
  if (problems.length === 0) return '';
  return `<div class="error-summary" role="alert" tabindex="-1"><h2>${escapeHtml(text.problemHeading)}</h2><ul>${problems
    .map((problem) => `<li>${escapeHtml(problem)}</li>`)
    .join('')}</ul></div>`;
}

export function notice(message: string | undefined): string {
  return message ? `<p class="notice" role="status">${escapeHtml(message)}</p>` : '';
}

export function renderPage(frame: Frame): string {
  const text = TEXTS[frame.language];
  const p = frame.prefix;
  const viewer = frame.viewer;
  const words = TOOL_TEXTS[frame.language];
  const link = (section: Section, label: string) =>
    `<li><a href="${p}/dashboard/${section}"${frame.section === section ? ' aria-current="page"' : ''}>${escapeHtml(label)}</a></li>`;
  const menu =
    viewer && viewer.merchantId
      ? `<nav class="menu" aria-label="${escapeHtml(text.mainNav)}"><ul>${link('invoices', text.invoices)}${link('webhooks', text.webhooks)}${link(
          'settings',
          text.settings,
        )}${link('keys', words.keys)}${link('reconciliation', text.reconciliation)}${viewer.sandbox ? link('sandbox', words.sandbox) : ''}</ul></nav>`
      : '';
  const switcher =
    viewer?.operator !== undefined
      ? `<form method="post" action="${p}/dashboard/merchant" class="inline">${csrfField(viewer)}<div class="field"><label for="merchant-switch">${escapeHtml(
          text.chooseMerchant,
        )}</label><select id="merchant-switch" name="merchantId">${viewer.merchants
          .map(
            (m) =>
              `<option value="${escapeHtml(m.id)}"${m.id === viewer.merchantId ? ' selected' : ''}>${escapeHtml(`${m.name} (${m.username})`)}</option>`,
          )
          .join('')}</select></div><button type="submit" class="secondary">${escapeHtml(text.switchMerchant)}</button></form>`
      : '';
  const who = viewer
    ? `<div class="who"><span>${escapeHtml(text.signedInAs(viewer.operator ? `${viewer.operator} (${text.operator})` : (viewer.username ?? '')))}</span>${switcher}<form method="post" action="${p}/dashboard/sign-out">${csrfField(
        viewer,
      )}<button type="submit" class="secondary">${escapeHtml(text.signOut)}</button></form></div>`
    : '';
  const other = text.other;
  const back = encodeURIComponent(frame.path);
  return `<!doctype html>
<html lang="${frame.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${escapeHtml(frame.title)} – ${escapeHtml(viewer?.merchantName ?? text.dashboard)}</title>
<link rel="stylesheet" href="${p}/checkout/assets/checkout.css">
<link rel="stylesheet" href="${p}/dashboard/assets/dashboard.css">
</head>
<body>
<header class="top"><div class="brand"><span class="shop-name">${escapeHtml(viewer?.merchantName ?? 'Achteraf')}</span></div>${menu}${who}<nav class="language" aria-label="${escapeHtml(
    text.languageNav,
  )}"><a href="${p}/dashboard/language?to=${other.code}&amp;back=${escapeHtml(back)}" hreflang="${other.code}" lang="${other.code}">${escapeHtml(other.name)}</a></nav></header>
<main>
${frame.main}
</main>
</body>
</html>
`;
}

/**
 * The checkout page's headers: nothing loads from elsewhere, no scripts, never cached. The referrer
 * stays same-origin, not none as on the checkout page: with no-referrer Chromium sends `Origin: null`
 * on form posts, and the CSRF check (csrf.ts) reads the Origin.
 */
export function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .header('content-security-policy', "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
    .header('referrer-policy', 'same-origin')
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(html);
}
