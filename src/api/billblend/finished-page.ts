/**
 * The page a DAPI customer lands on after deciding on the payment page (docs/billblend.md): the app
 * reads the outcome from the sale status, so the page only tells the customer what happened and
 * that they can go back to the app.
 */
import { renderDocument, escapeHtml } from '../checkout/layout.js';
import type { Language } from '../checkout/page-text.js';

export const FINISHED_RESULTS = ['success', 'fail', 'cancel'] as const;
export type FinishedResult = (typeof FINISHED_RESULTS)[number];

const TEXT: Record<Language, Record<FinishedResult, string> & { back: string; title: string }> = {
  nl: {
    title: 'Achteraf betalen',
    success: 'Je bestelling is geplaatst. Je betaalt achteraf.',
    fail: 'Achteraf betalen is niet gelukt.',
    cancel: 'Je hebt achteraf betalen geannuleerd.',
    back: 'Je kunt dit venster sluiten en teruggaan naar de app.',
  },
  en: {
    title: 'Pay after delivery',
    success: 'Your order has been placed. You pay after delivery.',
    fail: 'Paying after delivery did not work out.',
    cancel: 'You cancelled paying after delivery.',
    back: 'You can close this window and go back to the app.',
  },
};

/** The outcome named in the link, or undefined for anything else (then the page names none). */
export function finishedResult(value: unknown): FinishedResult | undefined {
  return (FINISHED_RESULTS as readonly unknown[]).includes(value) ? (value as FinishedResult) : undefined;
}

export function renderFinished(result: FinishedResult | undefined, language: Language, prefix: string, switchHref: string): string {
  const text = TEXT[language];
  const outcome = result ? `<p class="intro" data-testid="finished" data-result="${result}">${escapeHtml(text[result])}</p>\n` : '';
  const main = `<h1>${escapeHtml(text.title)}</h1>
${outcome}<p data-testid="back-to-app">${escapeHtml(text.back)}</p>`;
  return renderDocument({ language, title: text.title, prefix, brand: undefined, switchHref, main });
}
