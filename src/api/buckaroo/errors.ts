/**
 * Every core error an Authorize or Pay can raise, mapped to the Billink-service parameter it is
 * about and our own wording (spec buckaroo.md §8: no real texts were found). The compiler checks
 * that the table is complete (house rule 2). The Buckaroo answer is a 491 with the item in
 * RequestErrors.ParameterErrors.
 */
import type { CheckError } from '../../core/credit/run-check.js';
import type { OrderError } from '../../core/orders/place-order.js';

export type AuthorizeCoreError = CheckError | OrderError;

export interface ParameterError {
  /** `GroupType.Name` for grouped parameters, else the plain name, as the client sent it. */
  name: string;
  message: string;
}

const billing = (name: string, message: string): ParameterError => ({ name: `BillingCustomer.${name}`, message });
const article = (name: string, message: string): ParameterError => ({ name: `Article.${name}`, message });

export const AUTHORIZE_PARAMETER_ERRORS = {
  workflow_missing: { name: 'Services', message: 'The merchant has no workflow for this order.' },
  workflow_unknown: { name: 'Services', message: 'The merchant has no workflow for this order.' },
  workflow_type_mismatch: billing('Category', 'The merchant takes no orders for this category of customer.'),
  amount_missing: { name: 'AmountDebit', message: 'AmountDebit is required.' },
  amount_invalid: { name: 'AmountDebit', message: 'AmountDebit must be a positive amount.' },
  amount_over_workflow_maximum: { name: 'AmountDebit', message: 'The amount is above the largest order the merchant may take.' },
  paytrust_score_invalid: { name: 'Services', message: 'The request is not valid.' },
  order_number_missing: { name: 'Invoice', message: 'Invoice is required.' },
  order_number_invalid: { name: 'Invoice', message: 'Invoice may hold letters, digits, spaces, dots, dashes and underscores.' },
  order_number_too_long: { name: 'Invoice', message: 'Invoice may be at most 50 characters long.' },
  order_number_taken: { name: 'Invoice', message: 'An order with this Invoice exists already.' },
  date_missing: { name: 'Invoice', message: 'The order date is missing.' },
  date_invalid: { name: 'Invoice', message: 'The order date is not valid.' },
  currency_invalid: { name: 'Currency', message: 'The currency is not supported; use EUR.' },
  additional_text_invalid: { name: 'Description', message: 'Description is not valid.' },
  bank_account_missing: { name: 'Services', message: 'The bank account is missing.' },
  bank_account_holder_missing: { name: 'Services', message: 'The bank account holder is missing.' },
  iban_invalid: { name: 'Services', message: 'The IBAN is not valid.' },
  mandate_id_invalid: { name: 'Services', message: 'The mandate id is not valid.' },
  mandate_type_invalid: { name: 'Services', message: 'The mandate type is not valid.' },
  order_total_invalid: { name: 'AmountDebit', message: 'The articles must add up to more than zero.' },
  check_missing: { name: 'Services', message: 'The credit check is missing.' },
  check_unknown: { name: 'Services', message: 'The credit check is unknown.' },
  check_expired: { name: 'Services', message: 'The credit check has expired.' },
  check_used: { name: 'Services', message: 'The credit check was used already.' },
  check_workflow_mismatch: { name: 'Services', message: 'The credit check was for another workflow.' },
  amount_over_checked: { name: 'AmountDebit', message: 'The amount is above the checked amount.' },
  credit_declined: { name: 'Services', message: 'Billink declined the order.' },
  type_missing: billing('Category', 'Category is required.'),
  type_invalid: billing('Category', 'Category must be B2C or B2B.'),
  company_name_missing: billing('CareOf', 'CareOf (the company name) is required for B2B.'),
  company_name_length: billing('CareOf', 'CareOf must be 2 to 50 characters long for B2B.'),
  sex_missing: billing('Salutation', 'Salutation is required: Male, Female or Unknown.'),
  sex_invalid: billing('Salutation', 'Salutation must be Male, Female or Unknown.'),
  first_name_missing: billing('FirstName', 'FirstName or Initials is required.'),
  last_name_missing: billing('LastName', 'LastName is required.'),
  coc_missing: billing('ChamberOfCommerce', 'ChamberOfCommerce is required for B2B.'),
  coc_length: billing('ChamberOfCommerce', 'ChamberOfCommerce must be 5 to 25 characters long.'),
  street_missing: billing('Street', 'Street is required.'),
  house_number_missing: billing('StreetNumber', 'StreetNumber is required.'),
  house_number_invalid: billing('StreetNumber', 'StreetNumber is not a house number.'),
  house_extension_length: billing('StreetNumberAdditional', 'StreetNumberAdditional may be at most 10 characters long.'),
  postal_code_missing: billing('PostalCode', 'PostalCode is required.'),
  postal_code_invalid: billing('PostalCode', 'PostalCode is not valid for the country.'),
  city_missing: billing('City', 'City is required.'),
  city_invalid: billing('City', "City may hold only letters, spaces, dots, - and '."),
  country_invalid: billing('Country', 'Country must be an ISO 3166 country code such as NL or BE.'),
  phone_missing: billing('MobilePhone', 'MobilePhone is required.'),
  phone_invalid: billing('MobilePhone', 'MobilePhone is not a phone number.'),
  email_missing: billing('Email', 'Email is required.'),
  email_invalid: billing('Email', 'Email is not an e-mail address.'),
  email2_invalid: billing('Email', 'Email is not an e-mail address.'),
  birth_date_missing: billing('BirthDate', 'BirthDate is required for B2C.'),
  birth_date_invalid: billing('BirthDate', 'BirthDate must be a date such as 01-01-1990 or 1990-01-01.'),
  under_age: billing('BirthDate', 'The customer must be at least 18 years old.'),
  delivery_house_number_invalid: { name: 'ShippingCustomer.StreetNumber', message: 'StreetNumber is not a house number.' },
  delivery_not_allowed: { name: 'ShippingCustomer.Country', message: 'Billink delivers to NL and BE only.' },
  ip_invalid: { name: 'ClientIP', message: 'ClientIP.Address is not an IP address.' },
  vat_number_invalid: { name: 'VATNumber', message: 'VATNumber is not a VAT number.' },
  items_missing: article('Identifier', 'At least one article (and at most 500) is required.'),
  item_code_too_long: article('Identifier', 'Identifier may be at most 50 characters long.'),
  item_description_missing: article('Description', 'Description is required for every article.'),
  item_quantity_invalid: article('Quantity', 'Quantity must be a whole number.'),
  item_price_missing: article('GrossUnitPriceIncl', 'GrossUnitPriceIncl or GrossUnitPriceExcl is required for every article.'),
  item_vat_invalid: article('VatPercentage', 'VatPercentage must be one of 0, 5, 6, 7, 9, 16, 19, 20 or 21.'),
} as const satisfies Record<AuthorizeCoreError, ParameterError>;

export function isAuthorizeCoreError(code: string): code is AuthorizeCoreError {
  return Object.hasOwn(AUTHORIZE_PARAMETER_ERRORS, code);
}
