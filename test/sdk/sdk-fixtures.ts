/**
 * What the SDK tests share: a client for usertest on a test server, a request recorder (the real
 * fetch, with each request's path and body written down) and a fresh approved order.
 */
import { Billink, type BillinkOptions, type Customer, type OrderItem } from '@achteraf/billink';
import { orderNumber, uniqueEmail, USERTEST } from '../support/legacy-client.js';

export interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

/** The real fetch, recording what goes over the wire. */
export function recordingFetch(sent: Sent[]): typeof fetch {
  return async (input, init) => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    sent.push({ url: String(input), method: init?.method ?? 'GET', headers, body: String(init?.body ?? '') });
    return fetch(input, init);
  };
}

export function client(baseUrl: string, options: Partial<BillinkOptions> = {}): Billink {
  return new Billink({ baseUrl, username: USERTEST.username, clientId: USERTEST.clientId, ...options });
}

export function customer(overrides: Partial<Customer> = {}): Customer {
  return {
    type: 'P', workflowNumber: 1, firstName: 'John', lastName: 'Doe', sex: 'M', street: 'Damrak', houseNumber: 1,
    postalCode: '1234AB', city: 'Amsterdam', countryCode: 'NL', phoneNumber: '0612345678', birthDate: '01-01-1990',
    email: uniqueEmail(), ...overrides,
  };
}

export const ITEMS: OrderItem[] = [
  { code: 'SKU-1', description: 'Wollen trui', quantity: 2, priceIncl: '49.95', vatRate: 21 },
  { code: '0001', description: 'Verzendkosten', quantity: 1, priceIncl: { cents: 495 }, vatRate: 21 },
];

/** Check and order (104.85) over the given API; returns Billink's invoice number and the merchant's. */
export async function placeOrder(billink: Billink, api: 'legacy' | 'v2' = 'v2'): Promise<{ invoiceNumber: string; orderNumber: string }> {
  const person = customer();
  const check = await billink[api].check({ ...person, orderAmount: '104.85' });
  if (!check.approved || !check.uuid) throw new Error(`check declined: ${check.code}`);
  const number = orderNumber('SDK');
  const order = await billink[api].order({ ...person, orderNumber: number, date: '21-11-2026', checkUuid: check.uuid, items: ITEMS });
  if (!order.invoiceNumber) throw new Error(`order failed: ${order.code}`);
  return { invoiceNumber: order.invoiceNumber, orderNumber: number };
}
