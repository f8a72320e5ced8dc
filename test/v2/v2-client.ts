/**
 * A small v2 JSON client for tests: posts JSON over real HTTP and reads the answer as text first,
 * so tests check what went over the wire.
 */
import { USERTEST } from '../support/legacy-client.js';

export interface JsonAnswer {
  status: number;
  contentType: string | null;
  text: string;
  body: any;
}

export async function postJson(
  baseUrl: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<JsonAnswer> {
  const response = await fetch(baseUrl + path, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type'), text, body: parsed };
}

export const CREDENTIALS = { billinkUsername: USERTEST.username, billinkID: USERTEST.clientId };

/** A v2 call as usertest: credentials first, then the endpoint's fields. */
export function call(baseUrl: string, path: string, fields: Record<string, unknown> = {}): Promise<JsonAnswer> {
  return postJson(baseUrl, path, { ...CREDENTIALS, ...fields });
}

/** The customer of the JSON check and order, in the field names of docs/v2-api.md. */
export const JSON_CUSTOMER = {
  type: 'P',
  workflowNumber: 1,
  firstName: 'John',
  lastName: 'Doe',
  sex: 'M',
  street: 'Damrak',
  houseNumber: 1,
  postalCode: '1234AB',
  city: 'Amsterdam',
  countryCode: 'NL',
  phoneNumber: '0612345678',
  birthDate: '01-01-1990',
  email: 'john@example.com',
};

export const JSON_ITEMS = [
  { code: 'SKU-1', description: 'Wollen trui', orderQuantity: 2, priceIncl: 49.95, btw: 21 },
  { code: '0001', description: 'Verzendkosten', orderQuantity: 1, priceIncl: '4.95', btw: '21' },
];

/** JSON check and order with a given order number; returns Billink's invoice number. */
export async function jsonOrder(baseUrl: string, orderNumber: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const customer = { ...JSON_CUSTOMER, email: `${orderNumber.toLowerCase()}@example.com`, ...overrides };
  const check = await call(baseUrl, '/v2/client/check', { ...customer, orderAmount: '104.85' });
  if (check.body?.code !== '500') throw new Error(`check failed: ${check.text}`);
  const order = await call(baseUrl, '/v2/client/order', {
    ...customer,
    orderNumber,
    date: '21-11-2026',
    checkUuid: check.body.uuid,
    orderItems: JSON_ITEMS,
  });
  if (order.body?.code !== '200') throw new Error(`order failed: ${order.text}`);
  return order.body.invoice;
}
