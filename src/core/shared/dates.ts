/**
 * Calendar dates travel as ISO `YYYY-MM-DD` strings inside the core. Billink clients send
 * `dd-mm-yyyy`, and some (avido's PHP client) send `yyyy-mm-dd`; both are accepted (spec §7.4).
 */

export type IsoDate = string;

export function parseWireDate(text: string): IsoDate | undefined {
  const trimmed = text.trim();
  let day: number, month: number, year: number;
  let match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(trimmed);
  if (match) {
    [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
    if (!match) return undefined;
    [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Built once: `toLocaleDateString` with a time zone builds a new formatter on every call, which
 * cost a tenth of the server's CPU on the check and order path (docs/benchmarks.md).
 */
const AMSTERDAM_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' });

/** The calendar date of an instant in Amsterdam, where Billink's merchants and customers live. */
export function amsterdamDate(at: Date): IsoDate {
  return AMSTERDAM_DAY.format(at);
}

/** Full years between a birth date and a day, as an age is counted on birthdays. */
export function ageOn(birthDate: IsoDate, today: IsoDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age -= 1;
  return age;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** `dd-mm-yyyy`, the way Dutch invoices and Billink's XML write dates. */
export function formatDutchDate(date: IsoDate): string {
  const [y, m, d] = date.split('-');
  return `${d}-${m}-${y}`;
}
