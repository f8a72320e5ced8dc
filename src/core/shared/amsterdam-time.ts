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

const HOUR_MS = 3_600_000;
/**
 * Amsterdam's offset by UTC hour. Since 1970 the offset is a whole number of hours (+1 or +2) that
 * changes only on a whole UTC hour (01:00 UTC, EU summer time), so one formatting through Intl
 * answers for every instant of that hour. formatToParts cost about 14 µs a call: a started
 * invoice's two timers took four, and a Buckaroo answer's status time one, 4% of our
 * own code's samples in a profile of the Buckaroo Pay (docs/benchmarks.md "Buckaroo Pay:
 * allocations and async hooks"). The hours asked for are those of a few days around now; the
 * bound keeps any other use from growing it: a full map is emptied.
 */
const offsetsByHour = new Map<number, number>();
const MAX_CACHED_HOURS = 512;

/** How far Amsterdam's wall clock is ahead of UTC at an instant (epoch milliseconds), in milliseconds. */
export function amsterdamOffsetMs(at: number): number {
  const hour = Math.floor(at / HOUR_MS);
  const known = offsetsByHour.get(hour);
  if (known !== undefined) return known;
  const parts = Object.fromEntries(PARTS.formatToParts(new Date(at)).map((part) => [part.type, part.value]));
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  const offset = wall - Math.floor(at / 1_000) * 1_000;
  if (at >= 0) {
    if (offsetsByHour.size >= MAX_CACHED_HOURS) offsetsByHour.clear();
    offsetsByHour.set(hour, offset);
  }
  return offset;
}

/** The instant at which Amsterdam's clocks show `hour`:00 on `date`. */
export function amsterdamInstant(date: IsoDate, hour: number): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour);
  // Two rounds: the first guess may sit on the other side of a summer-time change.
  const first = wall - amsterdamOffsetMs(wall);
  return new Date(wall - amsterdamOffsetMs(first));
}

/** Calendar days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
