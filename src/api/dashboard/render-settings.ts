/** The settings page. */
import type { Merchant } from '../../core/merchants/merchant.js';
import type { WebshopSettings } from '../../core/merchants/webshop-settings.js';
import { csrfField, escapeHtml, money, notice, problemSummary, type Viewer } from './layout.js';
import type { DashboardText } from './page-text.js';

export interface SettingsInput {
  text: DashboardText;
  prefix: string;
  viewer: Viewer;
  merchant: Merchant;
  settings: WebshopSettings;
  domainsText: string;
  problems: readonly string[];
  saved: boolean;
  /** A client id just issued, shown in this answer only. */
  newClientId: string | undefined;
}

export function renderSettings(input: SettingsInput): string {
  const { text, settings } = input;
  const row = (label: string, value: string) => `<div><dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd></div>`;
  // The client id is a credential: only its last four characters are shown.
  const maskedClientId = `…${input.merchant.clientId.slice(-4)}`;
  return `<h1>${escapeHtml(text.settings)}</h1>
${notice(input.saved ? text.done : undefined)}
${problemSummary(text, input.problems)}
<h2>${escapeHtml(text.webshopSettings)}</h2>
<p class="hint">${escapeHtml(text.readOnlyNote)}</p>
<dl class="customer" data-testid="webshop-settings">
${row(text.minimumPaidOrders, String(settings.minimumPaidOrders))}
${row(text.periodDays, String(settings.periodDays))}
${row(text.totalAmountHigherThan, money(settings.totalAmountHigherThan, 'EUR', text))}
${row(text.whitelist, settings.whitelist.length > 0 ? settings.whitelist.join(', ') : text.none)}
</dl>
<h2>${escapeHtml(text.returnDomains)}</h2>
<form method="post" action="${input.prefix}/dashboard/settings/return-domains">${csrfField(input.viewer)}
<div class="field"><label for="domains">${escapeHtml(text.returnDomains)}</label><p class="hint" id="domains-hint">${escapeHtml(text.returnDomainsHint)}</p>
<textarea id="domains" name="domains" aria-describedby="domains-hint" spellcheck="false">${escapeHtml(input.domainsText)}</textarea></div>
<button type="submit" class="primary">${escapeHtml(text.save)}</button>
</form>
<h2>${escapeHtml(text.clientId)}</h2>
${
  input.newClientId
    ? `<div class="notice" role="status"><p>${escapeHtml(text.clientIdShownOnce)}</p><p class="secret" data-testid="new-client-id">${escapeHtml(input.newClientId)}</p></div>`
    : `<p><code data-testid="client-id">${escapeHtml(maskedClientId)}</code></p>`
}
<p class="hint">${escapeHtml(input.merchant.mode === 'sandbox' ? text.clientIdSandbox : text.clientIdNote)}</p>
${
  input.merchant.mode === 'sandbox'
    ? ''
    : `<form method="post" action="${input.prefix}/dashboard/settings/client-id">${csrfField(input.viewer)}<button type="submit" class="secondary">${escapeHtml(text.rotateClientId)}</button></form>`
}`;
}
