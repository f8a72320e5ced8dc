/**
 * The text and HTML of a customer e-mail from its notice (core/customer-side/notice-text.ts).
 * The HTML is the same words in a plain accessible layout: no images, scripts or remote content,
 * which mail clients block anyway; the link to the pay page is the only link.
 */
import type { NoticeText } from '../core/customer-side/notice-text.js';

export function mailText(notice: NoticeText): string {
  return [notice.greeting, ...notice.paragraphs, notice.howToPay.join('\n'), notice.closing].join('\n\n') + '\n';
}

export function mailHtml(notice: NoticeText, language: 'nl' | 'en', payUrl: string): string {
  const linked = (line: string) => {
    const at = line.indexOf(payUrl);
    if (at < 0) return escape(line);
    return `${escape(line.slice(0, at))}<a href="${escape(payUrl)}">${escape(payUrl)}</a>${escape(line.slice(at + payUrl.length))}`;
  };
  return `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(notice.subject)}</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 16px; line-height: 1.5; color: #16120D; max-width: 40em; margin: 0 auto; padding: 1em;">
<h1 style="font-size: 1.4em;">${escape(notice.heading)}</h1>
<p>${escape(notice.greeting)}</p>
${notice.paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n')}
<p>${notice.howToPay.map(linked).join('<br>\n')}</p>
<p>${escape(notice.closing).replaceAll('\n', '<br>')}</p>
</body>
</html>
`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
