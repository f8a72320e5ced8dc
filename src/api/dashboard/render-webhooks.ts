/** The webhook page: subscriptions, the v3 secret and the delivery log with replay. */
import { DELIVERY_STATES } from '../../core/webhooks/delivery-state.js';
import type { LogPage } from '../../core/webhooks/delivery-log.js';
import { csrfField, dateTime, escapeHtml, notice, problemSummary, type Viewer } from './layout.js';
import type { DashboardText } from './page-text.js';

export interface WebhooksInput {
  text: DashboardText;
  prefix: string;
  viewer: Viewer;
  log: LogPage;
  state: string | undefined;
  subscriptions: { kind: 'order' | 'session'; url: string; signed: boolean }[];
  hasSecret: boolean;
  newSecret: string | undefined;
  problems: readonly string[];
  notice: string | undefined;
}

export function renderWebhooks(input: WebhooksInput): string {
  const { text, prefix, viewer } = input;
  const base = `${prefix}/dashboard/webhooks`;
  const subscription = (kind: 'order' | 'session', label: string) => {
    const current = input.subscriptions.find((entry) => entry.kind === kind);
    return `<form method="post" action="${base}/subscription" data-testid="subscription-${kind}">${csrfField(viewer)}<input type="hidden" name="kind" value="${kind}">
<div class="field"><label for="url-${kind}">${escapeHtml(label)}</label><input type="url" id="url-${kind}" name="url" value="${escapeHtml(current?.url ?? '')}"></div>
<div class="choice"><input type="checkbox" id="signed-${kind}" name="signed" value="yes"${current?.signed ? ' checked' : ''}><label for="signed-${kind}">${escapeHtml(text.signed)}</label></div>
<div class="inline"><button type="submit" class="primary">${escapeHtml(text.save)}</button>${
      current ? `<button type="submit" class="secondary" name="disable" value="yes" formnovalidate>${escapeHtml(text.disable)}</button>` : ''
    }</div></form>`;
  };
  const states = DELIVERY_STATES.map((state) => `<option value="${state}"${input.state === state ? ' selected' : ''}>${escapeHtml(text.states[state] ?? state)}</option>`).join('');
  const rows = input.log.deliveries
    .map((delivery) => {
      const attempts = delivery.attempts
        .map(
          (attempt) => `<li>${escapeHtml(text.attempt)} ${attempt.number}, ${escapeHtml(dateTime(attempt.startedAt, text))}: ${escapeHtml(
            attempt.httpStatus !== undefined ? `HTTP ${attempt.httpStatus}` : (attempt.error ?? '–'),
          )} (${attempt.latencyMs} ms)${attempt.responseBody ? `<pre>${escapeHtml(attempt.responseBody)}</pre>` : ''}</li>`,
        )
        .join('');
      return `<tr data-testid="delivery" data-delivery-id="${escapeHtml(delivery.id)}">
<td><input type="checkbox" name="delivery" value="${escapeHtml(delivery.id)}" id="delivery-${escapeHtml(delivery.id)}" aria-label="${escapeHtml(text.select(delivery.id))}"></td>
<td>${escapeHtml(delivery.id)}${delivery.replayOf ? ` (↻ ${escapeHtml(delivery.replayOf)})` : ''}</td>
<td><code>${escapeHtml(delivery.event)}</code><br><span class="hint">${escapeHtml(dateTime(delivery.createdAt, text))}</span></td>
<td>${escapeHtml(delivery.url)}</td>
<td data-testid="delivery-state">${escapeHtml(text.states[delivery.state] ?? delivery.state)}</td>
<td><details><summary>${escapeHtml(text.attempts)}: <span data-testid="attempt-count">${delivery.attempts.length}</span></summary>
<p><strong>${escapeHtml(text.request)}</strong></p><pre>${escapeHtml(delivery.body)}</pre>
<p><strong>${escapeHtml(text.answer)}</strong></p><ol>${attempts}</ol></details></td>
<td><button type="submit" class="secondary" name="only" value="${escapeHtml(delivery.id)}" data-testid="replay">${escapeHtml(text.replay)}</button></td>
</tr>`;
    })
    .join('\n');
  const pageLink = (page: number) => {
    const params = new URLSearchParams({ page: String(page) });
    if (input.state) params.set('state', input.state);
    return `${base}?${escapeHtml(params.toString())}`;
  };
  const pager = `<nav class="pager" aria-label="${escapeHtml(text.pages)}">${input.log.page > 1 ? `<a href="${pageLink(input.log.page - 1)}" rel="prev">${escapeHtml(text.newer)}</a>` : ''}${
    input.log.page < input.log.totalPages ? `<a href="${pageLink(input.log.page + 1)}" rel="next">${escapeHtml(text.older)}</a>` : ''
  }</nav>`;
  return `<h1>${escapeHtml(text.webhooks)}</h1>
${notice(input.notice)}
${problemSummary(text, input.problems)}
<h2>${escapeHtml(text.subscriptions)}</h2>
${subscription('order', text.orderWebhook)}
${subscription('session', text.sessionWebhook)}
<p class="hint"><a href="${prefix}/dashboard/keys#push-url">${escapeHtml(text.pspUrlsElsewhere)}</a></p>
<h2>${escapeHtml(text.secret)}</h2>
${
  input.newSecret
    ? `<div class="notice" role="status"><p>${escapeHtml(text.secretShownOnce)}</p><p class="secret" data-testid="new-secret">${escapeHtml(input.newSecret)}</p></div>`
    : `<p>${escapeHtml(input.hasSecret ? text.secretSet : text.secretNone)}</p>`
}
<form method="post" action="${base}/secret">${csrfField(viewer)}<button type="submit" class="secondary">${escapeHtml(text.generateSecret)}</button></form>
<h2>${escapeHtml(text.deliveryLog)}</h2>
<form method="get" action="${base}" class="inline"><div class="field"><label for="state">${escapeHtml(text.state)}</label><select id="state" name="state"><option value="">${escapeHtml(
    text.anyState,
  )}</option>${states}</select></div><button type="submit" class="secondary">${escapeHtml(text.filter)}</button></form>
<form method="post" action="${base}/replay">${csrfField(viewer)}
<div class="table-wrap"><table>
<thead><tr><th scope="col"><span class="visually-hidden">${escapeHtml(text.replaySelected)}</span></th><th scope="col">#</th><th scope="col">${escapeHtml(text.event)}</th><th scope="col">${escapeHtml(
    text.url,
  )}</th><th scope="col">${escapeHtml(text.state)}</th><th scope="col">${escapeHtml(text.attempts)}</th><th scope="col"><span class="visually-hidden">${escapeHtml(text.replay)}</span></th></tr></thead>
<tbody>
${rows}
</tbody></table></div>
<button type="submit" class="primary" data-testid="replay-selected">${escapeHtml(text.replaySelected)}</button>
</form>
${pager}`;
}
