/**
 * Instants of a local time of day in Europe/Amsterdam, where the merchants' days are counted
 * (summer and winter time included). Formatters are built once, as in dates.ts.
 */
import type { IsoDate } from './dates.js';

const PARTS = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Amsterdam',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** How far Amsterdam's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetAt(at: number): number {
  const parts = Object.fromEntries(PARTS.formatToParts(new Date(at)).map((part) => [part.type, part.value]));
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall - Math.floor(at / 1_000) * 1_000;
}

/** The instant at which Amsterdam's clocks show `hour`:00 on `date`. */
export function amsterdamInstant(date: IsoDate, hour: number): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour);
  // Two rounds: the first guess may sit on the other side of a summer-time change.
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first));
}

/** Calendar days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
