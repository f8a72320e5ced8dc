/**
 * Reads a transaction request as the SDKs send it (spec buckaroo.md §3): property names in any
 * case (Node sends PascalCase but lower-case `ClientIP.type/address`, .NET camelCase), values as
 * strings, numbers or booleans, and empty strings treated as absent.
 */

/** A JSON value whose object keys are all lower-cased, so fields are read by one spelling. */
export type Lowered = string | number | boolean | null | Lowered[] | { [key: string]: Lowered };

export function lowerKeys(value: unknown, depth = 0): Lowered {
  // Nesting deeper than any request of the contract is cut off rather than walked (house rule 6).
  if (depth > 12) return null;
  if (Array.isArray(value)) return value.map((item) => lowerKeys(item, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: Lowered } = {};
    for (const [key, item] of Object.entries(value)) {
      const lower = key.toLowerCase();
      // Own properties only: a key like __proto__ must not reach Object.prototype.
      Object.defineProperty(out, lower, { value: lowerKeys(item, depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}

export function field(object: Lowered | undefined, name: string): Lowered | undefined {
  if (object === null || typeof object !== 'object' || Array.isArray(object)) return undefined;
  return Object.hasOwn(object, name) ? object[name] : undefined;
}

/** Text of a scalar; empty strings, null and objects count as absent (§3). */
export function text(value: Lowered | undefined): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number') return Number.isFinite(value) ? numberText(value) : undefined;
  if (typeof value === 'boolean') return String(value);
  return undefined;
}

/** JSON numbers as plain decimals: `100.3`, never `1e-7`, so amounts are parsed as text (house rule 1). */
function numberText(value: number): string {
  const plain = String(value);
  return /e/i.test(plain) ? value.toFixed(20).replace(/\.?0+$/, '') : plain;
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
