/**
 * Every word of the checkout page in Dutch (the default) and English. Billink asks shops to say
 * plainly that the customer pays afterwards (seeds: "Billink in your checkout"), so the heading
 * does. Each language must have every text; the compiler checks it through the PageText type.
 */
import type { ApprovalProblem } from '../../core/sessions/approve-session.js';
import type { SessionStatus } from '../../core/shared/events.js';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export type ClosedStatus = Exclude<SessionStatus, 'session_active'>;

export interface PageText {
  locale: string;
  /** Name of the other language, written in that language, for the switch link. */
  otherLanguage: { code: Language; name: string };
  languageNav: string;
  heading: string;
  intro(merchant: string, days: number): string;
  orderHeading: string;
  orderNumber: string;
  item: string;
  quantity: string;
  amount: string;
  total: string;
  vat: string;
  detailsHeading: string;
  name: string;
  email: string;
  address: string;
  phone: string;
  birthDate: string;
  birthDateHint: string;
  phoneHint: string;
  sex: string;
  sexes: { M: string; V: string; O: string };
  terms(days: number): string;
  approve: string;
  cancel(merchant: string): string;
  back(merchant: string): string;
  validUntil(time: string): string;
  errorSummary: string;
  errorTitle: string;
  problems: Record<ApprovalProblem, string>;
  closed: Record<ClosedStatus, { title: string; body(merchant: string): string; link(merchant: string): string }>;
  unknownTitle: string;
  unknownBody: string;
}

const DUTCH: PageText = {
  locale: 'nl-NL',
  otherLanguage: { code: 'en', name: 'English' },
  languageNav: 'Taal',
  heading: 'Achteraf betalen',
  intro: (merchant, days) =>
    `Je bestelling bij ${merchant} betaal je achteraf. Je krijgt de factuur per e-mail en betaalt binnen ${days} dagen.`,
  orderHeading: 'Je bestelling',
  orderNumber: 'Bestelnummer',
  item: 'Artikel',
  quantity: 'Aantal',
  amount: 'Bedrag',
  total: 'Totaal (incl. btw)',
  vat: 'Waarvan btw',
  detailsHeading: 'Je gegevens',
  name: 'Naam',
  email: 'E-mail',
  address: 'Adres',
  phone: 'Telefoonnummer',
  birthDate: 'Geboortedatum',
  birthDateHint: 'Dag-maand-jaar, bijvoorbeeld 31-12-1990',
  phoneHint: 'Bijvoorbeeld 06 12345678',
  sex: 'Aanhef',
  sexes: { M: 'Dhr.', V: 'Mevr.', O: 'Geen van beide / zeg ik liever niet' },
  terms: (days) => `Ik ga akkoord met achteraf betalen: ik betaal het totaalbedrag binnen ${days} dagen na ontvangst van de factuur.`,
  approve: 'Akkoord en bestellen',
  cancel: (merchant) => `Annuleren en terug naar ${merchant}`,
  back: (merchant) => `Terug naar ${merchant} om je bestelling te wijzigen`,
  validUntil: (time) => `Deze betaalpagina is geldig tot ${time} uur.`,
  errorSummary: 'Controleer het volgende',
  errorTitle: 'Fout',
  problems: {
    birth_date_missing: 'Vul je geboortedatum in.',
    birth_date_invalid: 'Vul je geboortedatum in als dag-maand-jaar, bijvoorbeeld 31-12-1990.',
    under_age: 'Je moet 18 jaar of ouder zijn om achteraf te betalen.',
    phone_missing: 'Vul je telefoonnummer in.',
    phone_invalid: 'Vul een telefoonnummer in van 9 tot 18 tekens: cijfers, spaties, +, ( ) en -.',
    sex_missing: 'Kies een aanhef.',
    terms_not_accepted: 'Ga akkoord met achteraf betalen om je bestelling te plaatsen.',
  },
  closed: {
    order_created: {
      title: 'Je bestelling is geplaatst',
      body: (merchant) => `Je betaalt je bestelling bij ${merchant} achteraf. De factuur krijg je per e-mail.`,
      link: (merchant) => `Verder naar ${merchant}`,
    },
    failed: {
      title: 'Achteraf betalen is niet gelukt',
      body: (merchant) => `Deze bestelling kan helaas niet achteraf betaald worden. Kies bij ${merchant} een andere betaalmethode.`,
      link: (merchant) => `Terug naar ${merchant}`,
    },
    cancelled: {
      title: 'Je hebt de betaling geannuleerd',
      body: () => 'Er is niets besteld en je betaalt niets.',
      link: (merchant) => `Terug naar ${merchant}`,
    },
    session_expired: {
      title: 'Deze betaalpagina is verlopen',
      body: (merchant) => `Een betaalpagina is 60 minuten geldig. Er is niets besteld; rond je bestelling opnieuw af bij ${merchant}.`,
      link: (merchant) => `Terug naar ${merchant}`,
    },
  },
  unknownTitle: 'Deze betaalpagina bestaat niet',
  unknownBody: 'Controleer de link die je van de webwinkel kreeg, of ga terug naar de webwinkel en rond je bestelling opnieuw af.',
};

const ENGLISH: PageText = {
  locale: 'en-GB',
  otherLanguage: { code: 'nl', name: 'Nederlands' },
  languageNav: 'Language',
  heading: 'Pay afterwards',
  intro: (merchant, days) =>
    `You pay for your order at ${merchant} afterwards. You receive the invoice by e-mail and pay within ${days} days.`,
  orderHeading: 'Your order',
  orderNumber: 'Order number',
  item: 'Item',
  quantity: 'Quantity',
  amount: 'Amount',
  total: 'Total (incl. VAT)',
  vat: 'Of which VAT',
  detailsHeading: 'Your details',
  name: 'Name',
  email: 'E-mail',
  address: 'Address',
  phone: 'Phone number',
  birthDate: 'Date of birth',
  birthDateHint: 'Day-month-year, for example 31-12-1990',
  phoneHint: 'For example 06 12345678',
  sex: 'Title',
  sexes: { M: 'Mr', V: 'Ms', O: 'Neither / prefer not to say' },
  terms: (days) => `I agree to pay afterwards: I pay the total within ${days} days of receiving the invoice.`,
  approve: 'Agree and place order',
  cancel: (merchant) => `Cancel and return to ${merchant}`,
  back: (merchant) => `Back to ${merchant} to change your order`,
  validUntil: (time) => `This payment page is valid until ${time}.`,
  errorSummary: 'Please check the following',
  errorTitle: 'Error',
  problems: {
    birth_date_missing: 'Enter your date of birth.',
    birth_date_invalid: 'Enter your date of birth as day-month-year, for example 31-12-1990.',
    under_age: 'You must be 18 or older to pay afterwards.',
    phone_missing: 'Enter your phone number.',
    phone_invalid: 'Enter a phone number of 9 to 18 characters: digits, spaces, +, ( ) and -.',
    sex_missing: 'Choose a title.',
    terms_not_accepted: 'Agree to pay afterwards to place your order.',
  },
  closed: {
    order_created: {
      title: 'Your order has been placed',
      body: (merchant) => `You pay for your order at ${merchant} afterwards. The invoice will reach you by e-mail.`,
      link: (merchant) => `Continue to ${merchant}`,
    },
    failed: {
      title: 'Paying afterwards is not possible',
      body: (merchant) => `Sorry, this order cannot be paid afterwards. Please choose another payment method at ${merchant}.`,
      link: (merchant) => `Back to ${merchant}`,
    },
    cancelled: {
      title: 'You cancelled the payment',
      body: () => 'Nothing was ordered and you pay nothing.',
      link: (merchant) => `Back to ${merchant}`,
    },
    session_expired: {
      title: 'This payment page has expired',
      body: (merchant) => `A payment page is valid for 60 minutes. Nothing was ordered; please complete your order again at ${merchant}.`,
      link: (merchant) => `Back to ${merchant}`,
    },
  },
  unknownTitle: 'This payment page does not exist',
  unknownBody: 'Please check the link the web shop gave you, or go back to the web shop and complete your order again.',
};

export const TEXTS: Readonly<Record<Language, PageText>> = { nl: DUTCH, en: ENGLISH };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The page language: an explicit choice (the switch link or the form's hidden field) wins, then
 * the browser's Accept-Language by preference; Dutch when neither names Dutch or English.
 */
export function chooseLanguage(explicit: unknown, acceptLanguage: string | undefined): Language {
  if (isLanguage(explicit)) return explicit;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { language: tag.trim().toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0 && isLanguage(entry.language))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return (ranked[0]?.language as Language | undefined) ?? 'nl';
}
