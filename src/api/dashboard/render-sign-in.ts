/** The sign-in form and the not-found page. */
import { escapeHtml, problemSummary } from './layout.js';
import type { DashboardText } from './page-text.js';

export function renderSignIn(text: DashboardText, prefix: string, problems: readonly string[], username: string) {
  const main = `<div class="sign-in">
<h1>${escapeHtml(text.signInTitle)}</h1>
${problemSummary(text, problems)}
<form method="post" action="${prefix}/dashboard/sign-in">
<div class="field"><label for="username">${escapeHtml(text.username)}</label>
<input type="text" id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${escapeHtml(username)}"></div>
<div class="field"><label for="password">${escapeHtml(text.password)}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required></div>
<button type="submit" class="primary">${escapeHtml(text.signIn)}</button>
</form>
</div>`;
  return { title: problems.length > 0 ? `${text.problemHeading}: ${text.signInTitle}` : text.signInTitle, section: undefined, main };
}

export function renderNotFound(text: DashboardText, prefix: string) {
  return {
    title: text.notFoundTitle,
    section: undefined,
    main: `<h1>${escapeHtml(text.notFoundTitle)}</h1><p>${escapeHtml(text.notFound)}</p><p><a href="${prefix}/dashboard/invoices">${escapeHtml(text.back)}</a></p>`,
  };
}
