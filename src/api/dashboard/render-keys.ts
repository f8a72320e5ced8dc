/** The keys page: the Buckaroo website key, and the rotation with its warning and confirmation. */
import type { PspCredentialPair } from '../../core/psp/psp-credentials.js';
import { csrfField, escapeHtml, problemSummary, type Viewer } from './layout.js';
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
${problemSummary(text, input.problems)}
<h2>${escapeHtml(words.buckarooHeading)}</h2>
<p>${escapeHtml(words.buckarooIntro)}</p>
${current}
<form method="post" action="${input.prefix}/dashboard/keys/buckaroo">${csrfField(input.viewer)}
<p class="warning" id="rotate-warning"><strong>${escapeHtml(words.rotateWarning)}</strong></p>
<div class="field"><label><input type="checkbox" name="confirm" value="yes" required aria-describedby="rotate-warning"> ${escapeHtml(words.rotateConfirm)}</label></div>
<button type="submit" class="secondary">${escapeHtml(words.rotate)}</button>
</form>`;
}
