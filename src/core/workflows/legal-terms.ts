/**
 * The waiting term after the notice that announces collection costs (docs/collection.md "The
 * law"). Both countries count 14 days from the day after an e-mail is sent:
 * - Netherlands, art. 6:96 lid 6 BW: the veertiendagenbrief gives 14 days "aanvangende de dag na
 *   aanmaning"; an e-mail counts as received the day it is sent. The Algemene termijnenwet (art. 1
 *   and 3) moves a statutory term that ends on a Saturday, Sunday or general holiday to the next
 *   day that is none.
 * - Belgium, Book XIX art. XIX.2: 14 calendar days from the day after an electronic reminder.
 *   Book XIX names no extension; we extend over weekends and Belgian public holidays all the same,
 *   because charging a day later is always lawful and charging a day early never is.
 * Only e-mail is modelled: Achteraf sends no paper (a Belgian paper reminder's term would start on
 * the third working day after sending).
 */
import { addDays, type IsoDate } from '../shared/dates.js';
import type { CostRegime } from './collection-costs.js';

export const LEGAL_TERM_DAYS = 14;

/** The last day the customer may pay without costs after a notice e-mailed on `sentOn`. */
export function legalTermEnds(regime: CostRegime, sentOn: IsoDate): IsoDate {
  let last = addDays(sentOn, LEGAL_TERM_DAYS);
  const holiday = regime === 'be_consumer' ? isBelgianHoliday : isDutchTermHoliday;
  while (isWeekend(last) || holiday(last)) last = addDays(last, 1);
  return last;
}

/** The first day on which costs may be added after a notice e-mailed on `sentOn`. */
export function costsChargeableFrom(regime: CostRegime, sentOn: IsoDate): IsoDate {
  return addDays(legalTermEnds(regime, sentOn), 1);
}

function weekday(date: IsoDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function isWeekend(date: IsoDate): boolean {
  const day = weekday(date);
  return day === 0 || day === 6;
}

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function movableFeasts(year: number): { easterMonday: IsoDate; ascension: IsoDate; whitMonday: IsoDate } {
  const easter = easterSunday(year);
  return { easterMonday: addDays(easter, 1), ascension: addDays(easter, 39), whitMonday: addDays(easter, 50) };
}

/**
 * Algemene termijnenwet art. 3 lid 1: New Year's Day, Easter Monday, Ascension Day, Whit Monday,
 * both Christmas days, the King's birthday as celebrated (27 April, 26 April when the 27th is a
 * Sunday) and 5 May. Good Friday is not among them.
 */
export function isDutchTermHoliday(date: IsoDate): boolean {
  const year = Number(date.slice(0, 4));
  const monthDay = date.slice(5);
  if (['01-01', '05-05', '12-25', '12-26'].includes(monthDay)) return true;
  const kingsDay = weekday(`${year}-04-27`) === 0 ? '04-26' : '04-27';
  if (monthDay === kingsDay) return true;
  return Object.values(movableFeasts(year)).includes(date);
}

/** The ten Belgian public holidays (Act of 4 January 1974 on public holidays). */
export function isBelgianHoliday(date: IsoDate): boolean {
  const monthDay = date.slice(5);
  if (['01-01', '05-01', '07-21', '08-15', '11-01', '11-11', '12-25'].includes(monthDay)) return true;
  return Object.values(movableFeasts(Number(date.slice(0, 4)))).includes(date);
}
