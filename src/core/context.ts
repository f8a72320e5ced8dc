import type { Clock } from './shared/clock.js';
import type { Clocks } from './shared/merchant-clocks.js';
import type { Ids } from './shared/ids.js';
import type { Store } from './ports.js';
import type { CreditLimits } from './credit/credit-policy.js';

export interface CoreSettings {
  /** How long a positive check's UUID can be used for an order (Order 445 after). */
  checkValidityMinutes: number;
  creditLimits: CreditLimits;
}

/** Everything a use case may touch, injected by main.ts. */
export interface CoreContext {
  store: Store;
  /** Real time: for what is not a merchant's business (expiry of rate windows, job schedules). */
  clock: Clock;
  /**
   * Per-merchant time (`clockFor(merchant)`, or `merchantNow(context, merchant)`): the time a use
   * case writes for what it did for a merchant (docs/collection.md "Test clocks").
   */
  clocks: Clocks;
  ids: Ids;
  settings: CoreSettings;
}
