/**
 * Pages for a session that is no longer open, and for a link that leads nowhere. Each says what
 * happened in plain words and offers the one way back to the shop that fits (spec §4.4).
 */
import type { CheckoutSession } from '../../core/sessions/checkout-session.js';
import { escapeHtml } from './layout.js';
import { type ClosedStatus, type Language, TEXTS } from './page-text.js';

/** The shop URL each outcome returns to; an expired session goes where cancelling would. */
export function returnUrlFor(session: CheckoutSession, status: ClosedStatus): string {
  const urls = session.returnUrls;
  return { order_created: urls.success, failed: urls.fail, cancelled: urls.cancel, session_expired: urls.cancel }[status];
}

export function renderClosed(session: CheckoutSession, status: ClosedStatus, merchantName: string, language: Language): string {
  const closed = TEXTS[language].closed[status];
  return `<h1>${escapeHtml(closed.title)}</h1>
<p class="intro" data-testid="closed" data-status="${status}">${escapeHtml(closed.body(merchantName))}</p>
<p><a class="button-link" href="${escapeHtml(returnUrlFor(session, status))}">${escapeHtml(closed.link(merchantName))}</a></p>`;
}

export function renderUnknown(language: Language): string {
  const text = TEXTS[language];
  return `<h1>${escapeHtml(text.unknownTitle)}</h1>
<p class="intro" data-testid="unknown">${escapeHtml(text.unknownBody)}</p>`;
}
