/**
 * The seller an invoice names (art. 35a lid 1 Wet OB 1968; art. 53 §2 WBTW with KB nr. 1 art. 5
 * §1): the merchant, with what its partner told at merchant create (spec §2.15). A merchant
 * created otherwise (the seeded sandbox merchants) has no address, registration or VAT number on
 * file; those lines are left out rather than made up (docs/collection.md "The invoice PDF").
 */
import type { MerchantProfile } from '../merchants/create-merchant.js';
import type { Merchant } from '../merchants/merchant.js';

export interface Seller {
  name: string;
  /** Street and number, then postal code and city, then country; empty when unknown. */
  address: string[];
  countryCode: string | undefined;
  /** KvK number (NL) or enterprise number (BE): the partner's `cocNumber`. */
  registrationNumber: string | undefined;
  vatNumber: string | undefined;
}

export function sellerOf(merchant: Pick<Merchant, 'name'>, profile: MerchantProfile | undefined): Seller {
  const p = profile ?? {};
  const street = [p.street, [p.houseNumber, p.houseExtension].filter(Boolean).join(' ')].filter(Boolean).join(' ');
  const place = [p.postCode, p.city].filter(Boolean).join(' ');
  return {
    name: p.companyName || merchant.name,
    address: [street, place, p.countryCode?.toUpperCase() ?? ''].filter((line) => line !== ''),
    countryCode: p.countryCode?.toUpperCase(),
    registrationNumber: p.cocNumber,
    vatNumber: p.vatNumber,
  };
}

/** A Belgian company's number is its enterprise number (KBO/BCE); a Dutch one's its KvK number. */
export function registrationLabel(seller: Pick<Seller, 'countryCode'>, language: 'nl' | 'en'): string {
  if (seller.countryCode === 'BE') return language === 'nl' ? 'Ondernemingsnummer' : 'Enterprise number';
  if (seller.countryCode === 'NL' || seller.countryCode === undefined) return language === 'nl' ? 'KvK-nummer' : 'Chamber of Commerce number';
  return language === 'nl' ? 'Registratienummer' : 'Company registration number';
}
