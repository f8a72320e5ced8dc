/**
 * Reads a session-create body (spec §2.12) into the core's input. Names are Magento's builders';
 * every value arrives as a string except payTrustScore, and numbers are accepted wherever a
 * string is expected.
 */
import type { CustomerInput } from '../../../core/orders/customer.js';
import type { CreateSessionInput } from '../../../core/sessions/create-session.js';
import { amountTextFromJson } from '../../../core/shared/money.js';
import { isRecord, readCredentials, records, text, type V2Credentials } from '../v2-credentials.js';

const record = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});

/** Credentials sit inside `client`; a body that puts them at the top level is read too. */
export function readSessionCredentials(body: Record<string, unknown>): V2Credentials {
  const inClient = readCredentials(record(body.client));
  return inClient.username !== undefined || inClient.clientId !== undefined ? inClient : readCredentials(body);
}

export function readCreateSession(body: Record<string, unknown>): CreateSessionInput {
  const client = record(body.client);
  const returnUrl = record(client.returnURL);
  const customer = record(body.customer);
  const transaction = record(body.transaction);
  return {
    workflowNumber: text(client.workflowNumber),
    returnUrls: {
      success: text(returnUrl.successURL),
      fail: text(returnUrl.failURL),
      cancel: text(returnUrl.cancelURL),
      back: text(returnUrl.backURL),
    },
    logoUrl: text(record(client.options).logoURL),
    customer: readCustomer(customer, record(body.billingAddress), isRecord(body.shippingAddress) ? body.shippingAddress : undefined),
    payTrustScore: text(customer.payTrustScore),
    orderNumber: text(transaction.orderNumber),
    currency: text(transaction.purchaseCurrency),
    customInvoiceId: text(transaction.customInvoiceID),
    totalAmount: amountTextFromJson(transaction.totalAmount),
    items: records(transaction.orderItems)?.map((item) => ({
      code: text(item.code),
      name: text(item.name),
      description: text(item.description),
      quantity: text(item.quantity),
      unitAmount: amountTextFromJson(item.productAmount),
      rowAmount: amountTextFromJson(item.totalProductAmount),
      taxRate: text(item.taxRate),
    })),
  };
}

function readCustomer(
  customer: Record<string, unknown>,
  billing: Record<string, unknown>,
  shipping: Record<string, unknown> | undefined,
): CustomerInput {
  return {
    // Sessions send `p` / `b` in lower case (spec §3).
    type: text(customer.type)?.toUpperCase(),
    firstName: text(customer.firstName),
    initials: text(customer.initials),
    lastName: text(customer.lastName),
    sex: text(customer.gender),
    birthDate: text(customer.birthdate) ?? text(customer.birthDate),
    email: text(customer.email),
    phone: text(customer.mobile) ?? text(customer.phone),
    companyName: text(customer.company),
    chamberOfCommerce: text(customer.companyNumber),
    vatNumber: text(customer.vatNumber),
    street: text(billing.street),
    houseNumber: text(billing.houseNumber),
    houseExtension: text(billing.houseExtension),
    postalCode: text(billing.postalCode),
    city: text(billing.city),
    countryCode: text(billing.countryCode),
    delivery: shipping && {
      street: text(shipping.street),
      houseNumber: text(shipping.houseNumber),
      houseExtension: text(shipping.houseExtension),
      postalCode: text(shipping.postalCode),
      city: text(shipping.city),
      countryCode: text(shipping.countryCode),
      companyName: text(shipping.company),
      firstName: text(shipping.firstName),
      lastName: text(shipping.lastName),
    },
  };
}
