/**
 * Buckaroo's HMAC scheme (spec buckaroo.md §2.2): base64 HMAC-SHA256, keyed with the secret key,
 * over websiteKey + METHOD + encoded URI + timestamp + nonce + base64(MD5(body)). The same scheme
 * signs requests, our responses (§2.3) and our pushes (§11.1).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** §2.2 step 1: 24 base64 characters of the binary MD5 of the body, or nothing when there is no body. */
export function contentHash(body: Buffer | string): string {
  return body.length === 0 ? '' : createHash('md5').update(body).digest('base64');
}

/**
 * §2.2 step 2: host[:port]/path?query, percent-encoded as one URL component, then the whole string
 * lower-cased. `php` encodes as PHP's urlencode and .NET's WebUtility.UrlEncode do (also ! ' ( ) * ~),
 * JavaScript's encodeURIComponent leaves those five alone; the two differ only for such characters.
 */
export function encodedUri(hostAndPath: string, style: 'js' | 'php' = 'js'): string {
  let encoded = encodeURIComponent(hostAndPath);
  if (style === 'php') encoded = encoded.replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  return encoded.toLowerCase();
}

export interface SignatureParts {
  websiteKey: string;
  method: string;
  /** Already encoded and lower-cased (encodedUri). */
  uri: string;
  timestamp: string;
  nonce: string;
  body: Buffer | string;
}

/** §2.2 steps 4 and 5: the 44-character base64 signature. */
export function signature(secret: string, parts: SignatureParts): string {
  const message = `${parts.websiteKey}${parts.method.toUpperCase()}${parts.uri}${parts.timestamp}${parts.nonce}${contentHash(parts.body)}`;
  return createHmac('sha256', secret).update(message, 'utf8').digest('base64');
}

/** §2.2 step 6: `hmac websiteKey:signature:nonce:timestamp`. */
export function authorizationHeader(secret: string, parts: SignatureParts): string {
  return `hmac ${parts.websiteKey}:${signature(secret, parts)}:${parts.nonce}:${parts.timestamp}`;
}

export interface ParsedAuthorization {
  websiteKey: string;
  signature: string;
  nonce: string;
  timestamp: string;
}

/** The scheme word is matched case-insensitively and may be left out, as the SDKs' push parsers allow (§2.2, §11.1). */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  if (!header) return undefined;
  const match = /^(?:hmac\s+)?([^:\s]+):([A-Za-z0-9+/=]+):([^:\s]+):(\d{1,12})$/i.exec(header.trim());
  if (!match) return undefined;
  const [, websiteKey = '', sig = '', nonce = '', timestamp = ''] = match;
  return { websiteKey, signature: sig, nonce, timestamp };
}

/** Constant-time comparison of two base64 signatures (house rule 6). */
export function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
