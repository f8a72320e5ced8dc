/**
 * Amounts and dates as a customer reads them, per mail language: `€ 1.234,56` and `1 december
 * 2026` in Dutch, `€1,234.56` and `1 December 2026` in English. Intl formats the decimal text
 * exactly, so cents never pass through a float.
 */
import type { MailLanguage } from '../invoices/life-cycle/types.js';
import type { IsoDate } from '../shared/dates.js';
import { type Cents, formatAmount } from '../shared/money.js';

const LOCALES: Record<MailLanguage, string> = { nl: 'nl-NL', en: 'en-GB' };

export function formatMoneyFor(language: MailLanguage, cents: Cents): string {
  return new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency: 'EUR' }).format(formatAmount(cents) as `${number}`);
}

export function formatDateFor(language: MailLanguage, date: IsoDate): string {
  return new Intl.DateTimeFormat(LOCALES[language], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}
