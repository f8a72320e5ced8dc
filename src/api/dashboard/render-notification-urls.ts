/**
 * The keys page's forms for where the PSP contracts notify the merchant: the Buckaroo push URL
 * (docs/buckaroo.md "Push URL") under the Buckaroo keys, and one callback URL per BillBlend
 * endpoint (docs/billblend.md "Callback URL") under the BillBlend keys. Each form saves the typed
 * URL or, with its Remove button, takes the URL away.
 */
import type { EndpointCallback } from '../../core/psp/notification-urls.js';
import { csrfField, escapeHtml, type Viewer } from './layout.js';
import type { DashboardText } from './page-text.js';
import type { ToolText } from './sandbox-text.js';

/** What a refused form had typed, shown again in that form only. */
export type TypedUrl = { form: 'push' } | { form: 'callback'; endpointId: string };

export interface NotificationUrlInput {
  text: DashboardText;
  words: ToolText;
  prefix: string;
  viewer: Viewer;
  /** The stored push URL; undefined when the merchant has no Buckaroo pair, so no website to set it on. */
  pushUrl: string | null | undefined;
  callbacks: readonly EndpointCallback[];
  /** The refused form and what was typed in it. */
  typed: (TypedUrl & { url: string }) | undefined;
}

interface UrlForm {
  id: string;
  action: string;
  label: string;
  stored: string | null;
  typed: string | undefined;
  hidden: string;
}

function urlForm(input: NotificationUrlInput, form: UrlForm): string {
  const { text, words } = input;
  const refused = form.typed !== undefined;
  const id = escapeHtml(form.id);
  // novalidate: the server's sentence, in the page's language, is the one answer to a bad URL,
  // rather than the browser's own message in the browser's language.
  return `<form method="post" action="${form.action}" novalidate data-testid="${id}">${csrfField(input.viewer)}${form.hidden}
<div class="field"><label for="${id}-url">${escapeHtml(form.label)}</label><p class="hint" id="${id}-hint">${escapeHtml(words.urlHint)}</p>
<input type="url" id="${id}-url" name="url" value="${escapeHtml(form.typed ?? form.stored ?? '')}" aria-describedby="${id}-hint ${id}-now" spellcheck="false" autocomplete="off"${
    refused ? ' aria-invalid="true"' : ''
  }></div>
<p class="stored-url" id="${id}-now">${escapeHtml(words.currentUrl)}: <span data-testid="${id}-stored">${
    form.stored === null ? escapeHtml(text.none) : `<code>${escapeHtml(form.stored)}</code>`
  }</span></p>
<div class="inline"><button type="submit" class="primary">${escapeHtml(text.save)}</button>${
    form.stored === null ? '' : `<button type="submit" class="secondary" name="remove" value="yes">${escapeHtml(words.removeUrl)}</button>`
  }</div></form>`;
}

export function renderPushUrl(input: NotificationUrlInput): string {
  const { words } = input;
  const heading = `<h3 id="push-url">${escapeHtml(words.pushUrlHeading)}</h3>\n<p>${escapeHtml(words.pushUrlIntro)}</p>`;
  if (input.pushUrl === undefined) return `${heading}\n<p>${escapeHtml(words.pushUrlNeedsKeys)}</p>`;
  return `${heading}
${urlForm(input, {
  id: 'push-url-form',
  action: `${input.prefix}/dashboard/keys/push-url`,
  label: words.pushUrlHeading,
  stored: input.pushUrl,
  typed: input.typed?.form === 'push' ? input.typed.url : undefined,
  hidden: '',
})}`;
}

export function renderCallbackUrls(input: NotificationUrlInput): string {
  const { words } = input;
  if (input.callbacks.length === 0) return '';
  const typed = input.typed?.form === 'callback' ? input.typed : undefined;
  return `<h3 id="callback-urls">${escapeHtml(words.callbackHeading)}</h3>
<p>${escapeHtml(words.callbackIntro)}</p>
${input.callbacks
  .map((endpoint) =>
    urlForm(input, {
      id: `callback-${endpoint.endpointId}`,
      action: `${input.prefix}/dashboard/keys/callback-url`,
      label: words.callbackLabel(endpoint.endpointId),
      stored: endpoint.callbackUrl,
      typed: typed?.endpointId === endpoint.endpointId ? typed.url : undefined,
      hidden: `<input type="hidden" name="endpointId" value="${escapeHtml(endpoint.endpointId)}">`,
    }),
  )
  .join('\n')}`;
}
