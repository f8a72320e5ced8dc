/**
 * Reads a transaction request as the SDKs send it (spec buckaroo.md §3): property names in any
 * case (Node sends PascalCase but lower-case `ClientIP.type/address`, .NET camelCase), values as
 * strings, numbers or booleans, and empty strings treated as absent.
 */

/** A JSON number as the client wrote it (decimal-json.ts), so amounts never pass through a double. */
export class JsonNumber {
  constructor(readonly source: string) {}
}

/** A JSON value whose object keys are all lower-cased, so fields are read by one spelling. */
export type Lowered = string | boolean | null | JsonNumber | Lowered[] | { [key: string]: Lowered };

export function field(object: Lowered | undefined, name: string): Lowered | undefined {
  if (object === null || typeof object !== 'object' || Array.isArray(object) || object instanceof JsonNumber) return undefined;
  return Object.hasOwn(object, name) ? object[name] : undefined;
}

/** Text of a scalar; empty strings, null and objects count as absent (§3). */
export function text(value: Lowered | undefined): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (value instanceof JsonNumber) return plainDecimal(value.source);
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

/** Exponents beyond this are no amount, count or id; such a number is left as written and refused by whoever reads it. */
const MAX_EXPONENT = 100;

/**
 * A JSON number's text as a plain decimal, `1.5e2` → `150`, `1e-7` → `0.0000001`, by moving the
 * decimal point in the digits: no float math, so every digit sent is kept (house rule 1).
 * Text without an exponent is returned as written (`10.50` stays `10.50`).
 */
export function plainDecimal(source: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?[eE]([+-]?\d+)$/.exec(source);
  if (!match) return source;
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
  const exponent = Number(exponentText);
  if (Math.abs(exponent) > MAX_EXPONENT) return source;
  const digits = whole + fraction;
  const point = whole.length + exponent;
  const padded = point <= 0 ? '0'.repeat(1 - point) + digits : point > digits.length ? digits + '0'.repeat(point - digits.length) : digits;
  const at = point <= 0 ? 1 : point;
  const integer = padded.slice(0, at).replace(/^0+(?=\d)/, '');
  const decimals = padded.slice(at).replace(/0+$/, '');
  const plain = decimals === '' ? integer : `${integer}.${decimals}`;
  return /^0(\.0*)?$/.test(plain) ? plain : `${sign}${plain}`;
}

export function list(value: Lowered | undefined): Lowered[] {
  return Array.isArray(value) ? value : [];
}

export interface ServiceParameter {
  name: string;
  value: string | undefined;
  groupType: string | undefined;
  groupId: string | undefined;
}

export interface ServiceRequest {
  name: string | undefined;
  action: string | undefined;
  parameters: ServiceParameter[];
}

export interface TransactionRequest {
  currency: string | undefined;
  amountDebit: string | undefined;
  amountCredit: string | undefined;
  invoice: string | undefined;
  order: string | undefined;
  description: string | undefined;
  originalTransactionKey: string | undefined;
  pushUrl: string | undefined;
  clientIp: string | undefined;
  services: ServiceRequest[];
}

/** Most parameters one request may carry: 500 article lines of seven parameters, two customers and some. */
export const MAX_PARAMETERS = 4_000;

export function readTransactionRequest(body: Lowered): TransactionRequest {
  const services = list(field(field(body, 'services'), 'servicelist')).map((service) => ({
    name: text(field(service, 'name')),
    action: text(field(service, 'action')),
    parameters: list(field(service, 'parameters'))
      .slice(0, MAX_PARAMETERS)
      .map((parameter) => ({
        name: text(field(parameter, 'name')) ?? '',
        value: text(field(parameter, 'value')),
        groupType: text(field(parameter, 'grouptype')),
        groupId: text(field(parameter, 'groupid')),
      })),
  }));
  return {
    currency: text(field(body, 'currency')),
    amountDebit: text(field(body, 'amountdebit')),
    amountCredit: text(field(body, 'amountcredit')),
    invoice: text(field(body, 'invoice')),
    order: text(field(body, 'order')),
    description: text(field(body, 'description')),
    originalTransactionKey: text(field(body, 'originaltransactionkey')),
    pushUrl: text(field(body, 'pushurl')),
    clientIp: text(field(field(body, 'clientip'), 'address')),
    services,
  };
}
