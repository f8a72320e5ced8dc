/**
 * A small Billink legacy client for tests: builds request XML the way real plugins do and reads
 * answers with an independent XML parser, so the tests check the wire, not our own writer.
 */
import { XMLParser } from 'fast-xml-parser';

export const USERTEST = { username: 'usertest', clientId: 'd38a3439590889df026367bf01d621e687b8d278', code: 'TST' };
export const APITEST = { username: 'apitest', clientId: 'd108a0f1bc5bc4618f150fa95cd6dc537bd774f0', code: 'API' };

export type Fields = Record<string, string | undefined>;
export type Item = Record<string, string>;

export function element(name: string, value: string): string {
  return `<${name}>${value.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</${name}>`;
}

/** An `<API>` document: credentials, ACTION, fields in order, and list containers of ITEMs. */
export function apiXml(
  action: string,
  fields: Fields = {},
  lists: Record<string, Item[]> = {},
  merchant: { username: string; clientId: string } = USERTEST,
): string {
  const head = [element('VERSION', 'BILLINK2.0'), element('CLIENTUSERNAME', merchant.username), element('CLIENTID', merchant.clientId), element('ACTION', action)];
  const body = Object.entries(fields)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => element(name, value));
  const containers = Object.entries(lists).map(
    ([name, items]) =>
      `<${name}>${items.map((item) => `<ITEM>${Object.entries(item).map(([k, v]) => element(k, v)).join('')}</ITEM>`).join('')}</${name}>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<API>${[...head, ...body, ...containers].join('')}</API>`;
}

export const CUSTOMER: Fields = {
  TYPE: 'P',
  WORKFLOWNUMBER: '1',
  FIRSTNAME: 'John',
  LASTNAME: 'Doe',
  STREET: 'Damrak',
  HOUSENUMBER: '1',
  POSTALCODE: '1234AB',
  CITY: 'Amsterdam',
  COUNTRYCODE: 'NL',
  PHONENUMBER: '0612345678',
  BIRTHDATE: '01-01-1990',
  EMAIL: 'john@example.com',
};

export const ITEMS: Item[] = [
  { CODE: 'SKU-1', DESCRIPTION: 'Wollen trui', ORDERQUANTITY: '2', PRICEINCL: '49.95', BTW: '21' },
  { CODE: '0001', DESCRIPTION: 'Verzendkosten', ORDERQUANTITY: '1', PRICEINCL: '4.95', BTW: '21' },
];

export function checkFields(overrides: Fields = {}): Fields {
  return { ...CUSTOMER, ORDERAMOUNT: '104.85', ...overrides };
}

export function orderFields(checkUuid: string, orderNumber: string, overrides: Fields = {}): Fields {
  return { ...CUSTOMER, SEX: 'M', ORDERNUMBER: orderNumber, DATE: '21-11-2026', CHECKUUID: checkUuid, ...overrides };
}

const reader = new XMLParser({ ignoreDeclaration: true, parseTagValue: false, isArray: (name) => ['ITEM', 'INVOICE'].includes(name) });

export interface LegacyAnswer {
  status: number;
  contentType: string | null;
  text: string;
  api: Record<string, any>;
  /** ERROR/CODE or MSG/CODE, whichever is present. */
  code: string;
  result: 'MSG' | 'ERROR';
}

export async function post(baseUrl: string, path: string, body: string, headers: Record<string, string> = {}): Promise<LegacyAnswer> {
  const response = await fetch(baseUrl + path, { method: 'POST', body, headers });
  const text = await response.text();
  const api = (reader.parse(text) as { API: Record<string, any> }).API;
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    text,
    api,
    result: api.RESULT,
    code: String(api.RESULT === 'ERROR' ? api.ERROR.CODE : api.MSG.CODE),
  };
}

let counter = 0;
/** Order numbers unique within a test run. */
export function orderNumber(prefix = 'ORD'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

/** A unique customer e-mail, so exposure from other tests never declines this one. */
export function uniqueEmail(): string {
  return `${orderNumber('c').toLowerCase()}@example.com`;
}

export class Legacy {
  constructor(
    readonly baseUrl: string,
    readonly merchant: { username: string; clientId: string; code: string } = USERTEST,
  ) {}

  call(path: string, action: string, fields: Fields = {}, lists: Record<string, Item[]> = {}): Promise<LegacyAnswer> {
    return post(this.baseUrl, path, apiXml(action, fields, lists, this.merchant));
  }

  async check(overrides: Fields = {}): Promise<string> {
    const answer = await this.call('/api/check', 'Check', checkFields(overrides));
    if (answer.code !== '500') throw new Error(`check failed: ${answer.text}`);
    return String(answer.api.UUID);
  }

  /** Check and order for a fresh customer; returns the merchant's order number and Billink's. */
  async placeOrder(options: { items?: Item[]; fields?: Fields; workflow?: string } = {}): Promise<{ orderNumber: string; invoice: string }> {
    const email = uniqueEmail();
    const fields = { EMAIL: email, WORKFLOWNUMBER: options.workflow ?? '1', ...options.fields };
    const uuid = await this.check({ ...fields, ORDERAMOUNT: '400.00' });
    const number = orderNumber();
    const answer = await this.call('/api/order', 'Order', orderFields(uuid, number, fields), { ORDERITEMS: options.items ?? ITEMS });
    if (answer.code !== '200') throw new Error(`order failed: ${answer.text}`);
    return { orderNumber: number, invoice: String(answer.api.MSG.INVOICE) };
  }
}
