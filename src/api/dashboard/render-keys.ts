/**
 * The keys page: the Buckaroo website key and the BillBlend endpoints with the last characters of
 * their control keys, each rotation with its warning and confirmation.
 */
import type { PspCredentialPair } from '../../core/psp/psp-credentials.js';
import type { PspEndpoint } from '../../core/sessions/psp-sale.js';
import { csrfField, escapeHtml, notice, problemSummary, type Viewer } from './layout.js';
import { type NotificationUrlInput, renderCallbackUrls, renderPushUrl } from './render-notification-urls.js';
import type { DashboardText } from './page-text.js';
import type { ToolText } from './sandbox-text.js';

export interface KeysInput {
  text: DashboardText;
  words: ToolText;
  prefix: string;
  viewer: Viewer;
  websiteKey: string | undefined;
  problems: readonly string[];
  /** A pair just made, shown in this answer only. */
  newPair: PspCredentialPair | undefined;
  endpoints: readonly PspEndpoint[];
  /** Sandbox endpoints keep their published control keys: no rotation is offered. */
  sandbox: boolean;
  /** A control key just made, shown in this answer only. */
  newControlKey: PspEndpoint | undefined;
  /** The push URL and callback URLs with their forms. */
  notificationUrls: NotificationUrlInput;
  notice: string | undefined;
}

export function renderKeys(input: KeysInput): string {
  const { text, words } = input;
  const current = input.newPair
    ? `<div class="notice" role="status"><p>${escapeHtml(words.newKeysShownOnce)}</p><dl class="customer">
<div><dt>${escapeHtml(words.websiteKey)}</dt><dd class="secret" data-testid="new-website-key">${escapeHtml(input.newPair.websiteKey)}</dd></div>
<div><dt>${escapeHtml(words.secretKey)}</dt><dd class="secret" data-testid="new-secret-key">${escapeHtml(input.newPair.secretKey)}</dd></div>
</dl></div>`
    : input.websiteKey
      ? `<dl class="customer"><div><dt>${escapeHtml(words.websiteKey)}</dt><dd><code data-testid="website-key">${escapeHtml(input.websiteKey)}</code></dd></div></dl>
<p class="hint">${escapeHtml(words.secretHidden)}</p>`
      : `<p>${escapeHtml(words.noWebsiteKey)}</p>`;
  return `<h1>${escapeHtml(words.keys)}</h1>
${notice(input.notice)}
${problemSummary(text, input.problems)}
<h2>${escapeHtml(words.buckarooHeading)}</h2>
<p>${escapeHtml(words.buckarooIntro)}</p>
${current}
<form method="post" action="${input.prefix}/dashboard/keys/buckaroo">${csrfField(input.viewer)}
<p class="warning" id="rotate-warning"><strong>${escapeHtml(words.rotateWarning)}</strong></p>
<div class="field"><label><input type="checkbox" name="confirm" value="yes" required aria-describedby="rotate-warning"> ${escapeHtml(words.rotateConfirm)}</label></div>
<button type="submit" class="secondary">${escapeHtml(words.rotate)}</button>
</form>
${renderPushUrl(input.notificationUrls)}
${renderBillBlend(input)}`;
}

function renderBillBlend(input: KeysInput): string {
  const { words } = input;
  const fresh = input.newControlKey
    ? `<div class="notice" role="status"><p>${escapeHtml(words.newControlKeyShownOnce(input.newControlKey.id))}</p><p class="secret" data-testid="new-control-key">${escapeHtml(
        input.newControlKey.controlKey,
      )}</p></div>`
    : '';
  if (input.endpoints.length === 0) return `<h2>${escapeHtml(words.billBlendHeading)}</h2>\n<p>${escapeHtml(words.noEndpoints)}</p>`;
  const rows = input.endpoints
    .map(
      (endpoint) =>
        `<tr data-testid="endpoint-row"><td>${escapeHtml(endpoint.id)}</td><td>${endpoint.workflowNumber}</td><td><code>…${escapeHtml(endpoint.controlKey.slice(-4))}</code></td></tr>`,
    )
    .join('');
  // One form per endpoint: the button names the endpoint, so the choice is never a hidden guess.
  const forms = input.sandbox
    ? `<p class="hint">${escapeHtml(words.controlKeySandbox)}</p>`
    : `<p class="warning" id="control-key-warning"><strong>${escapeHtml(words.controlKeyWarning)}</strong></p>
${input.endpoints
  .map(
    (endpoint) => `<form method="post" action="${input.prefix}/dashboard/keys/billblend">${csrfField(input.viewer)}<input type="hidden" name="endpointId" value="${escapeHtml(endpoint.id)}">
<div class="field"><label><input type="checkbox" name="confirm" value="yes" required aria-describedby="control-key-warning"> ${escapeHtml(words.controlKeyConfirm)}</label></div>
<button type="submit" class="secondary">${escapeHtml(words.rotateControlKey(endpoint.id))}</button>
</form>`,
  )
  .join('\n')}`;
  return `<h2>${escapeHtml(words.billBlendHeading)}</h2>
<p>${escapeHtml(words.billBlendIntro)}</p>
${fresh}
<div class="table-wrap"><table><thead><tr><th scope="col">${escapeHtml(words.endpointId)}</th><th scope="col">${escapeHtml(words.endpointWorkflow)}</th><th scope="col">${escapeHtml(
    words.controlKey,
  )}</th></tr></thead><tbody>${rows}</tbody></table></div>
<p class="hint">${escapeHtml(words.controlKeyHidden)}</p>
${forms}
${renderCallbackUrls(input.notificationUrls)}`;
}
