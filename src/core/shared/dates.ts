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

const HOUR_MS = 3_600_000;
/** 1970-01-01: from long before it, Amsterdam's offset from UTC has been whole hours (+1 or +2). */
const WHOLE_HOUR_OFFSETS_SINCE_MS = 0;
/**
 * The UTC hour of the last instant formatted, and its Amsterdam date. Amsterdam's offset is a whole
 * number of hours and changes only on a whole UTC hour (01:00 UTC, EU summer time), so local
 * midnight always falls on one too and every instant of one UTC hour has the same Amsterdam date.
 * Formatting through Intl costs about 2 µs a call (0.1 µs from here), three calls per check+order
 * pair, and a CPU profile of the server under load put 2.4% of its samples in it (docs/benchmarks.md,
 * "Profile"); calls come in runs from the same hour, so one entry does.
 */
let lastHour = NaN;
let lastDate = '';

/** The calendar date of an instant in Amsterdam, where Billink's merchants and customers live. */
export function amsterdamDate(at: Date): IsoDate {
  const ms = at.getTime();
  const hour = Math.floor(ms / HOUR_MS);
  if (hour === lastHour) return lastDate;
  const date = AMSTERDAM_DAY.format(at);
  if (ms >= WHOLE_HOUR_OFFSETS_SINCE_MS) {
    lastHour = hour;
    lastDate = date;
  }
  return date;
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
