/**
 * Webhook settings, the delivery log, the live stream, and verifying a v3 signature (spec §4.3,
 * docs/webhooks.md): lower-case hex HMAC-SHA256, keyed with the secret text as generated, over
 * the X-Billink-Timestamp value followed directly by the raw body.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { BillinkApiError, BillinkConnectionError, BillinkProtocolError, WebhookVerificationError } from './errors.js';

export const SIGNATURE_HEADER = 'x-billink-signature';
export const TIMESTAMP_HEADER = 'x-billink-timestamp';
export const WEBHOOK_ID_HEADER = 'x-billink-webhook-id';
/** Billink's receivers refuse signatures older or newer than five minutes (docs/webhooks.md). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export const ORDER_EVENTS = Object.freeze([
  'order_placed', 'order_workflow_started', 'partial_payment_added', 'order_paid', 'customer_fully_paid',
  'partial_credit_added', 'order_fully_accredited', 'order_on_hold',
]);
/** Achteraf's life-cycle events (docs/webhooks.md); a Billink receiver may ignore them. */
export const EXTENSION_EVENTS = Object.freeze([
  'order_resumed', 'invoice_sent', 'workflow_step_changed', 'workflow_step_restarted', 'collection_costs_added',
  'dispute_opened', 'dispute_resolved', 'order_paid_out',
]);
export const SESSION_STATUSES = Object.freeze(['session_active', 'order_created', 'cancelled', 'failed', 'session_expired']);

/** The hex signature for a timestamp and body, as the server computes it. */
export function signWebhook(secret, timestamp, rawBody) {
  return createHmac('sha256', secret).update(`${timestamp}${rawBody}`).digest('hex');
}

/**
 * Checks the signature and the timestamp of a v3 webhook and returns the typed event.
 * `headers` may be a Headers object, Node's IncomingHttpHeaders or a plain record.
 * Throws WebhookVerificationError when anything does not check out.
 */
export function verifyWebhook({ secret, rawBody, headers, toleranceSeconds = DEFAULT_TOLERANCE_SECONDS, now = new Date() }) {
  const body = typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8');
  const signature = header(headers, SIGNATURE_HEADER);
  const timestamp = header(headers, TIMESTAMP_HEADER);
  if (!signature) throw new WebhookVerificationError('no X-Billink-Signature header');
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) throw new WebhookVerificationError('no valid X-Billink-Timestamp header');
  // A captured request stops working once it is older than the tolerance; the same bound the
  // other way absorbs a sender whose clock runs ahead.
  const skew = Math.abs(Math.floor(now.getTime() / 1000) - Number(timestamp));
  if (skew > toleranceSeconds) throw new WebhookVerificationError(`timestamp is ${skew} s away from this clock (tolerance ${toleranceSeconds} s)`);
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature.trim().toLowerCase());
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new WebhookVerificationError('signature does not match');
  return parseWebhook(body, header(headers, WEBHOOK_ID_HEADER));
}

/** The typed payload of an order or session webhook (unsigned classic webhooks included). */
export function parseWebhook(rawBody, webhookId) {
  let payload;
  try {
    payload = JSON.parse(typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8'));
  } catch {
    throw new WebhookVerificationError('body is not JSON');
  }
  if (payload && typeof payload.event === 'string') return { kind: 'order', webhookId, payload };
  if (payload && typeof payload.status === 'string' && 'transactionId' in payload) return { kind: 'session', webhookId, payload };
  throw new WebhookVerificationError('body is neither an order nor a session webhook');
}

function header(headers, name) {
  if (!headers) return undefined;
  if (typeof headers.get === 'function') return headers.get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
  return undefined;
}

export class WebhooksApi {
  #t;
  #options;
  constructor(transport, options) {
    this.#t = transport;
    this.#options = options;
  }

  /** A new signing secret for both v3 webhooks; the old one stops working at once. */
  async generateSecret(call) {
    return (await this.#t.post('generateSecret', this.#t.credentials(), call)).secret;
  }

  /** Sets the order webhook, signed (v3) by default or classic with `signed: false`. */
  async setOrderWebhook(input, call) {
    await this.#t.post(input.signed === false ? 'setClassicOrderWebhook' : 'setOrderWebhook', { ...this.#t.credentials(), url: input.url }, call);
  }

  async setSessionWebhook(input, call) {
    await this.#t.post('setSessionWebhook', { ...this.#t.credentials(), url: input.url }, call);
  }

  async disableOrderWebhook(call) {
    await this.#t.post('disableOrderWebhook', this.#t.credentials(), call);
  }

  async disableSessionWebhook(call) {
    await this.#t.post('disableSessionWebhook', this.#t.credentials(), call);
  }

  /** The delivery log, newest first. */
  async deliveries(query = {}, call) {
    const { status: _status, ...page } = await this.#t.post('deliveries', { ...this.#t.credentials(), ...query }, call);
    return page;
  }

  async replay(deliveryId, call) {
    const { deliveryId: id, webhookId } = await this.#t.post('replay', { ...this.#t.credentials(), deliveryId: String(deliveryId) }, call);
    return { deliveryId: id, webhookId };
  }

  /**
   * Achteraf's live stream of this merchant's webhooks (GET /v2/webhooks/stream, Server-Sent
   * Events; not offered by Billink). Yields `{type:'ready', ...}` once, then one
   * `{type:'webhook', ...}` per event as it happens. Ends when `signal` aborts.
   */
  async *stream({ since, signal } = {}) {
    const { username, clientId } = this.#options.credentials();
    const query = since === undefined ? '' : `?since=${encodeURIComponent(since)}`;
    const fetchImpl = this.#options.fetch ?? globalThis.fetch;
    let response;
    try {
      response = await fetchImpl(`${this.#options.baseUrl}/v2/webhooks/stream${query}`, {
        headers: { accept: 'text/event-stream', authorization: `Basic ${Buffer.from(`${username}:${clientId}`).toString('base64')}` },
        signal,
      });
    } catch (error) {
      if (signal?.aborted) return;
      throw new BillinkConnectionError('webhookStream', error);
    }
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok || !type.startsWith('text/event-stream')) {
      const raw = await response.text();
      let message = raw;
      try {
        message = JSON.parse(raw).message ?? raw;
      } catch {}
      if (response.status >= 400 && response.status < 500) throw new BillinkApiError({ endpoint: 'webhookStream', code: undefined, description: message, httpStatus: response.status, body: raw });
      throw new BillinkProtocolError({ endpoint: 'webhookStream', httpStatus: response.status, body: raw, reason: 'not an event stream' });
    }
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
          const message = parseSseBlock(block);
          if (message) yield message;
        }
      }
    } catch (error) {
      if (signal?.aborted) return;
      throw error;
    }
  }
}

/** One Server-Sent Events block (WHATWG HTML §9.2): `event:`, `id:` and `data:` lines; comments skipped. */
export function parseSseBlock(block) {
  let event = 'message';
  let id;
  const data = [];
  for (const line of block.split(/\r?\n/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'id') id = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return undefined;
  return { type: event, id, ...JSON.parse(data.join('\n')) };
}
