/** One customer e-mail of an invoice: to whom, when, its state, subject and text, and its PDF. */
import type { StoredCustomerMail } from '../../core/dashboard/dashboard-ports.js';
import { dateTime, escapeHtml } from './layout.js';
import type { DashboardText, Language } from './page-text.js';
import { numbered, TIMELINE_TEXTS } from './timeline-text.js';

export interface CustomerMailView {
  language: Language;
  text: DashboardText;
  mail: StoredCustomerMail;
  subject: string;
  body: string;
  invoicePath: string;
  pdfUrl: string;
}

export function renderCustomerMail(view: CustomerMailView): string {
  const words = TIMELINE_TEXTS[view.language];
  const { mail, text } = view;
  const name = numbered(words.mails[mail.mail.kind], mail.mail.kind === 'reminder' ? mail.mail.reminderNumber : undefined);
  const state = `${words.mailStates[mail.state] ?? mail.state}${mail.sentAt ? ` ${dateTime(mail.sentAt, text)}` : ''}`;
  const facts: [string, string][] = [
    [words.subject, view.subject],
    [words.recipient, mail.recipient],
    [words.queued, dateTime(mail.createdAt, text)],
    [words.mailState, state],
  ];
  return `<h1>${escapeHtml(words.mailHeading)}: ${escapeHtml(name)}</h1>
<p><a href="${escapeHtml(view.invoicePath)}#timeline">${escapeHtml(words.backToInvoice)}</a></p>
<dl class="customer">${facts.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join('')}</dl>
${mail.body === undefined ? `<p role="note">${escapeHtml(words.notSentYet)}</p>` : ''}
<pre class="mail-text" data-testid="mail-text">${escapeHtml(view.body)}</pre>
<p><a href="${escapeHtml(view.pdfUrl)}" data-testid="mail-pdf">${escapeHtml(words.downloadPdf)}</a></p>`;
}
