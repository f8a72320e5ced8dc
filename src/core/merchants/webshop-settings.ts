/**
 * Use case: the webshop settings a plugin syncs to compute a customer's trust score (spec §2.14).
 * Magento's module scores a customer 10 ("trusted") when the e-mail is on the whitelist, or when
 * the customer paid at least `minimumPaidOrders` orders within `periodDays` for more than
 * `totalAmountHigherThan` in all; otherwise 0. Merchants without stored settings get the defaults.
 */
import type { CoreContext } from '../context.js';
import type { Cents } from '../shared/money.js';
import type { Merchant } from './merchant.js';

export interface WebshopSettings {
  minimumPaidOrders: number;
  periodDays: number;
  totalAmountHigherThan: Cents;
  /** Customer e-mail addresses the merchant trusts outright. */
  whitelist: readonly string[];
}

/**
 * Conservative defaults: a customer needs three paid orders in the past year before a plugin may
 * treat it as trusted, and nobody is whitelisted. Zero paid orders would trust every customer.
 */
export const DEFAULT_WEBSHOP_SETTINGS: Readonly<WebshopSettings> = Object.freeze({
  minimumPaidOrders: 3,
  periodDays: 365,
  totalAmountHigherThan: 0,
  whitelist: Object.freeze([]) as readonly string[],
});

export async function webshopSettings(context: CoreContext, merchant: Merchant): Promise<WebshopSettings> {
  return (await context.store.read.merchantAccounts.settings(merchant.id)) ?? DEFAULT_WEBSHOP_SETTINGS;
}
