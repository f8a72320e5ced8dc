/**
 * The frame every checkout page shares: escaping, the document skeleton, the security headers
 * and how amounts and times are written for people.
 */
import type { FastifyReply } from 'fastify';
import { type Cents, type Currency, formatAmount } from '../../core/shared/money.js';
import { isLogoUrl } from '../../core/sessions/create-session.js';
import { type Language, type PageText, TEXTS } from './page-text.js';

/**
 * Escapes text for HTML, and drops what no text may hold (core/shared/text-characters.ts): a
 * value the customer typed is shown again after a refused post, and must not make the page
 * ill-formed.
 */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    (char) => ('&<>"\''.includes(char) ? `&#${char.charCodeAt(0)};` : ''),
  );
}

/** Amounts as people read them: `€ 104,85` in Dutch, `€104.85` in English. */
export function formatMoney(cents: Cents, currency: Currency, text: PageText): string {
  // Intl formats the decimal text exactly, so cents never pass through a float.
  const decimal = formatAmount(cents) as `${number}`;
  return new Intl.NumberFormat(text.locale, { style: 'currency', currency }).format(decimal);
}

export function formatTime(at: Date, text: PageText): string {
  return at.toLocaleTimeString(text.locale, { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' });
}

export interface PageFrame {
  language: Language;
  title: string;
  /** Root-relative path prefix of the public URL (e.g. `/pay` behind a proxy), '' normally. */
  prefix: string;
  /** The merchant's logo, or its name when there is none. */
  brand: { name: string; logoUrl: string | undefined } | undefined;
  /** The page in the other language, when the page offers a switch. */
  switchHref: string | undefined;
  main: string;
}

export function renderDocument(frame: PageFrame): string {
  const text = TEXTS[frame.language];
  const brand = frame.brand
    ? frame.brand.logoUrl
      ? `<img class="logo" src="${escapeHtml(frame.brand.logoUrl)}" alt="${escapeHtml(frame.brand.name)}">`
      : `<span class="shop-name">${escapeHtml(frame.brand.name)}</span>`
    : '';
  const other = text.otherLanguage;
  const languageSwitch = frame.switchHref
    ? `<nav class="language" aria-label="${escapeHtml(text.languageNav)}"><a href="${escapeHtml(frame.switchHref)}" hreflang="${other.code}" lang="${other.code}">${escapeHtml(other.name)}</a></nav>`
    : '';
  return `<!doctype html>
<html lang="${frame.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(frame.title)}</title>
<link rel="stylesheet" href="${frame.prefix}/checkout/assets/checkout.css">
</head>
<body>
<header class="top"><div class="brand">${brand}</div>${languageSwitch}</header>
<main>
${frame.main}
</main>
</body>
</html>
`;
}

/**
 * Headers of every checkout page. Nothing loads from elsewhere except the merchant's logo, whose
 * origin alone is allowed for images. There is deliberately no form-action directive: Chromium
 * applies it to the redirect after a form post, and ours go to the shop's return URLs (spec §4.4).
 * The logo's origin enters the policy only when it is a plain host-source (isLogoUrl): a session
 * stored before that rule with a `;` in its logo URL shows no logo rather than a policy of its
 * own making (docs/security.md "Content-Security-Policy").
 */
export function sendPage(reply: FastifyReply, status: number, html: string, logoUrl?: string): FastifyReply {
  const logoOrigin = logoUrl && isLogoUrl(logoUrl) ? ` ${new URL(logoUrl).origin}` : '';
  return reply
    .code(status)
    .header(
      'content-security-policy',
      `default-src 'self'; img-src 'self'${logoOrigin}; style-src 'self'; script-src 'none'; base-uri 'none'; frame-ancestors 'none'`,
    )
    .header('referrer-policy', 'no-referrer')
    .header('x-content-type-options', 'nosniff')
    // The page shows personal data: never keep it in a shared or back-forward cache.
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(html);
}
