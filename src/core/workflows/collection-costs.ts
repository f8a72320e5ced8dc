/**
 * What collection may cost, by law (docs/collection.md "The law"). Integer cents only: every
 * percentage is a whole number of tenths of a percent, so each amount is computed exactly as a
 * fraction of 1,000 and rounded once, down to the cent. The law sets maximums, and a Dutch
 * veertiendagenbrief that names a wrong amount is not valid, so rounding down is the only
 * rounding that can never exceed the law.
 */
import type { CustomerType } from '../orders/customer.js';
import type { Cents } from '../shared/money.js';

/**
 * Which set of rules applies to an invoice's customer:
 * - `nl_consumer`: art. 6:96 lid 5-6 BW and the Besluit vergoeding voor buitengerechtelijke
 *   incassokosten (the WIK, in force since 1 July 2012);
 * - `be_consumer`: Code of Economic Law, Book XIX "Consumer debts" (Act of 4 May 2023, in force
 *   since 1 September 2023), art. XIX.2 and following;
 * - `business`: the fixed compensation of Directive 2011/7/EU art. 6 (art. 6:96 lid 4 BW; in
 *   Belgium art. 6 of the Act of 2 August 2002 on late payment in commercial transactions);
 * - `consumer_unregulated`: a consumer elsewhere; we know no statutory scale, so no cost at all.
 */
export type CostRegime = 'nl_consumer' | 'be_consumer' | 'business' | 'consumer_unregulated';

export function costRegime(customerType: CustomerType, countryCode: string): CostRegime {
  if (customerType === 'B') return 'business';
  const country = countryCode.trim().toUpperCase();
  if (country === 'NL') return 'nl_consumer';
  if (country === 'BE') return 'be_consumer';
  return 'consumer_unregulated';
}

/** One band of a scale: `perMille` tenths of a percent of the part up to `upTo` (null: no end). */
interface Band {
  upTo: Cents | null;
  perMille: number;
}

/** Besluit vergoeding voor buitengerechtelijke incassokosten, art. 2 lid 1. */
const WIK_BANDS: readonly Band[] = [
  { upTo: 250_000, perMille: 150 },
  { upTo: 500_000, perMille: 100 },
  { upTo: 1_000_000, perMille: 50 },
  { upTo: 20_000_000, perMille: 10 },
  { upTo: null, perMille: 5 },
];
export const WIK_MINIMUM: Cents = 4_000;
export const WIK_MAXIMUM: Cents = 677_500;

/** Book XIX art. XIX.4: the damages on an outstanding balance, by tier. */
export const BE_UP_TO_150: Cents = 2_000;
export const BE_MAXIMUM: Cents = 200_000;
/** Book XIX art. XIX.4: each reminder after the free first one costs at most 7.50 (plus postage, not charged by e-mail). */
export const BE_FURTHER_REMINDER_MAXIMUM: Cents = 750;
/** Directive 2011/7/EU art. 6(1): at least EUR 40 per late invoice, without a reminder. */
export const BUSINESS_COMPENSATION: Cents = 4_000;

/** The exact value of a scale on an amount, in thousandths of a cent. */
function scaled(amount: Cents, bands: readonly Band[]): number {
  let total = 0;
  let lower = 0;
  for (const band of bands) {
    const upper = band.upTo === null ? amount : Math.min(amount, band.upTo);
    if (upper > lower) total += (upper - lower) * band.perMille;
    if (band.upTo === null || amount <= band.upTo) break;
    lower = band.upTo;
  }
  return total;
}

/** Rounds thousandths of a cent down to the cent (the law gives maximums; see the file comment). */
function downToCent(thousandths: number): Cents {
  return Math.floor(thousandths / 1_000);
}

/** The WIK scale on the principal sum (hoofdsom), interest and costs excluded. */
export function dutchConsumerCosts(principal: Cents): Cents {
  if (principal <= 0) return 0;
  const costs = downToCent(scaled(principal, WIK_BANDS));
  return Math.min(WIK_MAXIMUM, Math.max(WIK_MINIMUM, costs));
}

/**
 * Book XIX art. XIX.4 on the outstanding balance: 20.00 up to 150.00; 30.00 plus 10% of the part
 * from 150.01 to 500.00; 65.00 plus 5% of the part above 500.00; at most 2,000.00 in all.
 */
export function belgianConsumerDamages(balance: Cents): Cents {
  if (balance <= 0) return 0;
  if (balance <= 15_000) return BE_UP_TO_150;
  if (balance <= 50_000) return 3_000 + downToCent((balance - 15_000) * 100);
  return Math.min(BE_MAXIMUM, 6_500 + downToCent((balance - 50_000) * 50));
}

export interface CostOptions {
  /** A merchant's own compensation for business customers; defaults to the statutory 40.00. */
  businessCompensation?: Cents | undefined;
}

/** The collection costs added at the collection step, on what is still open of the principal. */
export function collectionCosts(regime: CostRegime, principal: Cents, options: CostOptions = {}): Cents {
  if (principal <= 0) return 0;
  switch (regime) {
    case 'nl_consumer':
      return dutchConsumerCosts(principal);
    case 'be_consumer':
      return belgianConsumerDamages(principal);
    case 'business':
      return options.businessCompensation ?? BUSINESS_COMPENSATION;
    case 'consumer_unregulated':
      return 0;
  }
}

/**
 * The most a reminder may cost, given what the merchant configured (`number` counts from 1).
 * Dutch consumers: nothing, the WIK costs are the only extrajudicial costs a consumer can owe
 * (art. 6:96 lid 5 BW) and the veertiendagenbrief itself must be free. Belgian consumers: the first
 * reminder is free (art. XIX.2 §1), each further one at most 7.50 — and only once the 14-day term
 * of the first has run, which the life cycle checks. Business customers: what the merchant set.
 */
export function lawfulReminderFee(regime: CostRegime, number: number, configured: Cents): Cents {
  const fee = Math.max(0, configured);
  switch (regime) {
    case 'nl_consumer':
    case 'consumer_unregulated':
      return 0;
    case 'be_consumer':
      return number <= 1 ? 0 : Math.min(fee, BE_FURTHER_REMINDER_MAXIMUM);
    case 'business':
      return fee;
  }
}
