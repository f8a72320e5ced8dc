/**
 * DAPI signatures (spec §6.2): HMAC-SHA1 over a plain concatenation of field values, keyed with
 * the endpoint's control key with its dashes removed and hex-decoded. Emitted in upper-case hex
 * like PaynetEasy's reference proxy; read in either case, compared in constant time.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** The fields of "Initiate sale" `session.signature`, in the order of spec §6.2. */
export interface SaleSignatureFields {
  accessToken: string;
  serialNumber: string;
  endpointId: string;
  nonce: string;
  invoiceId: string;
  amountCentis: number;
  currency: string;
}

/** The HMAC key of a control key such as `5A4D1001-B11B-4E0D-A5E1-000000001001`; undefined when it is not hex. */
export function controlKeyBytes(controlKey: string): Buffer | undefined {
  const hex = controlKey.replaceAll('-', '');
  return hex.length > 0 && hex.length % 2 === 0 && /^[0-9a-fA-F]+$/.test(hex) ? Buffer.from(hex, 'hex') : undefined;
}

export function saleSignature(controlKey: string, fields: SaleSignatureFields): string {
  const key = controlKeyBytes(controlKey);
  if (!key) throw new Error('The control key of this endpoint is not a hex GUID');
  const message = [
    fields.accessToken, fields.serialNumber, fields.endpointId, fields.nonce, fields.invoiceId, String(fields.amountCentis), fields.currency,
  ].join('');
  return createHmac('sha1', key).update(message, 'utf8').digest('hex').toUpperCase();
}

/** Whether `given` is the signature of these fields, in either letter case. */
export function saleSignatureMatches(controlKey: string, fields: SaleSignatureFields, given: string): boolean {
  return sameText(saleSignature(controlKey, fields).toLowerCase(), given.toLowerCase());
}

/** What the store keeps of an access token: its SHA-256, so a database dump holds no live token. */
export function accessTokenDigest(accessToken: string): string {
  return createHash('sha256').update(accessToken, 'utf8').digest('hex');
}

/** Constant-time equality of two texts (house rule 6); different lengths are unequal. */
export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  // Compare equal-length buffers either way, so the time does not depend on where they differ.
  return timingSafeEqual(left, left.length === right.length ? right : left) && left.length === right.length;
}
