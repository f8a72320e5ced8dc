/**
 * GET /legal/terms and /legal/privacy: what the platform's terms and privacy statement links show
 * when the operator has not configured its own (PLATFORM_TERMS_URL, PLATFORM_PRIVACY_URL;
 * docs/operations.md). A short summary of the platform's role, in Dutch and English; an operator
 * taking real orders publishes its own documents and points the links there.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { renderDocument, sendPage, escapeHtml as e } from '../checkout/layout.js';
import { chooseLanguage, type Language, TEXTS } from '../checkout/page-text.js';

const PAGES: Record<'terms' | 'privacy', Record<Language, (name: string) => { title: string; paragraphs: string[] }>> = {
  terms: {
    nl: (name) => ({
      title: `Voorwaarden van ${name}`,
      paragraphs: [
        `${name} biedt webwinkels achteraf betalen aan. Kies je daarvoor, dan draagt de webwinkel de factuur aan ${name} over en betaal je het factuurbedrag aan ${name}, binnen de betaaltermijn op de factuur.`,
        'Betaal je niet op tijd, dan sturen we herinneringen en een aanmaning. Kosten brengen we alleen in rekening zoals de wet het toestaat en nadat we ze vooraf hebben aangekondigd.',
        'Vragen over je bestelling zelf (levering, retour) stel je aan de webwinkel.',
      ],
    }),
    en: (name) => ({
      title: `Terms of ${name}`,
      paragraphs: [
        `${name} offers web shops payment afterwards. When you choose it, the shop assigns the invoice to ${name} and you pay the invoice amount to ${name}, within the payment term on the invoice.`,
        'If you do not pay in time, we send reminders and a final notice. We charge costs only as the law allows and after announcing them first.',
        'Questions about the order itself (delivery, returns) go to the web shop.',
      ],
    }),
  },
  privacy: {
    nl: (name) => ({
      title: `Privacyverklaring van ${name}`,
      paragraphs: [
        `${name} gebruikt je naam, adres, e-mailadres, telefoonnummer, geboortedatum en bestelgegevens om te beslissen of je achteraf kunt betalen (de kredietcheck), om je factuur, herinneringen en betalingsbewijzen te sturen en om je betaling te verwerken.`,
        'De grondslag is de uitvoering van de overeenkomst en ons gerechtvaardigd belang om geen krediet te geven dat je niet kunt terugbetalen (art. 6 lid 1 onder b en f AVG). Je hebt recht op inzage, correctie en verwijdering voor zover de wet dat toestaat.',
      ],
    }),
    en: (name) => ({
      title: `Privacy statement of ${name}`,
      paragraphs: [
        `${name} uses your name, address, e-mail address, phone number, date of birth and order details to decide whether you can pay afterwards (the credit check), to send your invoice, reminders and receipts, and to process your payment.`,
        'The legal basis is performing the contract and our legitimate interest in not giving credit you cannot repay (GDPR art. 6(1)(b) and (f)). You have the right of access, correction and erasure as far as the law allows.',
      ],
    }),
  },
};

export function legalPageRoutes(app: FastifyInstance, platformName: string): void {
  for (const page of ['terms', 'privacy'] as const) {
    app.get(`/legal/${page}`, async (request: FastifyRequest<{ Querystring: { lang?: string } }>, reply) => {
      const language = chooseLanguage(request.query.lang, request.headers['accept-language']);
      const { title, paragraphs } = PAGES[page][language](platformName);
      const main = `<h1>${e(title)}</h1>\n${paragraphs.map((p) => `<p>${e(p)}</p>`).join('\n')}`;
      const switchHref = `/legal/${page}?lang=${TEXTS[language].otherLanguage.code}`;
      return sendPage(reply, 200, renderDocument({ language, title, prefix: '', brand: undefined, switchHref, main }));
    });
  }
}
