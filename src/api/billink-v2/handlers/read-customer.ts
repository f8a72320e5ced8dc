/**
 * The customer of the JSON check and order (paths and names ours, spec §7.3): every XML element
 * of Check and Order in camelCase (PHONENUMBER → phoneNumber, DELIVERYSTREET → deliveryStreet).
 * Numbers are read as their text, so `houseNumber: 1` and `"1"` are the same.
 */
import type { CustomerInput } from '../../../core/orders/customer.js';
import { text } from '../v2-credentials.js';

export const CUSTOMER_FIELDS = [
  'type', 'workflowNumber', 'firstName', 'initials', 'lastName', 'sex', 'birthDate', 'email', 'email2', 'phoneNumber',
  'companyName', 'chamberOfCommerce', 'vatNumber', 'street', 'houseNumber', 'houseExtension', 'postalCode', 'city',
  'countryCode', 'ip', 'deliveryStreet', 'deliveryHouseNumber', 'deliveryHouseExtension', 'deliveryPostalCode',
  'deliveryCity', 'deliveryCountryCode', 'deliveryAddressCompanyName', 'deliveryAddressFirstName',
  'deliveryAddressLastName',
] as const;

/** Schema properties of the customer fields: strings, or numbers where the XML holds digits. */
export const CUSTOMER_PROPERTIES: Record<string, unknown> = Object.fromEntries(
  CUSTOMER_FIELDS.map((name) => [
    name,
    /number|Number$/i.test(name) && !/phone|vat|chamber/i.test(name) ? { type: ['string', 'integer'] } : { type: 'string' },
  ]),
);

export function readCustomer(body: Record<string, unknown>): CustomerInput {
  return {
    type: text(body.type),
    firstName: text(body.firstName),
    initials: text(body.initials),
    lastName: text(body.lastName),
    sex: text(body.sex),
    birthDate: text(body.birthDate),
    email: text(body.email),
    email2: text(body.email2),
    phone: text(body.phoneNumber),
    companyName: text(body.companyName),
    chamberOfCommerce: text(body.chamberOfCommerce),
    vatNumber: text(body.vatNumber),
    street: text(body.street),
    houseNumber: text(body.houseNumber),
    houseExtension: text(body.houseExtension),
    postalCode: text(body.postalCode),
    city: text(body.city),
    countryCode: text(body.countryCode),
    ip: text(body.ip),
    delivery: {
      street: text(body.deliveryStreet),
      houseNumber: text(body.deliveryHouseNumber),
      houseExtension: text(body.deliveryHouseExtension),
      postalCode: text(body.deliveryPostalCode),
      city: text(body.deliveryCity),
      countryCode: text(body.deliveryCountryCode),
      companyName: text(body.deliveryAddressCompanyName),
      firstName: text(body.deliveryAddressFirstName),
      lastName: text(body.deliveryAddressLastName),
    },
  };
}

/** A JSON flag as the XML would carry it: true → "1"/"Y", false → "0"/"N", text as sent. */
export function flag(value: unknown, yes: string, no: string): string | undefined {
  if (value === true) return yes;
  if (value === false) return no;
  return text(value);
}
