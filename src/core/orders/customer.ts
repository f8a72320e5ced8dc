/**
 * The customer on a credit check, an order or a checkout session, and the field rules both the
 * Check and the Order table enforce (seeds 001). The rules run in a fixed order so the first
 * broken rule decides the error, as Billink answers one error per request.
 */
import { DomainError } from '../shared/errors.js';
import { ageOn, type IsoDate, parseWireDate } from '../shared/dates.js';
import { COUNTRY_CODES } from './country-codes.js';

export type CustomerType = 'P' | 'B';

export interface Address {
  street: string | undefined;
  houseNumber: string;
  houseExtension: string | undefined;
  postalCode: string;
  city: string | undefined;
  countryCode: string;
}

export interface DeliveryAddress {
  street: string | undefined;
  houseNumber: string | undefined;
  houseExtension: string | undefined;
  postalCode: string | undefined;
  city: string | undefined;
  countryCode: string | undefined;
  companyName: string | undefined;
  firstName: string | undefined;
  lastName: string | undefined;
}

export interface Customer {
  type: CustomerType;
  firstName: string | undefined;
  initials: string | undefined;
  lastName: string;
  sex: 'M' | 'V' | 'F' | 'O' | undefined;
  birthDate: IsoDate | undefined;
  email: string;
  email2: string | undefined;
  phone: string;
  companyName: string | undefined;
  chamberOfCommerce: string | undefined;
  vatNumber: string | undefined;
  address: Address;
  delivery: DeliveryAddress | undefined;
  ip: string | undefined;
}

/** Raw text as it came off the wire; empty elements have already become undefined. */
export interface CustomerInput {
  type?: string | undefined;
  firstName?: string | undefined;
  initials?: string | undefined;
  lastName?: string | undefined;
  sex?: string | undefined;
  birthDate?: string | undefined;
  email?: string | undefined;
  email2?: string | undefined;
  phone?: string | undefined;
  companyName?: string | undefined;
  chamberOfCommerce?: string | undefined;
  vatNumber?: string | undefined;
  street?: string | undefined;
  houseNumber?: string | undefined;
  houseExtension?: string | undefined;
  postalCode?: string | undefined;
  city?: string | undefined;
  countryCode?: string | undefined;
  ip?: string | undefined;
  delivery?: Partial<Record<keyof DeliveryAddress, string | undefined>> | undefined;
}

export const CUSTOMER_ERRORS = [
  'type_missing', 'type_invalid', 'company_name_missing', 'company_name_length', 'sex_missing', 'sex_invalid',
  'first_name_missing', 'last_name_missing', 'coc_missing', 'coc_length', 'street_missing', 'house_number_missing',
  'house_number_invalid', 'house_extension_length', 'postal_code_missing', 'postal_code_invalid', 'city_missing',
  'city_invalid', 'country_invalid', 'phone_missing', 'phone_invalid', 'email_missing', 'email_invalid',
  'email2_invalid', 'birth_date_missing', 'birth_date_invalid', 'under_age', 'delivery_house_number_invalid',
  'delivery_not_allowed', 'ip_invalid', 'vat_number_invalid',
] as const;
export type CustomerError = (typeof CUSTOMER_ERRORS)[number];

/** Rules only the Order table has: a check never raises these. */
export const ORDER_ONLY_CUSTOMER_ERRORS = [
  'sex_missing', 'street_missing', 'city_missing', 'coc_length', 'city_invalid', 'email2_invalid', 'ip_invalid',
  'vat_number_invalid',
] as const satisfies readonly CustomerError[];
/** Rules only the Check table has: an order never raises these. */
export const CHECK_ONLY_CUSTOMER_ERRORS = [
  'postal_code_invalid', 'house_number_invalid', 'delivery_house_number_invalid', 'delivery_not_allowed',
] as const satisfies readonly CustomerError[];
export type CheckCustomerError = Exclude<CustomerError, (typeof ORDER_ONLY_CUSTOMER_ERRORS)[number]>;
export type OrderCustomerError = Exclude<CustomerError, (typeof CHECK_ONLY_CUSTOMER_ERRORS)[number]>;

export interface CustomerRules {
  context: 'check' | 'order';
  minimumAge: number;
  today: IsoDate;
}

/** Countries Achteraf lends in; a delivery address elsewhere is refused (Check 426). */
export const SERVED_COUNTRIES = ['NL', 'BE'] as const;

export function validateCustomer(input: CustomerInput, rules: CustomerRules): Customer {
  const fail = (code: CustomerError): never => {
    throw new DomainError(code);
  };
  const inOrder = rules.context === 'order';

  const typeText = input.type?.toUpperCase();
  if (!typeText) fail('type_missing');
  if (typeText !== 'P' && typeText !== 'B') fail('type_invalid');
  const type = typeText as CustomerType;

  if (type === 'B') {
    if (!input.companyName) fail('company_name_missing');
    const length = input.companyName!.length;
    if (length < 2 || length > 50) fail('company_name_length');
  }

  let sex: Customer['sex'];
  if (input.sex) {
    const upper = input.sex.toUpperCase();
    if (upper !== 'M' && upper !== 'V' && upper !== 'F' && upper !== 'O') fail('sex_invalid');
    sex = upper as Customer['sex'];
  } else if (inOrder) {
    fail('sex_missing');
  }

  if (!input.firstName && !input.initials) fail('first_name_missing');
  if (!input.lastName) fail('last_name_missing');

  if (type === 'B') {
    if (!input.chamberOfCommerce) fail('coc_missing');
    const length = input.chamberOfCommerce!.length;
    if (inOrder && (length < 5 || length > 25)) fail('coc_length');
  }

  if (inOrder && !input.street) fail('street_missing');
  if (!input.houseNumber) fail('house_number_missing');
  // Some shops cannot split "12a" into number and extension; a leading number is what matters.
  if (!inOrder && !/^\d{1,6}\s*[A-Za-z0-9\-/ ]{0,8}$/.test(input.houseNumber!)) fail('house_number_invalid');
  if (input.houseExtension && input.houseExtension.length > 10) fail('house_extension_length');

  const countryCode = (input.countryCode ?? 'NL').toUpperCase();
  if (!input.postalCode) fail('postal_code_missing');
  const postalCode = normalisePostalCode(input.postalCode!, countryCode);
  if (!inOrder && postalCode === undefined) fail('postal_code_invalid');

  // Widely used clients send no CITY (nor STREET, nor SEX) with a check, and Billink's sandbox
  // approves such checks (spec §2.1): only the order needs the address the invoice goes to.
  if (inOrder && !input.city) fail('city_missing');
  if (inOrder && input.city && !isCityName(input.city)) fail('city_invalid');
  if (!COUNTRY_CODES.has(countryCode)) fail('country_invalid');

  if (!input.phone) fail('phone_missing');
  if (!isPhoneNumber(input.phone!)) fail('phone_invalid');

  if (!input.email) fail('email_missing');
  if (!isEmail(input.email!)) fail('email_invalid');
  // The Check table has no code for EMAIL2; a check ignores it like any field it does not use.
  if (inOrder && input.email2 && !isEmail(input.email2)) fail('email2_invalid');

  let birthDate: IsoDate | undefined;
  if (input.birthDate) {
    birthDate = parseWireDate(input.birthDate);
    if (!birthDate) fail('birth_date_invalid');
    if (ageOn(birthDate!, rules.today) < rules.minimumAge) fail('under_age');
  } else if (type === 'P') {
    fail('birth_date_missing');
  }

  const delivery = input.delivery && Object.values(input.delivery).some(Boolean) ? input.delivery : undefined;
  if (delivery && !inOrder) {
    if (delivery.houseNumber && !/^\d{1,6}\s*[A-Za-z0-9\-/ ]{0,8}$/.test(delivery.houseNumber)) {
      fail('delivery_house_number_invalid');
    }
    const deliveryCountry = (delivery.countryCode ?? countryCode).toUpperCase();
    if (!(SERVED_COUNTRIES as readonly string[]).includes(deliveryCountry)) fail('delivery_not_allowed');
  }

  if (inOrder && input.ip && !isIpAddress(input.ip)) fail('ip_invalid');
  // VATNUMBER is informational; clients' own suites send `btw.1231.3231123.123` and expect 200.
  const vatNumber = input.vatNumber?.trim();
  if (inOrder && vatNumber && !isLooseVatNumber(vatNumber)) fail('vat_number_invalid');

  return {
    type,
    firstName: input.firstName,
    initials: input.initials,
    lastName: input.lastName!,
    sex,
    birthDate,
    email: input.email!,
    email2: input.email2,
    phone: input.phone!,
    companyName: type === 'B' ? input.companyName : input.companyName || undefined,
    chamberOfCommerce: input.chamberOfCommerce,
    vatNumber,
    address: {
      street: input.street,
      houseNumber: input.houseNumber!,
      houseExtension: input.houseExtension,
      postalCode: postalCode ?? input.postalCode!.trim().toUpperCase(),
      city: input.city,
      countryCode,
    },
    delivery: delivery
      ? {
          street: delivery.street,
          houseNumber: delivery.houseNumber,
          houseExtension: delivery.houseExtension,
          postalCode: delivery.postalCode,
          city: delivery.city,
          countryCode: delivery.countryCode?.toUpperCase(),
          companyName: delivery.companyName,
          firstName: delivery.firstName,
          lastName: delivery.lastName,
        }
      : undefined,
    ip: input.ip,
  };
}

/** `1234AB`, `1234 ab` (NL), `1000` (BE), else 2–10 letters, digits, spaces and dashes. */
export function normalisePostalCode(text: string, countryCode: string): string | undefined {
  const value = text.trim().toUpperCase();
  if (countryCode === 'NL') {
    const match = /^(\d{4})\s?([A-Z]{2})$/.exec(value);
    return match ? `${match[1]}${match[2]}` : undefined;
  }
  if (countryCode === 'BE') return /^\d{4}$/.test(value) ? value : undefined;
  return /^[A-Z0-9][A-Z0-9 -]{1,9}$/.test(value) ? value : undefined;
}

/** Order 419 allows letters, spaces, `-` and `'`; `'s-Hertogenbosch` starts with the apostrophe. */
export function isCityName(text: string): boolean {
  return /^[\p{L}\p{M} .'’()-]+$/u.test(text) && /\p{L}/u.test(text);
}

/**
 * Order 431 only for what cannot be a VAT number in any notation: over 30 characters, or
 * characters other than letters, digits, spaces, dots and hyphens.
 */
export function isLooseVatNumber(text: string): boolean {
  return text.length <= 30 && /^[A-Za-z0-9 .-]+$/.test(text);
}

/** Check 402: 9–18 characters of digits, spaces, '+', '(', ')' and '-'. */
export function isPhoneNumber(text: string): boolean {
  return text.length >= 9 && text.length <= 18 && /^[\d +()-]+$/.test(text) && /\d{6}/.test(text.replace(/\D/g, ''));
}

export function isEmail(text: string): boolean {
  return text.length <= 254 && /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[A-Za-z]{2,}$/.test(text);
}

export function isIpAddress(text: string): boolean {
  const v4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
  if (v4.test(text)) return true;
  if (!/^[0-9A-Fa-f:.]+$/.test(text) || !text.includes(':')) return false;
  const groups = text.split('::');
  if (groups.length > 2) return false;
  const parts = text.replace('::', ':0:').split(':').filter((part) => part !== '');
  return parts.length <= 8 && parts.every((part) => /^[0-9A-Fa-f]{1,4}$/.test(part) || v4.test(part));
}

/**
 * Who a customer is, for exposure across invoices (issue: "same customer recognised by e-mail,
 * or birth date plus postal code and house number").
 */
export interface CustomerKeys {
  email: string;
  identity: string | undefined;
}

export function customerKeys(customer: Customer): CustomerKeys {
  const houseNumber = /^\d+/.exec(customer.address.houseNumber)?.[0] ?? customer.address.houseNumber;
  return {
    email: customer.email.trim().toLowerCase(),
    identity: customer.birthDate
      ? `${customer.birthDate}|${customer.address.postalCode.replace(/\s/g, '')}|${houseNumber}`
      : undefined,
  };
}
