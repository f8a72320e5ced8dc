/**
 * Reads the two DAPI request bodies (spec §3.1, §4, §6.1). Perform sale carries what BillBlend's
 * signature covers (accessToken, device serial number, nonce, amountCentis, currency) and, for a
 * pay-later sale, the order a checkout session needs: the consumer with an address and the items
 * (docs/billblend.md "Perform sale"). Amounts are whole centis, as JSON numbers or digit strings.
 */
import type { CustomerInput } from '../../core/orders/customer.js';
import type { SessionItemInput } from '../../core/sessions/session-order.js';
import type { StartPspSaleInput } from '../../core/sessions/psp-sale.js';
import { formatAmount } from '../../core/shared/money.js';
import type { SaleSignatureFields } from './signatures.js';

type Json = Record<string, unknown>;

export interface SaleStart {
  signature: string;
  signed: SaleSignatureFields;
  order: StartPspSaleInput['order'];
}

export interface StatusRequest {
  accessToken: string;
  token: string;
}

/** A request field that is missing or breaks its length rule, named by its JSON path. */
export interface FieldProblem {
  field: string;
}

/** Lengths of spec §4 and §6.1. */
const TOKEN_LENGTH = { min: 32, max: 128 };
const SESSION_TOKEN_LENGTH = { min: 16, max: 36 };
const MAX_SERIAL_NUMBER_LENGTH = 128;

export function readSaleStart(
  body: unknown,
  path: { endpointId: string; invoiceId: string },
  returnUrls: { success: string; fail: string; cancel: string },
): SaleStart | FieldProblem {
  const { endpointId, invoiceId } = path;
  const root = record(body);
  const session = record(root.session);
  const consumer = record(root.consumer);
  const transaction = record(root.transaction);
  const accessToken = bounded(session.accessToken, TOKEN_LENGTH);
  if (accessToken === undefined) return { field: 'session.accessToken' };
  const nonce = bounded(session.nonce, TOKEN_LENGTH);
  if (nonce === undefined) return { field: 'session.nonce' };
  const signature = bounded(session.signature, TOKEN_LENGTH);
  if (signature === undefined) return { field: 'session.signature' };
  // The serial number is part of the signature; a client without one signs the empty text.
  const serialNumber = record(consumer.device).serialNumber ?? '';
  if (typeof serialNumber !== 'string' || serialNumber.length > MAX_SERIAL_NUMBER_LENGTH) return { field: 'consumer.device.serialNumber' };
  const amountCentis = centis(transaction.amountCentis);
  if (amountCentis === undefined) return { field: 'transaction.amountCentis' };
  const currency = transaction.currency;
  if (typeof currency !== 'string' || !/^[A-Za-z]{3}$/.test(currency)) return { field: 'transaction.currency' };

  return {
    signature,
    signed: { accessToken, serialNumber, endpointId, nonce, invoiceId, amountCentis, currency },
    order: {
      returnUrls,
      customer: readConsumer(consumer),
      currency,
      totalAmount: formatAmount(amountCentis),
      items: Array.isArray(transaction.items) ? transaction.items.map((item) => readItem(record(item))) : undefined,
    },
  };
}

/** Whether the request offers a card or a stored card: this surface never takes card data. */
export function offersCard(body: unknown): boolean {
  const source = record(record(body).sourceOfFunds);
  return source.card !== undefined || source.reference !== undefined;
}

export function readStatusRequest(body: unknown): StatusRequest | FieldProblem {
  const session = record(record(body).session);
  const accessToken = bounded(session.accessToken, TOKEN_LENGTH);
  if (accessToken === undefined) return { field: 'session.accessToken' };
  const token = bounded(session.token, SESSION_TOKEN_LENGTH);
  if (token === undefined) return { field: 'session.token' };
  return { accessToken, token };
}

export function isFieldProblem(value: object): value is FieldProblem {
  return Object.hasOwn(value, 'field');
}

function readConsumer(consumer: Json): CustomerInput {
  const address = record(consumer.address);
  const shipping = consumer.shippingAddress === undefined ? undefined : record(consumer.shippingAddress);
  return {
    // p / b, as the hosted checkout's JSON sends them (spec §3).
    type: text(consumer.type)?.toUpperCase() ?? 'P',
    firstName: text(consumer.firstName),
    initials: text(consumer.initials),
    lastName: text(consumer.lastName),
    sex: text(consumer.gender),
    birthDate: text(consumer.birthDate),
    email: text(consumer.email),
    phone: text(consumer.phone),
    companyName: text(consumer.company),
    chamberOfCommerce: text(consumer.companyNumber),
    vatNumber: text(consumer.vatNumber),
    ip: text(consumer.ipAddress),
    street: text(address.street),
    houseNumber: text(address.houseNumber),
    houseExtension: text(address.houseExtension),
    postalCode: text(address.postalCode),
    city: text(address.city),
    countryCode: text(address.countryCode),
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

/** An item: unit price including VAT in centis, as the sale's own amount is. */
function readItem(item: Json): SessionItemInput {
  const unit = centis(item.amountCentis);
  return {
    code: text(item.code),
    name: text(item.name),
    quantity: text(item.quantity),
    unitAmount: unit === undefined ? undefined : formatAmount(unit),
    taxRate: text(item.taxRate),
  };
}

function record(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

/** A JSON string or number as trimmed text; anything else as absent. */
function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  return value.trim() || undefined;
}

/** A string within the spec's length bounds, taken exactly as sent (it is signed). */
function bounded(value: unknown, length: { min: number; max: number }): string | undefined {
  return typeof value === 'string' && value.length >= length.min && value.length <= length.max ? value : undefined;
}

/** Whole centis from a JSON integer or a digit string; never through a fraction. */
function centis(value: unknown): number | undefined {
  const digits = typeof value === 'number' ? (Number.isSafeInteger(value) ? String(value) : '') : typeof value === 'string' ? value : '';
  return /^\d{1,12}$/.test(digits) ? Number(digits) : undefined;
}
