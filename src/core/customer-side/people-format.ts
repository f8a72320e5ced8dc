/**
 * Amounts and dates as a customer reads them, per mail language: `€ 1.234,56` and `1 december
 * 2026` in Dutch, `€1,234.56` and `1 December 2026` in English. Intl formats the decimal text
 * exactly, so cents never pass through a float.
 */
import type { MailLanguage } from '../invoices/life-cycle/types.js';
import type { IsoDate } from '../shared/dates.js';
import { type Cents, formatAmount } from '../shared/money.js';

const LOCALES: Record<MailLanguage, string> = { nl: 'nl-NL', en: 'en-GB' };

// One formatter per language and kind, made once: constructing an Intl formatter costs far more
// than formatting with it (about 0.3 ms of every invoice PDF's 23 ms went to constructing them;
// docs/benchmarks.md "Test clock advance and timer runner"). Two languages, so four at most.
const MONEY = new Map<MailLanguage, Intl.NumberFormat>();
const DATES = new Map<MailLanguage, Intl.DateTimeFormat>();

export function formatMoneyFor(language: MailLanguage, cents: Cents): string {
  let format = MONEY.get(language);
  if (!format) MONEY.set(language, (format = new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency: 'EUR' })));
  return format.format(formatAmount(cents) as `${number}`);
}

export function formatDateFor(language: MailLanguage, date: IsoDate): string {
  let format = DATES.get(language);
  if (!format) DATES.set(language, (format = new Intl.DateTimeFormat(LOCALES[language], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })));
  return format.format(new Date(`${date}T00:00:00Z`));
}
