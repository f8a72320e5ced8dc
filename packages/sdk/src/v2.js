/**
 * Billink's v2 JSON API (docs/v2-api.md), sessions, webhook settings and reconciliation.
 * Two error shapes come back (spec §7.2): order management answers HTTP 200 with
 * `{result:"error", code, description}`; sessions, webhooks and reconciliation answer an HTTP
 * status with `{status:"error", message}`. Both become a BillinkApiError.
 */
import { BillinkApiError, BillinkProtocolError } from './errors.js';
import { CHECK_FIELDS, ORDER_FIELDS } from './legacy-fields.js';
import { amountText } from './money.js';
import { exchange } from './transport.js';

/** Every v2 path the SDK calls, by method name; test/sdk compares them with the server's OpenAPI document. */
export const V2_PATHS = Object.freeze({
  check: '/v2/client/check',
  order: '/v2/client/order',
  startWorkflow: '/v2/client/order/start-workflow',
  payment: '/v2/client/invoice/payment',
  credit: '/v2/client/invoice/credit',
  onHold: '/v2/client/order/on-hold',
  resume: '/v2/client/order/resume',
  orderInfo: '/v2/client/order/info',
  invoiceTimeline: '/v2/client/invoice/timeline',
  message: '/v2/client/order/message',
  webshopSettings: '/v2/client/webshop-settings',
  workflows: '/v2/client/workflows',
  setWorkflow: '/v2/client/workflow/set',
  requests: '/v2/client/requests',
  invoices: '/v2/client/invoices',
  downloadInvoice: '/v2/client/invoice/download',
  createMerchant: '/v2/partner/merchant/create',
  setPassword: '/v2/merchant/password',
  createSession: '/v2/session/create',
  sessionStatus: '/v2/session/status',
  generateSecret: '/v2/client/webhook-v3/secret/generate',
  setOrderWebhook: '/v2/client/webhook-v3/set',
  setSessionWebhook: '/v2/session/webhook-v3/set',
  setClassicOrderWebhook: '/v2/client/webhook/set',
  disableOrderWebhook: '/v2/client/webhook/disable',
  disableSessionWebhook: '/v2/session/webhook/disable',
  deliveries: '/v2/client/webhook/deliveries',
  replay: '/v2/client/webhook/replay',
  sandboxClock: '/v2/sandbox/clock',
  sandboxAdvance: '/v2/sandbox/clock/advance',
  sandboxReset: '/v2/sandbox/clock/reset',
  openDispute: '/v2/client/order/dispute',
  listDisputes: '/v2/client/order/dispute/list',
  resolveDispute: '/v2/client/order/dispute/resolve',
  setReturnDomains: '/v2/client/checkout/return-domains/set',
  rotateBuckarooCredentials: '/v2/client/buckaroo/credentials/rotate',
  rotateBillBlendControlKey: '/v2/client/billblend/control-key/rotate',
  buckarooPushUrl: '/v2/client/buckaroo/push-url',
  setBuckarooPushUrl: '/v2/client/buckaroo/push-url/set',
  billBlendCallbackUrls: '/v2/client/billblend/callback-url',
  setBillBlendCallbackUrl: '/v2/client/billblend/callback-url/set',
});

/** Calls that only read: they may be sent again after a network failure or a 5xx. */
const READS = new Set(['orderInfo', 'invoiceTimeline', 'webshopSettings', 'invoices', 'downloadInvoice', 'sessionStatus', 'deliveries', 'sandboxClock', 'workflows', 'requests', 'listDisputes', 'buckarooPushUrl', 'billBlendCallbackUrls']);
/**
 * Writes the server keeps no idempotency key for: a clock advance sent twice moves twice, so it
 * carries no key and is never retried. A reset may be: doing it twice ends the same, as does
 * setting the same return domains twice.
 */
const UNKEYED = new Set(['sandboxAdvance']);
const REPEATABLE = new Set(['sandboxReset', 'setReturnDomains']);

export class V2Transport {
  #options;
  constructor(options) {
    this.#options = options;
  }

  credentials(lowerCaseId = false) {
    const { username, clientId } = this.#options.credentials();
    return lowerCaseId ? { billinkUsername: username, billinkId: clientId } : { billinkUsername: username, billinkID: clientId };
  }

  /** POSTs JSON and returns the parsed answer, or throws the endpoint's error. */
  async post(name, body, call = {}, extra = {}) {
    const response = await this.send(name, JSON.stringify(body), call, extra);
    const raw = response.body.toString('utf8');
    let parsed;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new BillinkProtocolError({ endpoint: name, httpStatus: response.status, body: raw, reason: 'not JSON' });
    }
    throwIfError(name, response.status, parsed, raw);
    return parsed;
  }

  async send(name, body, call, extra = {}) {
    const options = this.#options;
    const headers = { 'content-type': 'application/json', accept: 'application/json', ...extra.headers };
    const read = READS.has(name) || REPEATABLE.has(name);
    let key = UNKEYED.has(name) ? undefined : call.idempotencyKey;
    // Writes are retried only when the server can tell a repeat from a new request by its key;
    // with `retryWrites` on, the SDK makes a key so that every retry of this call carries the same one.
    if (!read && key === undefined && options.retryWrites && !UNKEYED.has(name)) key = globalThis.crypto.randomUUID();
    if (!read && key !== undefined) headers['idempotency-key'] = key;
    return exchange(options, {
      endpoint: name,
      url: `${options.baseUrl}${V2_PATHS[name]}${extra.query ?? ''}`,
      method: 'POST',
      headers,
      body,
      safe: read || key !== undefined,
      signal: call.signal,
      timeoutMs: call.timeoutMs,
    });
  }
}

function throwIfError(endpoint, httpStatus, body, raw) {
  if (body && typeof body === 'object') {
    if (body.result === 'error') {
      const code = body.code ?? body.error?.code;
      const description = body.description ?? body.error?.description ?? '';
      throw new BillinkApiError({ endpoint, code: code === undefined ? undefined : String(code), description, httpStatus, body: raw });
    }
    if (body.status === 'error') throw new BillinkApiError({ endpoint, code: undefined, description: String(body.message ?? ''), httpStatus, body: raw });
    // The dispute calls refuse with HTTP 400 {code, message, error: {code, message}} (spec §2.16).
    if (httpStatus >= 400 && body.code !== undefined && body.error && typeof body.error === 'object') {
      throw new BillinkApiError({ endpoint, code: String(body.code), description: String(body.message ?? body.error.message ?? ''), httpStatus, body: raw });
    }
  }
  if (httpStatus >= 400) throw new BillinkProtocolError({ endpoint, httpStatus, body: raw, reason: 'error status without an error body' });
}

/** A check or order input as the v2 JSON body: the same camelCase names, money as decimal text. */
export function v2Customer(map, input) {
  const body = {};
  const known = new Set(map.map(([name]) => name));
  for (const [name, value] of Object.entries(input)) {
    if (value === undefined || value === null || name === 'items') continue;
    if (!known.has(name)) throw new TypeError(`unknown field ${name}`);
    body[name] = name === 'orderAmount' ? amountText(value, name) : value;
  }
  return body;
}

export function v2OrderItems(items = []) {
  return items.map((item) => ({
    code: item.code,
    description: item.description,
    orderQuantity: item.quantity ?? 1,
    ...(item.priceExcl !== undefined ? { priceExcl: amountText(item.priceExcl, 'priceExcl') } : { priceIncl: amountText(item.priceIncl, 'priceIncl') }),
    btw: String(item.vatRate),
  }));
}

export { CHECK_FIELDS, ORDER_FIELDS };
