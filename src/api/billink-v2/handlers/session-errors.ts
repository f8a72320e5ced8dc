/**
 * Errors of the session endpoints (spec §2.12, §2.13). Billink documents no codes for them, only
 * `{status: "error", message}` with an HTTP status, and for create a 400 carrying
 * `error_backend.http_body.message` (what Magento reads). Each core code has an entry, and the
 * compiler checks that none is missing; messages name the JSON field to fix.
 */
import type { CreateSessionError } from '../../../core/sessions/create-session.js';
import type { SessionStatusError } from '../../../core/sessions/session-status.js';
import type { AuthError } from '../../../core/shared/errors.js';
import { ALLOWED_VAT_RATES, formatVatRate } from '../../../core/shared/vat.js';

export interface SessionWireError {
  httpStatus: 400 | 403 | 404 | 500;
  message: string;
}

const CLIENT_NOT_FOUND: SessionWireError = { httpStatus: 404, message: 'Client not found' };
const bad = (message: string): SessionWireError => ({ httpStatus: 400, message });

export const CREATE_SESSION_WIRE_ERRORS = {
  username_unknown: CLIENT_NOT_FOUND,
  client_id_wrong: CLIENT_NOT_FOUND,
  return_url_missing: bad('client.returnURL.%field% parameter missing'),
  return_url_invalid: bad('client.returnURL.%field% must be an absolute http(s) URL of visible ASCII characters'),
  return_url_not_allowed: bad('client.returnURL.%field% is not on one of the return URL domains you set'),
  logo_url_invalid: bad('client.options.logoURL must be an absolute https URL without ; , quotes, * or backslashes'),
  workflow_missing: bad('client.workflowNumber parameter missing'),
  workflow_unknown: bad('Workflow with number %number% does not exist'),
  workflow_type_mismatch: bad('The workflow does not accept this customer.type'),
  order_number_missing: bad('transaction.orderNumber parameter missing'),
  order_number_invalid: bad('transaction.orderNumber may contain only letters, digits, _ (underscore), - (hyphen) and . (dot)'),
  order_number_too_long: bad('transaction.orderNumber is too long. Maximum of 50 characters allowed'),
  order_number_taken: bad('Order with number %number% already exists'),
  paytrust_score_invalid: bad('customer.payTrustScore must be a whole number from 0 to 10'),
  currency_invalid: bad('transaction.purchaseCurrency must be EUR, USD or GBP'),
  custom_invoice_id_invalid: bad('transaction.customInvoiceID must be at most 100 printable characters'),
  order_total_invalid: bad('The order items must add up to more than 0'),
  amount_over_workflow_maximum: bad('Amount is bigger than allowed for this workflow'),
  total_amount_invalid: bad('transaction.totalAmount is not an amount such as 104.85'),
  total_mismatch: bad('transaction.totalAmount %given% does not equal the sum of the order items, %lines%'),
  items_missing: bad('transaction.orderItems must hold 1 to 500 items'),
  item_code_too_long: bad('transaction.orderItems[].code is too long. Maximum of 50 characters allowed'),
  item_description_missing: bad('transaction.orderItems[].name parameter missing'),
  item_quantity_invalid: bad('transaction.orderItems[].quantity must be a whole number of at least 1'),
  item_price_missing: bad('transaction.orderItems[].productAmount is missing or not an amount'),
  item_vat_invalid: bad(`transaction.orderItems[].taxRate must be one of ${ALLOWED_VAT_RATES.map(formatVatRate).join(', ')}`),
  type_missing: bad('customer.type parameter missing'),
  type_invalid: bad('customer.type must be p (private) or b (business)'),
  company_name_missing: bad('customer.company parameter missing (required for business customers)'),
  company_name_length: bad('customer.company must be between 2 and 50 characters long'),
  sex_missing: bad('customer.gender parameter missing'),
  sex_invalid: bad('customer.gender must be M, V, F or O'),
  first_name_missing: bad('customer.firstName or customer.initials parameter missing'),
  last_name_missing: bad('customer.lastName parameter missing'),
  coc_missing: bad('customer.companyNumber parameter missing (required for business customers)'),
  coc_length: bad('customer.companyNumber must be between 5 and 25 characters long'),
  street_missing: bad('billingAddress.street parameter missing'),
  house_number_missing: bad('billingAddress.houseNumber parameter missing'),
  house_number_invalid: bad('billingAddress.houseNumber must start with a number'),
  house_extension_length: bad('billingAddress.houseExtension must be at most 10 characters long'),
  postal_code_missing: bad('billingAddress.postalCode parameter missing'),
  postal_code_invalid: bad('billingAddress.postalCode is not a postal code of billingAddress.countryCode'),
  city_missing: bad('billingAddress.city parameter missing'),
  city_invalid: bad("billingAddress.city should contain only letters, spaces, - and ' signs"),
  country_invalid: bad('billingAddress.countryCode is not an ISO 3166 country code'),
  phone_missing: bad('customer.mobile parameter missing'),
  phone_invalid: bad('customer.mobile can contain only digits, spaces, +, (, ) and - signs'),
  email_missing: bad('customer.email parameter missing'),
  email_invalid: bad('customer.email has a wrong format'),
  email2_invalid: bad('customer.email2 has a wrong format'),
  birth_date_missing: bad('customer.birthdate parameter missing'),
  birth_date_invalid: bad('customer.birthdate must be a date as dd-mm-yyyy or yyyy-mm-dd'),
  under_age: bad('The customer must be 18 or older to pay afterwards'),
  delivery_house_number_invalid: bad('shippingAddress.houseNumber must start with a number'),
  delivery_not_allowed: bad('shippingAddress.countryCode: orders paid afterwards can be shipped to NL and BE only'),
  ip_invalid: bad('Wrong IP address format'),
  vat_number_invalid: bad('customer.vatNumber has a wrong format'),
} satisfies Record<CreateSessionError | AuthError, SessionWireError>;

export const SESSION_STATUS_WIRE_ERRORS = {
  username_unknown: CLIENT_NOT_FOUND,
  client_id_wrong: CLIENT_NOT_FOUND,
  session_reference_missing: bad('sessionID parameter missing'),
  session_unknown: { httpStatus: 404, message: 'Session not found' },
  session_other_client: { httpStatus: 403, message: 'This session belongs to another client' },
} satisfies Record<SessionStatusError | AuthError, SessionWireError>;

export const INTERNAL_ERROR: SessionWireError = { httpStatus: 500, message: 'Internal error' };

export function sessionWireError(
  table: Readonly<Record<string, SessionWireError>>,
  code: string,
  params: Readonly<Record<string, string>>,
): SessionWireError | undefined {
  const entry = Object.hasOwn(table, code) ? table[code] : undefined;
  return entry && { ...entry, message: entry.message.replace(/%([a-z_]+)%/g, (_whole, name: string) => params[name] ?? '') };
}

/** `{status: "error", message}`, with create's `error_backend` beside it on a 400 and a 500 (spec §2.12). */
export function createErrorBody(error: SessionWireError): Record<string, unknown> {
  const body: Record<string, unknown> = { status: 'error', message: error.message };
  if (error.httpStatus !== 404) {
    body.error_backend = { http_status_code: error.httpStatus, http_body: { message: error.message } };
  }
  return body;
}
