/**
 * The SDK's camelCase names of the legacy XML elements, in the order real clients send them
 * (docs/legacy-api.md: the Magento check and order). The v2 JSON check and order use the same
 * camelCase names (docs/v2-api.md), so one customer object serves both APIs.
 */

const CUSTOMER_CHECK = [
  ['type', 'TYPE'], ['workflowNumber', 'WORKFLOWNUMBER'], ['companyName', 'COMPANYNAME'], ['chamberOfCommerce', 'CHAMBEROFCOMMERCE'],
  ['vatNumber', 'VATNUMBER'], ['firstName', 'FIRSTNAME'], ['initials', 'INITIALS'], ['lastName', 'LASTNAME'], ['sex', 'SEX'],
  ['street', 'STREET'], ['houseNumber', 'HOUSENUMBER'], ['houseExtension', 'HOUSEEXTENSION'], ['postalCode', 'POSTALCODE'],
  ['city', 'CITY'], ['countryCode', 'COUNTRYCODE'], ['phoneNumber', 'PHONENUMBER'], ['birthDate', 'BIRTHDATE'], ['email', 'EMAIL'],
  ['email2', 'EMAIL2'], ['ip', 'IP'],
];

const DELIVERY = [
  ['deliveryStreet', 'DELIVERYSTREET'], ['deliveryHouseNumber', 'DELIVERYHOUSENUMBER'], ['deliveryHouseExtension', 'DELIVERYHOUSEEXTENSION'],
  ['deliveryPostalCode', 'DELIVERYPOSTALCODE'], ['deliveryCity', 'DELIVERYCITY'], ['deliveryCountryCode', 'DELIVERYCOUNTRYCODE'],
  ['deliveryAddressCompanyName', 'DELIVERYADDRESSCOMPANYNAME'], ['deliveryAddressFirstName', 'DELIVERYADDRESSFIRSTNAME'],
  ['deliveryAddressLastName', 'DELIVERYADDRESSLASTNAME'],
];

export const CHECK_FIELDS = [...CUSTOMER_CHECK, ...DELIVERY, ['orderAmount', 'ORDERAMOUNT'], ['backdoor', 'BACKDOOR'], ['payTrustScore', 'PAYTRUSTSCORE']];

/** The Magento order puts the order's own fields first and BIRTHDATE right after SEX. */
export const ORDER_FIELDS = [
  ['workflowNumber', 'WORKFLOWNUMBER'], ['orderNumber', 'ORDERNUMBER'], ['date', 'DATE'], ['currency', 'CURRENCY'], ['type', 'TYPE'],
  ['companyName', 'COMPANYNAME'], ['chamberOfCommerce', 'CHAMBEROFCOMMERCE'], ['vatNumber', 'VATNUMBER'], ['firstName', 'FIRSTNAME'],
  ['initials', 'INITIALS'], ['lastName', 'LASTNAME'], ['sex', 'SEX'], ['birthDate', 'BIRTHDATE'], ['street', 'STREET'],
  ['houseNumber', 'HOUSENUMBER'], ['houseExtension', 'HOUSEEXTENSION'], ['postalCode', 'POSTALCODE'], ['city', 'CITY'],
  ['countryCode', 'COUNTRYCODE'], ['phoneNumber', 'PHONENUMBER'], ['email', 'EMAIL'], ['email2', 'EMAIL2'], ['ip', 'IP'],
  ...DELIVERY,
  // Billink's own spelling; the server reads ADDITIONALTEXT too, Billink may not.
  ['additionalText', 'ADITIONALTEXT'], ['trackAndTrace', 'TRACKANDTRACE'], ['bankAccountNumber', 'BANKACCOUNTNUMBER'],
  ['bankAccountHolder', 'BANKACCOUNTHOLDER'], ['mandateId', 'MANDATEID'], ['mandateType', 'MANDATETYPE'], ['checkUuid', 'CHECKUUID'],
  ['validateOrder', 'VALIDATEORDER'],
];

export const MONEY_FIELDS = new Set(['orderAmount']);

/** [XML name, text] pairs for an input object: money through amountText, booleans as Billink's flags. */
export function xmlFields(map, input, amountText) {
  const known = new Set(map.map(([name]) => name));
  for (const name of Object.keys(input)) {
    if (!known.has(name) && name !== 'items') throw new TypeError(`unknown field ${name}`);
  }
  return map.map(([name, xml]) => [xml, wireValue(name, input[name], amountText)]);
}

function wireValue(name, value, amountText) {
  if (value === undefined || value === null) return undefined;
  if (MONEY_FIELDS.has(name)) return amountText(value, name);
  if (name === 'validateOrder') return value === true ? 'Y' : value === false ? undefined : String(value);
  if (name === 'backdoor' && typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}
