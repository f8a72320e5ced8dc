/**
 * Money is integer cents (house rule 1). Wire amounts arrive as decimal text such as `1,234.56`,
 * `10.5`, `-5.00` or `21.0000`; they are parsed as text, never through floating point.
 */

export type Cents = number;

export const CURRENCIES = ['EUR', 'USD', 'GBP'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** Largest amount we accept on any field: 100 million euros, far below 2^53 cents. */
const MAX_ABS_CENTS = 10_000_000_000;

/**
 * Parses a decimal amount into cents, rounding half away from zero on the third decimal.
 * Accepts thousands commas only where they group exactly three digits (`1,234.56`), as PHP's
 * number_format() writes them in real clients (spec §2.1 ORDERAMOUNT). `10,50` is ambiguous
 * (a European decimal comma) and is refused rather than guessed.
 */
export function parseAmount(text: string): Cents | undefined {
  const trimmed = text.trim();
  const match = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$/.exec(trimmed);
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = ''] = match;
  if (whole === '' && fraction === '') return undefined;
  const digits = whole.replaceAll(',', '') || '0';
  const padded = (fraction + '000').slice(0, 3);
  let cents = Number(digits) * 100 + Number(padded.slice(0, 2));
  if (Number(padded[2]) >= 5) cents += 1;
  if (!Number.isSafeInteger(cents) || cents > MAX_ABS_CENTS) return undefined;
  return sign === '-' ? -cents : cents;
}

/** Formats cents as `1234.56` (dot decimal, no grouping), the way Billink writes amounts. */
export function formatAmount(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const fraction = String(abs % 100).padStart(2, '0');
  return `${sign}${whole}.${fraction}`;
}

/** Formats cents for people: `€ 1.234,56` in Dutch notation. */
export function formatEuroDutch(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign}€ ${whole},${String(abs % 100).padStart(2, '0')}`;
}

/** Converts a JSON number from a v2 client into the same text the XML surface would carry. */
export function amountTextFromJson(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string') return value;
  return undefined;
}
