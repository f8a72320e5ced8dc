/**
 * A Buckaroo client of our own, written from the spec (buckaroo.md §2, §3, §4.2), that signs like
 * the official SDKs: Node's `nonce_<int>` and encodeURIComponent, or PHP's UUID nonce and
 * urlencode. Bodies are built as the Node SDK 1.9.0 serialises a Billink request. It checks every
 * response signature the way the .NET SDK does (§2.3).
 */
import { createHash, createHmac, randomInt, randomUUID } from 'node:crypto';

export const USERTEST_BUCKAROO = { websiteKey: 'USERTEST01', secret: 'usertest-buckaroo-secret' };
export const APITEST_BUCKAROO = { websiteKey: 'APITEST001', secret: 'apitest-buckaroo-secret' };

export interface BuckarooAnswer {
  status: number;
  text: string;
  json: any;
  authorization: string | null;
  /** Whether the Authorization header of the response verifies over its body, method and URI. */
  signedCorrectly: boolean;
}

export interface SendOptions {
  timestamp?: number;
  nonce?: string;
  authorization?: string;
  style?: 'node' | 'php';
  /** Sign for another secret than the one the client holds. */
  secret?: string;
}

function encode(text: string, style: 'node' | 'php'): string {
  let encoded = encodeURIComponent(text);
  if (style === 'php') encoded = encoded.replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return encoded.toLowerCase();
}

export function sign(
  credentials: { websiteKey: string; secret: string },
  method: string,
  url: string,
  body: string,
  timestamp: number,
  nonce: string,
  style: 'node' | 'php' = 'node',
): string {
  const parsed = new URL(url);
  const uri = encode(`${parsed.host}${parsed.pathname}${parsed.search}`, style);
  const hash = body === '' ? '' : createHash('md5').update(body, 'utf8').digest('base64');
  const message = `${credentials.websiteKey}${method}${uri}${timestamp}${nonce}${hash}`;
  const signature = createHmac('sha256', credentials.secret).update(message, 'utf8').digest('base64');
  return `hmac ${credentials.websiteKey}:${signature}:${nonce}:${timestamp}`;
}

export class BuckarooClient {
  constructor(
    readonly baseUrl: string,
    readonly credentials: { websiteKey: string; secret: string } = USERTEST_BUCKAROO,
  ) {}

  async send(method: 'GET' | 'POST', path: string, body?: unknown, options: SendOptions = {}): Promise<BuckarooAnswer> {
    const url = `${this.baseUrl}${path}`;
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    const style = options.style ?? 'node';
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const nonce = options.nonce ?? (style === 'node' ? `nonce_${randomInt(10_000_000)}` : randomUUID());
    const secretFor = { ...this.credentials, secret: options.secret ?? this.credentials.secret };
    const authorization = options.authorization ?? sign(secretFor, method, url, text, timestamp, nonce, style);
    const response = await fetch(url, {
      method,
      headers: {
        authorization,
        // The Node SDK sends a JSON content type on GETs too (§2.1).
        'content-type': 'application/json; charset=utf-8',
        accept: 'application/json',
        culture: 'nl-NL',
        channel: 'Web',
      },
      body: method === 'POST' ? text : undefined,
    });
    const responseText = await response.text();
    const header = response.headers.get('authorization');
    return {
      status: response.status,
      text: responseText,
      json: responseText ? JSON.parse(responseText) : undefined,
      authorization: header,
      signedCorrectly: header !== null && verifyResponse(this.credentials, method, url, responseText, header),
    };
  }

  transaction(body: unknown, options?: SendOptions): Promise<BuckarooAnswer> {
    return this.send('POST', '/json/Transaction', body, options);
  }
}

/** The .NET SDK's ValidateResponse: the same algorithm over the response body with the request's method and URI (§2.3). */
export function verifyResponse(credentials: { websiteKey: string; secret: string }, method: string, url: string, body: string, header: string): boolean {
  const match = /^hmac ([^:]+):([^:]+):([^:]+):(\d+)$/.exec(header);
  if (!match || match[1] !== credentials.websiteKey) return false;
  return sign(credentials, method, url, body, Number(match[4]), match[3]!) === header;
}

let sequence = 0;

export interface Article {
  identifier: string;
  description: string;
  quantity: number;
  price: number;
  vatPercentage: number;
}

export const ARTICLES: Article[] = [
  { identifier: 'Articlenumber1', description: 'Blue Toy Car', vatPercentage: 21, quantity: 2, price: 40.1 },
  { identifier: 'Articlenumber2', description: 'Red Toy Car', vatPercentage: 21, quantity: 1, price: 20.1 },
];

export interface Person {
  category: 'B2C' | 'B2B';
  firstName: string;
  lastName: string;
  salutation: string;
  birthDate: string;
  email: string;
  phone: string;
  street: string;
  houseNumber: string | number;
  postalCode: string;
  city: string;
  country: string;
  careOf?: string;
  chamberOfCommerce?: string;
}

/** A person no other test shares: exposure is counted per e-mail and per birth date + address. */
export function freshPerson(overrides: Partial<Person> = {}): Person {
  sequence += 1;
  return {
    category: 'B2C',
    firstName: 'Test',
    lastName: 'Acceptatie',
    salutation: 'Mr.',
    birthDate: '01-01-1990',
    email: `buckaroo-${process.pid}-${sequence}-${randomInt(1_000_000)}@example.com`,
    phone: '0698765433',
    street: 'Hoofdstraat',
    houseNumber: 2_000 + sequence,
    postalCode: '8441EE',
    city: 'Heerenveen',
    country: 'NL',
    ...overrides,
  };
}

function customerParameters(group: string, person: Person) {
  const values: [string, string | number | undefined][] = [
    ['Street', person.street],
    ['StreetNumber', person.houseNumber],
    ['PostalCode', person.postalCode],
    ['City', person.city],
    ['Country', person.country],
    ['Email', person.email],
    ['MobilePhone', person.phone],
    ['BirthDate', person.birthDate],
    ['CareOf', person.careOf],
    ['Category', person.category],
    ['ChamberOfCommerce', person.chamberOfCommerce],
    ['FirstName', person.firstName],
    ['LastName', person.lastName],
    ['Salutation', person.salutation],
  ];
  return values.filter(([, value]) => value !== undefined).map(([Name, Value]) => ({ Name, GroupType: group, Value }));
}

export function articleParameters(articles: readonly Article[], withGroupId = true) {
  return articles.flatMap((article, index) =>
    (
      [
        ['Identifier', article.identifier],
        ['Description', article.description],
        ['VatPercentage', article.vatPercentage],
        ['Quantity', article.quantity],
        ['GrossUnitPriceIncl', article.price],
      ] as const
    ).map(([Name, Value]) => ({ Name, GroupType: 'Article', ...(withGroupId ? { GroupID: index + 1 } : {}), Value })),
  );
}

export function uniqueInvoice(prefix = 'INV'): string {
  sequence += 1;
  return `${prefix}-${process.pid}-${sequence}-${randomInt(1_000_000)}`;
}

/** A Pay or Authorize body as the Node SDK 1.9.0 serialises it (§3, §4.2, observed order of parameters). */
export function orderRequest(
  action: 'Pay' | 'Authorize',
  options: { person?: Person; articles?: Article[]; amountDebit?: number; invoice?: string; extra?: Record<string, unknown> } = {},
) {
  const person = options.person ?? freshPerson();
  const articles = options.articles ?? ARTICLES;
  const amount = options.amountDebit ?? Math.round(articles.reduce((sum, a) => sum + a.price * 100 * a.quantity, 0)) / 100;
  return {
    Currency: 'EUR',
    AmountDebit: amount,
    Invoice: options.invoice ?? uniqueInvoice(),
    Order: uniqueInvoice('ORD'),
    ClientIP: { type: 0, address: '127.0.0.1' },
    ReturnURL: '',
    PushURL: '',
    ServicesSelectableByClient: '',
    Services: {
      ServiceList: [
        {
          Name: 'billink',
          Action: action,
          Version: 0,
          Parameters: [
            ...customerParameters('BillingCustomer', person),
            ...customerParameters('ShippingCustomer', person),
            ...articleParameters(articles),
            { Name: 'Trackandtrace', Value: 'TR0F123456789' },
          ],
        },
      ],
    },
    ...options.extra,
  };
}

/** Capture, Refund and CancelAuthorize name the original transaction (§4.1). */
export function followUp(action: 'Capture' | 'Refund' | 'CancelAuthorize', originalKey: string, amount: number, parameters: unknown[] = []) {
  const amountField = action === 'Capture' ? { AmountDebit: amount } : { AmountCredit: amount };
  return {
    Currency: 'EUR',
    ...amountField,
    Invoice: uniqueInvoice(),
    OriginalTransactionKey: originalKey,
    Services: { ServiceList: [{ Name: 'billink', Action: action, Version: 0, Parameters: parameters }] },
  };
}
