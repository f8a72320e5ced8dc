/**
 * The invoice page's timeline (docs/dashboard.md "Timeline"): one list item per entry, oldest
 * first, each e-mail with links to its text and its PDF, each event with its webhooks and their
 * attempts, then what happens next on the merchant's clock. Plain HTML, no script.
 */
import type { TimelineDelivery } from '../../core/dashboard/dashboard-ports.js';
import type { InvoiceTimeline, TimelineEntry, TimelineEvent } from '../../core/dashboard/invoice-timeline.js';
import { dateTime, escapeHtml } from './layout.js';
import type { DashboardText, Language } from './page-text.js';
import { numbered, TIMELINE_TEXTS } from './timeline-text.js';

export interface TimelineView {
  language: Language;
  text: DashboardText;
  timeline: InvoiceTimeline;
  /** Formats cents in the invoice's currency, escaped. */
  money: (cents: number) => string;
  /** The dashboard path of an e-mail of this invoice. */
  mailUrl: (mailId: string) => string;
}

export function renderTimeline(view: TimelineView): string {
  const words = TIMELINE_TEXTS[view.language];
  const items = view.timeline.entries
    .map((entry) => `<li data-kind="${entry.kind}">${item(entry, view, words)}${'events' in entry ? events(entry.events, view.text, words) : ''}</li>`)
    .join('');
  return `<ol class="timeline" aria-labelledby="timeline" data-testid="timeline">${items}</ol>
<h3 id="next">${escapeHtml(words.nextHeading)}</h3>
<div data-testid="timeline-next">${next(view, words)}</div>`;
}

type Words = (typeof TIMELINE_TEXTS)['nl'];

function when(at: Date, text: DashboardText): string {
  return `<time datetime="${at.toISOString()}">${escapeHtml(dateTime(at, text))}</time> `;
}

function item(entry: TimelineEntry, view: TimelineView, words: Words): string {
  const { text, money: m } = view;
  const head = `${when(entry.at, text)}<strong>${escapeHtml(words.kinds[entry.kind])}</strong>`;
  switch (entry.kind) {
    case 'order_placed':
    case 'workflow_started':
    case 'resumed':
      return head;
    case 'step':
      return `${head}: ${escapeHtml(entry.step)}${entry.restarted ? ` (${escapeHtml(words.restarted)})` : ''}`;
    case 'on_hold':
      return `${head}${entry.until ? ` ${escapeHtml(words.until)} ${escapeHtml(dateTime(entry.until, text))}` : ''}`;
    case 'mail': {
      const name = numbered(words.mails[entry.mail], entry.mail === 'reminder' ? entry.reminderNumber : undefined);
      const state = `${words.mailStates[entry.state] ?? entry.state}${entry.sentAt ? ` ${escapeHtml(dateTime(entry.sentAt, text))}` : ''}`;
      const url = escapeHtml(view.mailUrl(entry.id));
      return `${head}: ${escapeHtml(name)}${entry.subject ? ` – “${escapeHtml(entry.subject)}”` : ''} ${escapeHtml(words.to)} ${escapeHtml(entry.recipient)} (${escapeHtml(
        state,
      )}) <a href="${url}">${escapeHtml(words.viewText)}</a> · <a href="${url}/pdf">${escapeHtml(words.downloadPdf)}</a>`;
    }
    case 'costs':
      return `${head}: ${escapeHtml(words.costs[entry.costs])} ${m(entry.amount)}`;
    case 'payment': {
      const parts = [entry.toCosts > 0 ? escapeHtml(words.toCosts(m(entry.toCosts))) : '', entry.channel === 'merchant' ? escapeHtml(words.paidToMerchant) : '']
        .filter(Boolean)
        .join(', ');
      return `${head}: ${m(entry.amount)}${parts ? ` (${parts})` : ''}${entry.description ? ` – ${escapeHtml(entry.description)}` : ''}`;
    }
    case 'credit':
      return `${head}: ${m(entry.amount)}${entry.description ? ` – ${escapeHtml(entry.description)}` : ''}`;
    case 'dispute_opened':
      return `${head} (${escapeHtml(words.category)} ${entry.category}): ${escapeHtml(entry.message)}`;
    case 'dispute_resolved':
      return `${head}${entry.resolution ? `: ${escapeHtml(entry.resolution)}` : ''}`;
    case 'settlement':
      return `${head}: ${escapeHtml(entry.settlement === 'payout' ? words.payout : words.clawback)} ${m(entry.net)} ${escapeHtml(words.net)} (${m(entry.gross)} ${escapeHtml(
        words.gross,
      )}, ${m(entry.fee)} ${escapeHtml(words.fee)})`;
    case 'message':
      return `${head}: ${escapeHtml(entry.body)}`;
    case 'event':
      return `${head}: <code>${escapeHtml(entry.type)}</code>${webhooks(entry.webhooks, text, words)}`;
  }
}

/** The webhook events written with a fact, each with its deliveries. */
function events(list: TimelineEvent[], text: DashboardText, words: Words): string {
  if (list.length === 0) return '';
  return `<ul>${list.map((event) => `<li>${escapeHtml(words.kinds.event)}: <code>${escapeHtml(event.type)}</code>${webhooks(event.webhooks, text, words)}</li>`).join('')}</ul>`;
}

function webhooks(deliveries: TimelineDelivery[], text: DashboardText, words: Words): string {
  if (deliveries.length === 0) return '';
  const items = deliveries.map((delivery) => {
    const attempts = delivery.attempts.map((attempt) => `${words.attempt} ${attempt.number}: ${attempt.httpStatus ?? attempt.error ?? '–'}`).join('; ');
    return `<li>${escapeHtml(words.delivery)} ${escapeHtml(delivery.id)}${delivery.replayOf ? ` (↻ ${escapeHtml(delivery.replayOf)})` : ''} → ${escapeHtml(delivery.url)}: ${escapeHtml(
      text.states[delivery.state] ?? delivery.state,
    )} (${escapeHtml(attempts || words.noAttempts)})</li>`;
  });
  return `<ul>${items.join('')}</ul>`;
}

function next(view: TimelineView, words: Words): string {
  const { timeline, text } = view;
  const lines = [`<p>${escapeHtml(words.now(dateTime(timeline.now, text)))}</p>`];
  if (timeline.paused?.dispute) lines.push(`<p>${escapeHtml(words.pausedByDispute)}</p>`);
  else if (timeline.paused?.holdUntil) lines.push(`<p>${escapeHtml(words.pausedByHold(dateTime(timeline.paused.holdUntil, text)))}</p>`);
  if (timeline.upcoming.length === 0) lines.push(`<p>${escapeHtml(words.nothingNext)}</p>`);
  else {
    const steps = timeline.upcoming.map(
      (step) => `<li>${when(step.at, text)}${escapeHtml(numbered(words.timers[step.timer], step.reminderNumber))}</li>`,
    );
    lines.push(`<ul class="timeline">${steps.join('')}</ul>`);
  }
  return lines.join('\n');
}
