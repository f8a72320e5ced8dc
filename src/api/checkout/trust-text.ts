/**
 * Who the customer deals with, on the hosted checkout page and the pay page (docs/checkout.md
 * "Trust text"): the payment provider's name, that the merchant assigns the invoice to it, that a
 * credit check is made and why, and links to the platform's terms and privacy statement.
 */
import { escapeHtml } from './layout.js';
import type { Language } from './page-text.js';

export interface TrustSettings {
  /** The payment provider's name (PLATFORM_NAME). */
  name: string;
  termsUrl: string;
  privacyUrl: string;
  /** The links are the platform's own summary pages, which take the page's language. */
  ownPages: boolean;
}

const WORDS: Record<Language, { heading: string; provider(name: string, merchant: string): string; check(name: string): string; terms: string; privacy: string }> = {
  nl: {
    heading: 'Over achteraf betalen',
    provider: (name, merchant) => `Achteraf betalen wordt aangeboden door ${name}. ${merchant} draagt de factuur aan ${name} over; je betaalt aan ${name}.`,
    check: (name) =>
      `${name} doet een kredietcheck met je gegevens. Zo beoordelen we of je achteraf kunt betalen en voorkomen we dat je een schuld aangaat die je niet kunt dragen. De uitkomst gebruiken we alleen voor deze beslissing.`,
    terms: 'Voorwaarden',
    privacy: 'Privacyverklaring',
  },
  en: {
    heading: 'About paying afterwards',
    provider: (name, merchant) => `Paying afterwards is offered by ${name}. ${merchant} assigns the invoice to ${name}; you pay ${name}.`,
    check: (name) =>
      `${name} makes a credit check with your details. That is how we judge whether you can pay afterwards, and how we keep you from a debt you cannot carry. We use the outcome for this decision only.`,
    terms: 'Terms and conditions',
    privacy: 'Privacy statement',
  },
};

export function renderTrustText(settings: TrustSettings, merchantName: string, language: Language, options: { creditCheck: boolean }): string {
  const words = WORDS[language];
  const link = (url: string) => escapeHtml(settings.ownPages ? `${url}?lang=${language}` : url);
  return `<section class="trust" aria-labelledby="trust-heading">
<h2 id="trust-heading">${escapeHtml(words.heading)}</h2>
<p data-testid="provider">${escapeHtml(words.provider(settings.name, merchantName))}</p>
${options.creditCheck ? `<p data-testid="credit-check">${escapeHtml(words.check(settings.name))}</p>` : ''}
<p><a href="${link(settings.termsUrl)}">${escapeHtml(words.terms)}</a> · <a href="${link(settings.privacyUrl)}">${escapeHtml(words.privacy)}</a></p>
</section>`;
}
