/**
 * The credit decision. Pure: the use case gathers the facts, this function weighs them.
 */
import type { Cents } from '../shared/money.js';
import type { Customer } from '../orders/customer.js';
import { SERVED_COUNTRIES } from '../orders/customer.js';
import type { Exposure } from '../ports.js';

export interface CreditLimits {
  /** Most a private customer may owe across open invoices, this order included. */
  privateExposure: Cents;
  /** The same for a business customer. */
  businessExposure: Cents;
}

export const DEFAULT_CREDIT_LIMITS: CreditLimits = { privateExposure: 150_000, businessExposure: 500_000 };

export type CreditReason =
  | 'backdoor_approved'
  | 'backdoor_declined'
  | 'sandbox_decline_trigger'
  | 'country_not_served'
  | 'exposure_limit'
  | 'invoices_in_collection'
  | 'approved';

export interface CreditFacts {
  customer: Customer;
  amount: Cents;
  exposure: Exposure;
  sandbox: boolean;
  /** BACKDOOR as sent; only a sandbox merchant's backdoor counts (spec §5). */
  backdoor: string | undefined;
  limits: CreditLimits;
}

export interface CreditDecision {
  approved: boolean;
  reason: CreditReason;
}

/**
 * Sandbox triggers (docs/legacy-api.md): BACKDOOR=1 or Y approves, BACKDOOR=2 or N declines,
 * and an e-mail address whose local part ends in `+decline` declines. Everything else runs the
 * live rules, so a sandbox behaves like production unless a tester asks otherwise.
 */
export function decideCredit(facts: CreditFacts): CreditDecision {
  if (facts.sandbox) {
    const backdoor = facts.backdoor?.trim().toUpperCase();
    if (backdoor === '1' || backdoor === 'Y') return { approved: true, reason: 'backdoor_approved' };
    if (backdoor === '2' || backdoor === 'N') return { approved: false, reason: 'backdoor_declined' };
    if (/\+decline@/i.test(facts.customer.email)) return { approved: false, reason: 'sandbox_decline_trigger' };
  }
  if (!(SERVED_COUNTRIES as readonly string[]).includes(facts.customer.address.countryCode)) {
    return { approved: false, reason: 'country_not_served' };
  }
  if (facts.exposure.inCollection) return { approved: false, reason: 'invoices_in_collection' };
  const limit = facts.customer.type === 'B' ? facts.limits.businessExposure : facts.limits.privateExposure;
  if (facts.exposure.open + facts.amount > limit) return { approved: false, reason: 'exposure_limit' };
  return { approved: true, reason: 'approved' };
}
