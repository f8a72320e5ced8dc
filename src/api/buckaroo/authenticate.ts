/**
 * Checks a request's `Authorization: hmac websiteKey:signature:nonce:timestamp` (spec buckaroo.md
 * §2). Buckaroo documents no clock tolerance or replay rule (§2.2, §14), so ours are: the timestamp
 * may be at most five minutes from our clock either way, and a nonce is refused when the same
 * website key used it inside that window (docs/buckaroo.md "Authentication").
 */
import type { Merchant } from '../../core/merchants/merchant.js';
import type { PspCredential } from '../../core/psp/psp-transactions.js';
import type { BuckarooContext } from './buckaroo-context.js';
import { encodedUri, parseAuthorization, sameSignature, signature } from './hmac.js';

export const TIMESTAMP_WINDOW_SECONDS = 300;

export interface SignedRequest {
  method: string;
  /** host[:port] as the client addressed it (the Host header). */
  host: string;
  /** Path and query exactly as received. */
  pathAndQuery: string;
  authorization: string | undefined;
  body: Buffer;
}

export type Authentication =
  | { ok: true; credential: PspCredential; merchant: Merchant; uri: string }
  | { ok: false; message: string };

export async function authenticateRequest(context: BuckarooContext, request: SignedRequest): Promise<Authentication> {
  const header = parseAuthorization(request.authorization);
  if (!header) return { ok: false, message: 'Authorization header missing or not in the form hmac websiteKey:signature:nonce:timestamp.' };
  const credential = await context.credentials.findByWebsiteKey(header.websiteKey);
  // The same answer for an unknown key and a wrong signature, so keys cannot be probed.
  const refused = { ok: false, message: 'The signature is not valid.' } as const;
  if (!credential) return refused;

  const now = context.requestClock.now();
  const seconds = Number(header.timestamp);
  if (Math.abs(now.getTime() / 1000 - seconds) > TIMESTAMP_WINDOW_SECONDS) {
    return { ok: false, message: `The timestamp is more than ${TIMESTAMP_WINDOW_SECONDS} seconds from the server's time.` };
  }
  // Both encodings of §2.2: JavaScript's encodeURIComponent and PHP's/.NET's urlencode. They
  // differ only for a path with one of ! ' ( ) * ~; for any other (which path it is, is no secret)
  // the second HMAC and body MD5 would be the first's again.
  const hostAndPath = `${request.host}${request.pathAndQuery}`;
  const js = encodedUri(hostAndPath, 'js');
  const php = encodedUri(hostAndPath, 'php');
  let uri: string | undefined;
  for (const candidate of js === php ? [js] : [js, php]) {
    const expected = signature(credential.secret, { ...header, method: request.method, uri: candidate, body: request.body });
    if (sameSignature(expected, header.signature)) uri = candidate;
  }
  if (!uri) return refused;

  const forgetBefore = new Date(now.getTime() - 2 * TIMESTAMP_WINDOW_SECONDS * 1000);
  if (!(await context.nonces.remember(credential.websiteKey, header.nonce, now, forgetBefore))) {
    return { ok: false, message: 'The nonce was used before.' };
  }
  const merchant = await context.store.merchants.findById(credential.merchantId);
  if (!merchant) return refused;
  return { ok: true, credential, merchant, uri };
}
