/**
 * VAT rates and line arithmetic (house rule 1: rounding and VAT live in one tested module).
 * Rates are held in basis points of a percent (21% = 2100) so that `9`, `21.0000` and the
 * multiplier style `1.21` (spec §2.2 ITEM/BTW) all become exact integers.
 */
import type { Cents } from './money.js';

export type VatBasisPoints = number;

/** Rates Billink accepts today (spec §2.2: 0,5,6,7,9,16,19,20,21). */
export const ALLOWED_VAT_RATES: readonly VatBasisPoints[] = [0, 500, 600, 700, 900, 1600, 1900, 2000, 2100];

/**
 * Parses `21`, `21.0000`, `9` or the multiplier form `1.21` / `1.0`. A value from 1 up to but not
 * including 2 is read as a multiplier: no allowed percentage lies in that range, so it is never
 * ambiguous.
 */
export function parseVatRate(text: string): VatBasisPoints | undefined {
  const match = /^(\d{1,3})(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!match) return undefined;
  const [, whole = '', fraction = ''] = match;
  // value * 10_000, exactly, from the text
  const scaled = Number(whole) * 10_000 + Number((fraction + '0000').slice(0, 4));
  if (fraction.length > 4 && /[1-9]/.test(fraction.slice(4))) return undefined;
  const basisPoints = scaled >= 10_000 && scaled < 20_000 ? scaled - 10_000 : scaled / 100;
  if (!Number.isInteger(basisPoints)) return undefined;
  return ALLOWED_VAT_RATES.includes(basisPoints) ? basisPoints : undefined;
}

/** Divides with rounding half away from zero; both arguments are integers, divisor positive. */
export function divideRounded(numerator: number, divisor: number): number {
  // `|| 0` turns Math.trunc's -0 (from -1 / 3) into 0: cents have no negative zero.
  const quotient = Math.trunc(numerator / divisor) || 0;
  const remainder = numerator - quotient * divisor;
  if (Math.abs(remainder) * 2 >= divisor) return quotient + Math.sign(numerator);
  return quotient;
}

/** Unit price including VAT from a price excluding VAT, rounded to the cent. */
export function inclusiveFromExclusive(exclusive: Cents, rate: VatBasisPoints): Cents {
  return divideRounded(exclusive * (10_000 + rate), 10_000);
}

/** The VAT contained in an amount that includes VAT. */
export function vatContainedIn(inclusive: Cents, rate: VatBasisPoints): Cents {
  return inclusive - divideRounded(inclusive * 10_000, 10_000 + rate);
}

export function formatVatRate(rate: VatBasisPoints): string {
  return rate % 100 === 0 ? String(rate / 100) : (rate / 100).toString();
}

export interface VatLine {
  totalInclusive: Cents;
  vatRate: VatBasisPoints;
}

export interface VatBreakdownRow {
  rate: VatBasisPoints;
  inclusive: Cents;
  vat: Cents;
}

/** VAT per rate, computed over the summed inclusive amounts so rows add up to the total. */
export function vatBreakdown(lines: readonly VatLine[]): VatBreakdownRow[] {
  const byRate = new Map<VatBasisPoints, Cents>();
  for (const line of lines) byRate.set(line.vatRate, (byRate.get(line.vatRate) ?? 0) + line.totalInclusive);
  return [...byRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([rate, inclusive]) => ({ rate, inclusive, vat: vatContainedIn(inclusive, rate) }));
}
