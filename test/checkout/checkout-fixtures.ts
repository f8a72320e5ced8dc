/**
 * What the checkout tests share: a session-create body the way Magento builds it (spec §2.12),
 * the two session calls over real HTTP, and a tiny shop on loopback that receives the customer
 * when the checkout page sends them back.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { orderNumber, uniqueEmail, USERTEST } from '../support/legacy-client.js';

export const CREDENTIALS = { billinkUsername: USERTEST.username, billinkID: USERTEST.clientId };

export interface Shop {
  url: string;
  /** Path and query of every request the shop received, exactly as the browser sent them. */
  visits: string[];
  close(): Promise<void>;
}

const LOGO_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="48" viewBox="0 0 160 48"><rect width="160" height="48" rx="8" fill="#16120d"/><text x="80" y="31" font-family="sans-serif" font-size="20" fill="#ffeede" text-anchor="middle">Wolwinkel</text></svg>';

export async function startShop(): Promise<Shop> {
  const visits: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    if (path === '/logo.svg') {
      response.writeHead(200, { 'content-type': 'image/svg+xml' }).end(LOGO_SVG);
      return;
    }
    // Browsers ask every site for its icon; that is not the customer arriving.
    if (path !== '/favicon.ico') visits.push(path);
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><title>Shop</title><h1>Back at the shop</h1>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    visits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let house = 0;

/** A valid create body for a customer no other session shares; `change` edits it in place. */
export function sessionBody(shopUrl: string, change: (body: SessionBody) => void = () => {}): SessionBody {
  house += 1;
  const body: SessionBody = {
    client: {
      ...CREDENTIALS,
      workflowNumber: '1',
      options: {},
      returnURL: {
        // Magento appends an encrypted txn parameter; it must come back byte for byte (spec §4.4).
        successURL: `${shopUrl}/billink/success?txn=Zm9v%2Bbar%2F%3D%3D&order=100000123&empty=&x=a%20b`,
        failURL: `${shopUrl}/billink/fail?txn=fail%2B1`,
        cancelURL: `${shopUrl}/billink/cancel?txn=cancel%2B1`,
        backURL: `${shopUrl}/checkout/cart`,
      },
    },
    customer: {
      type: 'p',
      firstName: 'Anna',
      lastName: 'de Vries',
      email: uniqueEmail(),
      gender: 'V',
      payTrustScore: 0,
    },
    billingAddress: { street: 'Damrak', houseNumber: String(2_000 + house), postalCode: '1012 LG', city: 'Amsterdam', countryCode: 'NL' },
    shippingAddress: { street: 'Damrak', houseNumber: String(2_000 + house), postalCode: '1012 LG', city: 'Amsterdam', countryCode: 'NL' },
    transaction: {
      totalAmount: '104.85',
      totalTaxAmount: '18.20',
      purchaseCountry: 'NL',
      purchaseCurrency: 'EUR',
      orderNumber: orderNumber('S').replaceAll('-', '.'),
      orderItems: [
        { code: 'SKU-1', name: 'Wollen trui', description: 'Merino, maat M', quantity: '2.0000', productAmount: '49.95', totalProductAmount: '99.90', productTaxAmount: '8.67', taxRate: '21.0000' },
        { code: '0001', name: 'Verzendkosten', quantity: '1', productAmount: '4.95', totalProductAmount: '4.95', productTaxAmount: '0.86', taxRate: '21' },
      ],
    },
  };
  change(body);
  return body;
}

export type SessionBody = Record<string, any>;

export interface Answer {
  status: number;
  body: Record<string, any>;
}

export async function postJson(baseUrl: string, path: string, body: unknown): Promise<Answer> {
  const response = await fetch(baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

export async function createSession(baseUrl: string, body: SessionBody): Promise<Record<string, any>> {
  const answer = await postJson(baseUrl, '/v2/session/create', body);
  if (answer.status !== 200) throw new Error(`session create failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export async function sessionStatus(baseUrl: string, reference: Record<string, string>): Promise<Answer> {
  return postJson(baseUrl, '/v2/session/status', { ...CREDENTIALS, ...reference });
}

/** Posts the page's form as a browser without JavaScript would, without following the redirect. */
export async function postForm(url: string, fields: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}
