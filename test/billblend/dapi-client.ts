/**
 * A DAPI client written from the spec, not from our code: it plays the merchant's server (access
 * token, nonce, invoiceId and the HMAC-SHA1 signature of spec §6.2, upper-case hex like
 * PaynetEasy's reference proxy) and the app (perform sale, sale status) over real HTTP.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { uniqueEmail } from '../support/legacy-client.js';

export const ENDPOINTS = {
  usertest: { endpointId: '1001', controlKey: '5A4D1001-B11B-4E0D-A5E1-000000001001' },
  apitest: { endpointId: '1002', controlKey: '5A4D1002-B11B-4E0D-A5E1-000000001002' },
};

export interface Answer {
  status: number;
  text: string;
  body: Record<string, any>;
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ^$';

/** 64 characters of the reference proxy's alphabet (spec §6.1). */
export function randomToken(): string {
  return [...randomBytes(64)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
}

/** The signature of "Initiate sale" (spec §6.2): key = hex-decoded control key without dashes. */
export function signSale(controlKey: string, f: { accessToken: string; serialNumber: string; endpointId: string; nonce: string; invoiceId: string; amountCentis: number; currency: string }): string {
  const key = Buffer.from(controlKey.replaceAll('-', ''), 'hex');
  const message = `${f.accessToken}${f.serialNumber}${f.endpointId}${f.nonce}${f.invoiceId}${f.amountCentis}${f.currency}`;
  return createHmac('sha1', key).update(message).digest('hex').toUpperCase();
}

let house = 0;

/** A signed pay-later sale of € 104,85 for a customer no other test shares; `change` edits the body before signing. */
export function saleRequest(options: { endpoint?: { endpointId: string; controlKey: string }; change?: (body: Record<string, any>) => void } = {}) {
  const endpoint = options.endpoint ?? ENDPOINTS.usertest;
  house += 1;
  const invoiceId = randomUUID();
  const body: Record<string, any> = {
    consumer: {
      device: { serialNumber: `R58M${house}ABCDE` },
      email: uniqueEmail(),
      type: 'p',
      firstName: 'Anna',
      lastName: 'de Vries',
      gender: 'V',
      address: { street: 'Damrak', houseNumber: String(3_000 + house), postalCode: '1012 LG', city: 'Amsterdam', countryCode: 'NL' },
    },
    session: { accessToken: randomToken(), nonce: randomToken() },
    transaction: {
      amountCentis: 10485,
      currency: 'EUR',
      items: [
        { code: 'SKU-1', name: 'Wollen trui', quantity: 2, amountCentis: 4995, taxRate: 21 },
        { code: '0001', name: 'Verzendkosten', quantity: 1, amountCentis: 495, taxRate: 21 },
      ],
    },
  };
  options.change?.(body);
  body.session.signature = signSale(endpoint.controlKey, {
    accessToken: body.session.accessToken,
    serialNumber: body.consumer?.device?.serialNumber ?? '',
    endpointId: endpoint.endpointId,
    nonce: body.session.nonce,
    invoiceId,
    amountCentis: body.transaction?.amountCentis,
    currency: body.transaction?.currency,
  });
  return { endpointId: endpoint.endpointId, invoiceId, body };
}

export async function post(baseUrl: string, path: string, body: unknown): Promise<Answer> {
  const response = await fetch(baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as Record<string, any> };
}

export function performSale(baseUrl: string, sale: { endpointId: string; invoiceId: string; body: unknown }): Promise<Answer> {
  return post(baseUrl, `/checkout/dapi/v1/sale/${sale.endpointId}/${sale.invoiceId}`, sale.body);
}

export function saleStatus(baseUrl: string, sale: { endpointId: string; invoiceId: string }, session: { accessToken: string; token: string }): Promise<Answer> {
  return post(baseUrl, `/checkout/dapi/v1/sale/${sale.endpointId}/${sale.invoiceId}/status`, { session });
}

/** Starts a sale and answers what the app then holds: the tokens for status calls. */
export async function startSale(baseUrl: string, options: Parameters<typeof saleRequest>[0] = {}) {
  const sale = saleRequest(options);
  const answer = await performSale(baseUrl, sale);
  if (answer.status !== 200) throw new Error(`perform sale failed: ${answer.status} ${answer.text}`);
  const tokens = { accessToken: sale.body.session.accessToken as string, token: answer.body.session.token as string };
  return { ...sale, tokens, status: () => saleStatus(baseUrl, sale, tokens) };
}
