/**
 * The DAPI fail response (spec §4, §5.4): `{error: {cause, code, message}, invoiceId}`. Every core
 * code a sale can raise has an entry, checked for completeness by the compiler; `code` is a
 * numeric string, unique per entry, because the iOS SDK parses it as an integer (spec §5.4).
 * HTTP 400 for request errors and 500 for ours, as PaynetEasy's Android SDK spec says.
 */
import type { CreateSessionError } from '../../core/sessions/create-session.js';
import type { PspSaleError } from '../../core/sessions/psp-sale.js';
import { ALLOWED_VAT_RATES, formatVatRate } from '../../core/shared/vat.js';

/** The causes of spec §5.4 this surface answers. */
export type ErrorCause = 'INVALID_REQUEST' | 'INVALID_CONFIGURATION' | 'ORDER_NOT_FOUND' | 'INTERNAL_ERROR';

export interface DapiError {
  cause: ErrorCause;
  code: string;
  message: string;
}

const invalid = (code: string, message: string): DapiError => ({ cause: 'INVALID_REQUEST', code, message });

/** Errors the contract itself finds before the core runs. */
export const REQUEST_ERRORS = {
  body_not_json: invalid('100', 'Request body is not a JSON object'),
  field_invalid: invalid('101', '%field% is missing or invalid'),
  signature_mismatch: invalid('102', 'session.signature does not match the request'),
  access_token_wrong: invalid('103', 'session.accessToken does not belong to this sale'),
  source_not_pay_later: invalid('104', 'This endpoint takes pay-later sales only; send no card data in sourceOfFunds'),
  sale_unknown: { cause: 'ORDER_NOT_FOUND', code: '300', message: 'No sale with this endpointId, invoiceId and session.token' },
  internal: { cause: 'INTERNAL_ERROR', code: '500', message: 'Internal error' },
} as const satisfies Record<string, DapiError>;

const ours = (code: string): DapiError => ({ cause: 'INTERNAL_ERROR', code, message: 'Internal error' });

/** Core codes of starting a sale; a rule about the order names the JSON field to fix. */
export const SALE_START_ERRORS = {
  endpoint_unknown: { cause: 'INVALID_CONFIGURATION', code: '200', message: 'Unknown endpointId' },
  sale_reference_taken: invalid('105', 'invoiceId %reference% is already used by another sale'),
  // The endpoint sets the workflow: a missing one is a configuration fault, not the caller's.
  workflow_missing: { cause: 'INVALID_CONFIGURATION', code: '201', message: 'The endpoint has no workflow' },
  workflow_unknown: { cause: 'INVALID_CONFIGURATION', code: '202', message: 'The workflow of this endpoint does not exist' },
  // The sale's return URLs are our own finished page: a merchant that restricted its return URL
  // domains must list this server's host (docs/billblend.md).
  return_url_not_allowed: { cause: 'INVALID_CONFIGURATION', code: '203', message: "The merchant's return URL domains do not include this server" },
  workflow_type_mismatch: invalid('110', 'The endpoint does not accept this consumer.type'),
  order_number_missing: invalid('111', 'invoiceId is missing'),
  order_number_invalid: invalid('112', 'invoiceId may contain only letters, digits, _ (underscore), - (hyphen) and . (dot)'),
  order_number_too_long: invalid('113', 'invoiceId is too long. Maximum of 50 characters allowed'),
  order_number_taken: invalid('114', 'An order with invoiceId %number% already exists'),
  // Return URLs and the logo are ours, never the caller's: a fault here is ours.
  return_url_missing: ours('501'),
  return_url_invalid: ours('502'),
  logo_url_invalid: ours('503'),
  paytrust_score_invalid: ours('504'),
  custom_invoice_id_invalid: ours('505'),
  currency_invalid: invalid('120', 'transaction.currency must be EUR, USD or GBP'),
  order_total_invalid: invalid('121', 'transaction.items must add up to more than 0'),
  amount_over_workflow_maximum: invalid('122', 'transaction.amountCentis is more than this endpoint allows'),
  total_amount_invalid: invalid('123', 'transaction.amountCentis must be a whole number of cents'),
  total_mismatch: invalid('124', 'transaction.amountCentis %given% does not equal the sum of transaction.items, %lines%'),
  items_missing: invalid('130', 'transaction.items must hold 1 to 500 items'),
  item_code_too_long: invalid('131', 'transaction.items[].code is too long. Maximum of 50 characters allowed'),
  item_description_missing: invalid('132', 'transaction.items[].name is missing'),
  item_quantity_invalid: invalid('133', 'transaction.items[].quantity must be a whole number of at least 1'),
  item_price_missing: invalid('134', 'transaction.items[].amountCentis must be a whole number of cents'),
  item_vat_invalid: invalid('135', `transaction.items[].taxRate must be one of ${ALLOWED_VAT_RATES.map(formatVatRate).join(', ')}`),
  type_missing: invalid('140', 'consumer.type is missing'),
  type_invalid: invalid('141', 'consumer.type must be p (private) or b (business)'),
  company_name_missing: invalid('142', 'consumer.company is missing (required for business consumers)'),
  company_name_length: invalid('143', 'consumer.company must be between 2 and 50 characters long'),
  sex_missing: invalid('144', 'consumer.gender is missing'),
  sex_invalid: invalid('145', 'consumer.gender must be M, V, F or O'),
  first_name_missing: invalid('146', 'consumer.firstName or consumer.initials is missing'),
  last_name_missing: invalid('147', 'consumer.lastName is missing'),
  coc_missing: invalid('148', 'consumer.companyNumber is missing (required for business consumers)'),
  coc_length: invalid('149', 'consumer.companyNumber must be between 5 and 25 characters long'),
  street_missing: invalid('150', 'consumer.address.street is missing'),
  house_number_missing: invalid('151', 'consumer.address.houseNumber is missing'),
  house_number_invalid: invalid('152', 'consumer.address.houseNumber must start with a number'),
  house_extension_length: invalid('153', 'consumer.address.houseExtension must be at most 10 characters long'),
  postal_code_missing: invalid('154', 'consumer.address.postalCode is missing'),
  postal_code_invalid: invalid('155', 'consumer.address.postalCode is not a postal code of consumer.address.countryCode'),
  city_missing: invalid('156', 'consumer.address.city is missing'),
  city_invalid: invalid('157', "consumer.address.city should contain only letters, spaces, - and ' signs"),
  country_invalid: invalid('158', 'consumer.address.countryCode is not an ISO 3166 country code'),
  phone_missing: invalid('159', 'consumer.phone is missing'),
  phone_invalid: invalid('160', 'consumer.phone can contain only digits, spaces, +, (, ) and - signs'),
  email_missing: invalid('161', 'consumer.email is missing'),
  email_invalid: invalid('162', 'consumer.email has a wrong format'),
  email2_invalid: invalid('163', 'consumer.email2 has a wrong format'),
  birth_date_missing: invalid('164', 'consumer.birthDate is missing'),
  birth_date_invalid: invalid('165', 'consumer.birthDate must be a date as dd-mm-yyyy or yyyy-mm-dd'),
  under_age: invalid('166', 'The consumer must be 18 or older to pay afterwards'),
  delivery_house_number_invalid: invalid('167', 'consumer.shippingAddress.houseNumber must start with a number'),
  delivery_not_allowed: invalid('168', 'consumer.shippingAddress.countryCode: orders paid afterwards can be shipped to NL and BE only'),
  ip_invalid: invalid('169', 'consumer.ipAddress has a wrong format'),
  vat_number_invalid: invalid('170', 'consumer.vatNumber has a wrong format'),
} satisfies Record<CreateSessionError | PspSaleError, DapiError>;

/** The entry of a core code with its parameters filled in, or undefined for a code not in the table. */
export function dapiErrorFor(
  table: Readonly<Record<string, DapiError>>,
  code: string,
  params: Readonly<Record<string, string>> = {},
): DapiError | undefined {
  const entry = Object.hasOwn(table, code) ? table[code] : undefined;
  return entry && { ...entry, message: entry.message.replace(/%([a-z_]+)%/g, (_whole, name: string) => params[name] ?? '') };
}

export function httpStatusOf(error: DapiError): 400 | 500 {
  return error.cause === 'INTERNAL_ERROR' ? 500 : 400;
}

/** The fail body of spec §4: the error, and the path's invoiceId beside it. */
export function failBody(error: DapiError, invoiceId: string): { error: DapiError; invoiceId: string } {
  return { error: { cause: error.cause, code: error.code, message: error.message }, invoiceId };
}
