/**
 * Verifying a Buckaroo push from Achteraf's gateway (docs/buckaroo.md "Pushes"): the
 * Authorization header `hmac <websiteKey>:<signature>:<nonce>:<unix seconds>` is the base64
 * HMAC-SHA256, keyed with the secret key, of website key + POST + the push URL without its scheme
 * (host, path and query, percent-encoded as one URL component and lower-cased) + time + nonce +
 * base64(MD5(body)), as Buckaroo signs requests (spec buckaroo.md §2.2, §11.1).
 *
 * The server signs the raw body, which is compact JSON as JSON.stringify writes it, so it is also
 * what the Node SDK hashes (JSON.stringify(JSON.parse(body))): a body a framework parsed and
 * handed on as an object still verifies. The URI is tried in both encodings of §2.2
 * (encodeURIComponent, and PHP's/.NET's, which also encode ! ' ( ) * ~).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookVerificationError } from './errors.js';

/** Pushes are signed afresh on every attempt, so the webhooks' five minutes apply. */
export const BUCKAROO_PUSH_TOLERANCE_SECONDS = 300;
export const BUCKAROO_DELIVERY_ID_HEADER = 'x-achteraf-delivery-id';

/** The Authorization header for a push body, as the server computes it (for tests of a receiver). */
export function signBuckarooPush({ websiteKey, secretKey, url, body, timestamp, nonce }) {
  return `hmac ${websiteKey}:${pushSignature(secretKey, websiteKey, encodedUri(url, 'js'), String(timestamp), nonce, body)}:${nonce}:${timestamp}`;
}

/**
 * Checks a push and returns `{ transaction, websiteKey, deliveryId }`. `url` is the push URL as
 * configured (with scheme); `rawBody` the bytes received, or the parsed object; `headers` a
 * Headers object, Node's IncomingHttpHeaders or a plain record. `websiteKey`, when given, must be
 * the header's. Throws WebhookVerificationError when anything does not check out.
 */
export function verifyBuckarooPush({ secretKey, websiteKey, url, rawBody, headers, toleranceSeconds = BUCKAROO_PUSH_TOLERANCE_SECONDS, now = new Date() }) {
  const parsed = /^(?:hmac\s+)?([^:\s]+):([A-Za-z0-9+/=]+):([^:\s]+):(\d{1,12})$/i.exec(String(header(headers, 'authorization') ?? '').trim());
  if (!parsed) throw new WebhookVerificationError('no Authorization header of the form hmac websiteKey:signature:nonce:timestamp');
  const [, key, signature, nonce, timestamp] = parsed;
  if (websiteKey !== undefined && key !== websiteKey) throw new WebhookVerificationError(`signed for website key ${key}`);
  const skew = Math.abs(Math.floor(now.getTime() / 1000) - Number(timestamp));
  if (skew > toleranceSeconds) throw new WebhookVerificationError(`timestamp is ${skew} s away from this clock (tolerance ${toleranceSeconds} s)`);
  const bodies = candidateBodies(rawBody);
  const matches = bodies.some((body) =>
    ['js', 'php'].some((style) => sameText(pushSignature(secretKey, key, encodedUri(url, style), timestamp, nonce, body), signature)),
  );
  if (!matches) throw new WebhookVerificationError('signature does not match');
  let payload;
  try {
    payload = JSON.parse(bodies[bodies.length - 1]);
  } catch {
    throw new WebhookVerificationError('body is not JSON');
  }
  if (!payload || typeof payload.Transaction !== 'object' || payload.Transaction === null) throw new WebhookVerificationError('body has no Transaction');
  return { transaction: payload.Transaction, websiteKey: key, deliveryId: header(headers, BUCKAROO_DELIVERY_ID_HEADER) };
}

function candidateBodies(rawBody) {
  if (rawBody !== null && typeof rawBody === 'object' && !(rawBody instanceof Uint8Array)) return [JSON.stringify(rawBody)];
  const text = typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody ?? '').toString('utf8');
  try {
    const canonical = JSON.stringify(JSON.parse(text));
    return canonical === text ? [text] : [text, canonical];
  } catch {
    return [text];
  }
}

function pushSignature(secretKey, websiteKey, uri, timestamp, nonce, body) {
  const hash = body.length === 0 ? '' : createHash('md5').update(body, 'utf8').digest('base64');
  return createHmac('sha256', secretKey).update(`${websiteKey}POST${uri}${timestamp}${nonce}${hash}`, 'utf8').digest('base64');
}

function encodedUri(url, style) {
  const parsed = new URL(url);
  let encoded = encodeURIComponent(`${parsed.host}${parsed.pathname}${parsed.search}`);
  if (style === 'php') encoded = encoded.replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  return encoded.toLowerCase();
}

function sameText(expected, given) {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function header(headers, name) {
  if (!headers) return undefined;
  if (typeof headers.get === 'function') return headers.get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
  return undefined;
}
