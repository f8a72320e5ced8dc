/** The customer and delivery fields shared by Check and Order, with every spelling real clients send. */
import type { CustomerInput } from '../../../core/orders/customer.js';
import type { LegacyRequest } from '../xml-request.js';

export function readCustomer(request: LegacyRequest): CustomerInput {
  return {
    type: request.text('TYPE'),
    firstName: request.text('FIRSTNAME'),
    initials: request.text('INITIALS'),
    lastName: request.text('LASTNAME'),
    sex: request.text('SEX'),
    birthDate: request.text('BIRTHDATE'),
    email: request.text('EMAIL'),
    email2: request.text('EMAIL2'),
    phone: request.text('PHONENUMBER'),
    companyName: request.text('COMPANYNAME'),
    chamberOfCommerce: request.text('CHAMBEROFCOMMERCE'),
    vatNumber: request.text('VATNUMBER'),
    street: request.text('STREET'),
    houseNumber: request.text('HOUSENUMBER'),
    houseExtension: request.text('HOUSEEXTENSION'),
    postalCode: request.text('POSTALCODE'),
    city: request.text('CITY'),
    countryCode: request.text('COUNTRYCODE'),
    ip: request.text('IP'),
    // Canonical DELIVERY* names, the DELIVERY_* variants of WooCommerce legacy and Magento 1, and
    // the Ruby gem's DELIVERYHOUSENUMBEREXTENSION (spec §2.2 "Delivery address").
    delivery: {
      street: request.text('DELIVERYSTREET'),
      houseNumber: request.firstText('DELIVERYHOUSENUMBER', 'DELIVERY_HOUSENUMBER'),
      houseExtension: request.firstText('DELIVERYHOUSEEXTENSION', 'DELIVERY_HOUSEEXTENSION', 'DELIVERYHOUSENUMBEREXTENSION'),
      postalCode: request.firstText('DELIVERYPOSTALCODE', 'DELIVERY_POSTALCODE'),
      city: request.text('DELIVERYCITY'),
      countryCode: request.text('DELIVERYCOUNTRYCODE'),
      companyName: request.text('DELIVERYADDRESSCOMPANYNAME'),
      firstName: request.text('DELIVERYADDRESSFIRSTNAME'),
      lastName: request.text('DELIVERYADDRESSLASTNAME'),
    },
  };
}
