/** The sandbox page: the merchant's test clock, its forms, what an advance did, and the triggers. */
import type { ClockAdvance, TestClockState } from '../../core/sandbox/test-clock.js';
import { csrfField, dateTime, escapeHtml, notice, problemSummary, type Viewer } from './layout.js';
import type { DashboardText } from './page-text.js';
import type { ToolText } from './sandbox-text.js';

export interface SandboxInput {
  text: DashboardText;
  words: ToolText;
  prefix: string;
  viewer: Viewer;
  clock: TestClockState;
  problems: readonly string[];
  /** The advance this answer reports, if it is the answer to one. */
  advance: ClockAdvance | undefined;
  reset: boolean;
  /** What the form held when it was refused, so it is not lost. */
  given: { amount: string; unit: string; to: string };
}

function offsetText(words: ToolText, offsetMs: number): string {
  if (offsetMs === 0) return words.offsetNone;
  const minutes = Math.floor(offsetMs / 60_000);
  return words.offsetText(Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60);
}

function report(input: SandboxInput, advance: ClockAdvance): string {
  const { text, words } = input;
  const steps = Object.entries(advance.steps).sort(([a], [b]) => a.localeCompare(b));
  const stepList =
    steps.length === 0
      ? `<p>${escapeHtml(words.noSteps)}</p>`
      : `<ul data-testid="advance-steps">${steps.map(([name, count]) => `<li><code>${escapeHtml(name)}</code>: ${count}</li>`).join('')}</ul>`;
  return `<section class="notice" role="status" aria-labelledby="advance-report" data-testid="advance-report">
<h2 id="advance-report">${escapeHtml(words.advanceReport)}</h2>
<dl class="customer">
<div><dt>${escapeHtml(words.movedFrom)}</dt><dd>${escapeHtml(dateTime(advance.from, text))}</dd></div>
<div><dt>${escapeHtml(words.movedTo)}</dt><dd>${escapeHtml(dateTime(advance.now, text))}</dd></div>
<div><dt>${escapeHtml(words.emailsSent)}</dt><dd data-testid="advance-emails">${advance.emails}</dd></div>
<div><dt>${escapeHtml(words.webhooksSent)}</dt><dd data-testid="advance-webhooks">${advance.webhooks}</dd></div>
</dl>
<h3>${escapeHtml(words.stepsApplied)}</h3>
${stepList}
</section>`;
}

export function renderSandbox(input: SandboxInput): string {
  const { text, words, clock, given } = input;
  const p = input.prefix;
  const unit = (value: 'days' | 'hours') => `<option value="${value}"${given.unit === value ? ' selected' : ''}>${escapeHtml(words[value])}</option>`;
  return `<h1>${escapeHtml(words.sandbox)}</h1>
${problemSummary(text, input.problems)}
${notice(input.reset ? words.resetDone : undefined)}
${input.advance ? report(input, input.advance) : ''}
<h2>${escapeHtml(words.clockHeading)}</h2>
<p>${escapeHtml(words.clockIntro)}</p>
<dl class="customer" data-testid="test-clock">
<div><dt>${escapeHtml(words.merchantTime)}</dt><dd data-testid="merchant-time"><time datetime="${clock.now.toISOString()}">${escapeHtml(dateTime(clock.now, text))}</time></dd></div>
<div><dt>${escapeHtml(words.realTime)}</dt><dd><time datetime="${clock.realNow.toISOString()}">${escapeHtml(dateTime(clock.realNow, text))}</time></dd></div>
<div><dt>${escapeHtml(words.offset)}</dt><dd data-testid="clock-offset">${escapeHtml(offsetText(words, clock.offsetMs))}</dd></div>
</dl>
<form method="post" action="${p}/dashboard/sandbox/advance">${csrfField(input.viewer)}
<fieldset><legend>${escapeHtml(words.advanceBy)}</legend>
<div class="field"><label for="advance-amount">${escapeHtml(words.amount)}</label><input id="advance-amount" name="amount" type="number" min="1" step="1" inputmode="numeric" required value="${escapeHtml(given.amount)}"></div>
<div class="field"><label for="advance-unit">${escapeHtml(words.unit)}</label><select id="advance-unit" name="unit">${unit('days')}${unit('hours')}</select></div>
</fieldset>
<button type="submit" class="primary" data-testid="advance-by">${escapeHtml(words.advance)}</button>
</form>
<form method="post" action="${p}/dashboard/sandbox/advance">${csrfField(input.viewer)}
<fieldset><legend>${escapeHtml(words.advanceTo)}</legend>
<div class="field"><label for="advance-to">${escapeHtml(words.advanceToLabel)}</label><input id="advance-to" name="to" type="datetime-local" required value="${escapeHtml(given.to)}"></div>
</fieldset>
<button type="submit" class="primary" data-testid="advance-to-button">${escapeHtml(words.advanceToButton)}</button>
</form>
<form method="post" action="${p}/dashboard/sandbox/reset">${csrfField(input.viewer)}
<p class="hint">${escapeHtml(words.resetHint)}</p>
<button type="submit" class="secondary">${escapeHtml(words.reset)}</button>
</form>
<h2>${escapeHtml(words.triggersHeading)}</h2>
<p>${escapeHtml(words.triggersIntro)}</p>
<ul>
<li>${escapeHtml(words.triggerApproved)}</li>
<li>${escapeHtml(words.triggerDeclined)}</li>
<li>${escapeHtml(words.triggerEmail)}</li>
<li>${escapeHtml(words.triggerOther)}</li>
</ul>
<p><a href="${p}/docs/legacy-api.md">${escapeHtml(words.triggersMore)}</a></p>`;
}
