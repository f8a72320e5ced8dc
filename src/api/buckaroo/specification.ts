/**
 * GET /json/Transaction/Specification/{service} and POST …/Specifications (spec buckaroo.md §1):
 * what the gateway offers. Billink's actions and parameters follow seed 003; `ideal` answers only
 * so that the Node SDK's confirmCredentials(), which asks for `ideal?serviceVersion=2` and looks at
 * nothing but the HTTP 200, confirms good credentials. Other services are unknown.
 */
import { BILLINK_ACTIONS } from './transaction-actions.js';

const CURRENCIES = [{ IsoNumber: 978, Code: 'EUR', Name: 'Euro' }];

const parameter = (Name: string, DataType: string, Required: boolean, Group: string, Description: string) => ({
  Name,
  DataType,
  Required,
  Group,
  Description,
});

const CUSTOMER = (group: string, required: boolean) => [
  parameter('Category', 'string', false, group, 'B2C or B2B.'),
  parameter('CareOf', 'string', false, group, 'Company name for B2B.'),
  parameter('ChamberOfCommerce', 'string', false, group, 'Chamber of Commerce number, required for B2B.'),
  parameter('FirstName', 'string', required, group, 'First name.'),
  parameter('Initials', 'string', required, group, 'Initials.'),
  parameter('LastName', 'string', required, group, 'Last name.'),
  parameter('Salutation', 'string', required, group, 'Male, Female or Unknown.'),
  parameter('BirthDate', 'datetime', required, group, 'Birth date, required for B2C.'),
  parameter('Street', 'string', required, group, 'Street.'),
  parameter('StreetNumber', 'decimal', required, group, 'House number.'),
  parameter('StreetNumberAdditional', 'string', false, group, 'House number suffix.'),
  parameter('PostalCode', 'string', required, group, 'Postal code.'),
  parameter('City', 'string', required, group, 'City.'),
  parameter('Country', 'string', false, group, 'NL or BE.'),
  parameter('MobilePhone', 'string', required, group, 'Mobile phone number.'),
  parameter('Email', 'string', required, group, 'E-mail address.'),
];

const ORDER_PARAMETERS = [
  parameter('Trackandtrace', 'string', false, '', 'Track and trace number.'),
  parameter('VATNumber', 'string', false, '', 'VAT number (B2B).'),
  parameter('Identifier', 'string', true, 'Article', 'Article identifier.'),
  parameter('Description', 'string', true, 'Article', 'Article description.'),
  parameter('Quantity', 'string', true, 'Article', 'Whole quantity.'),
  parameter('VatPercentage', 'decimal', true, 'Article', 'VAT percentage.'),
  parameter('GrossUnitPriceIncl', 'decimal', false, 'Article', 'Unit price including VAT.'),
  parameter('GrossUnitPriceExcl', 'decimal', false, 'Article', 'Unit price excluding VAT.'),
  ...CUSTOMER('BillingCustomer', true),
  ...CUSTOMER('ShippingCustomer', false),
];

const DESCRIPTIONS: Record<keyof typeof BILLINK_ACTIONS, string> = {
  Pay: 'Credit check and order; the invoice is sent at once.',
  Authorize: 'Credit check and order; the invoice waits for a Capture.',
  Capture: 'Starts the invoice of an authorization, for its full amount.',
  Refund: 'Credits part or all of a Pay or Capture.',
  CancelAuthorize: 'Cancels an authorization that was not captured.',
};

function billink() {
  return {
    Name: 'billink',
    Version: 0,
    Description: 'Billink achteraf betalen',
    Actions: (Object.keys(BILLINK_ACTIONS) as (keyof typeof BILLINK_ACTIONS)[]).map((name) => ({
      Name: name,
      Type: 1,
      Default: name === 'Pay',
      Description: DESCRIPTIONS[name],
      RequestParameters: name === 'Pay' || name === 'Authorize' ? ORDER_PARAMETERS : name === 'Refund' ? [parameter('Refundreason', 'string', false, '', 'Reason of the refund.')] : [],
      ResponseParameters: [],
    })),
    SupportedCurrencies: CURRENCIES,
    CustomParameters: null,
  };
}

function ideal(version: number) {
  return {
    Name: 'ideal',
    Version: version,
    Description: 'Not offered by this gateway; answered so that SDKs can confirm their credentials.',
    Actions: [],
    SupportedCurrencies: CURRENCIES,
    CustomParameters: null,
  };
}

export function specification(service: string, version: number) {
  const name = service.toLowerCase();
  if (name === 'billink') return billink();
  if (name === 'ideal') return ideal(version);
  return undefined;
}
