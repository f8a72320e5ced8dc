/**
 * Reads what an advance asks for (POST /v2/sandbox/clock/advance, docs/collection.md "Test
 * clocks"): exactly one of `days`, `hours` (whole numbers above zero, as JSON numbers or digit
 * strings, since form-minded clients send "3") or `to` (ISO 8601). A `to` without a zone is read
 * as Amsterdam wall time, where the merchants' days are counted; a date alone is its midnight there.
 */
import { amsterdamInstant } from '../shared/amsterdam-time.js';
import { parseWireDate } from '../shared/dates.js';
import type { ClockMove } from '../shared/merchant-clocks.js';
import { DomainError } from '../shared/errors.js';

export const CLOCK_MOVE_ERRORS = ['clock_move_missing', 'clock_move_ambiguous', 'clock_move_invalid'] as const;
export type ClockMoveError = (typeof CLOCK_MOVE_ERRORS)[number];

export interface ClockMoveInput {
  days?: unknown;
  hours?: unknown;
  to?: unknown;
}

const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

export function readClockMove(input: ClockMoveInput): ClockMove {
  const given = (['days', 'hours', 'to'] as const).filter((name) => input[name] !== undefined && input[name] !== null);
  if (given.length === 0) throw new DomainError<ClockMoveError>('clock_move_missing');
  if (given.length > 1) throw new DomainError<ClockMoveError>('clock_move_ambiguous', { fields: given.join(', ') });
  const [name] = given as [keyof ClockMoveInput];
  if (name === 'to') return { to: readInstant(input.to) };
  const count = wholeNumber(input[name]);
  if (count === undefined || count <= 0) throw new DomainError<ClockMoveError>('clock_move_invalid', { field: name });
  return name === 'days' ? { days: count } : { hours: count };
}

function wholeNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*\d{1,15}\s*$/.test(value)) return Number(value);
  return undefined;
}

function readInstant(value: unknown): Date {
  const invalid = () => new DomainError<ClockMoveError>('clock_move_invalid', { field: 'to' });
  if (typeof value !== 'string') throw invalid();
  const text = value.trim();
  const date = parseIsoDate(text);
  if (date) return amsterdamInstant(date, 0);
  const match = ISO_DATE_TIME.exec(text);
  const day = match && parseIsoDate(match[1]!);
  if (!match || !day) throw invalid();
  const [hour, minute, second] = [Number(match[2]), Number(match[3]), Number(match[4] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) throw invalid();
  const fraction = match[5] ? Math.floor(Number(match[5]) * 1000) : 0;
  const zone = match[6];
  if (!zone) return new Date(amsterdamInstant(day, hour).getTime() + minute * 60_000 + second * 1000 + fraction);
  const [year, month, dayOfMonth] = day.split('-').map(Number) as [number, number, number];
  let at = Date.UTC(year, month - 1, dayOfMonth, hour, minute, second, fraction);
  if (zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    const offset = (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * 60_000;
    at -= digits.startsWith('-') ? -offset : offset;
  }
  return new Date(at);
}

/** Only the strict ISO form here: `parseWireDate` also takes Billink's dd-mm-yyyy. */
function parseIsoDate(text: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? parseWireDate(text) : undefined;
}
