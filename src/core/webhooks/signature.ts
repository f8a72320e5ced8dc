/**
 * Webhook v3 signing (spec §4.3). The receiver recomputes a lower-case hex HMAC-SHA256 over the
 * timestamp header followed directly by the raw body, keyed with the secret text exactly as
 * `secret/generate` returned it (base64 characters, not the decoded bytes), and compares.
 */

/** Header names: Billink's docs name only X-Billink-Webhook-Id; the other two are our choice (docs/webhooks.md). */
export const SIGNATURE_HEADER = 'X-Billink-Signature';
export const TIMESTAMP_HEADER = 'X-Billink-Timestamp';
export const WEBHOOK_ID_HEADER = 'X-Billink-Webhook-Id';

/** Receivers should refuse a signed request whose timestamp is further than this from their clock. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** What is signed: the Unix-seconds timestamp as decimal text, then the body, no separator, no prefix. */
export function signatureInput(unixSeconds: number, body: string): string {
  return `${unixSeconds}${body}`;
}

export function unixSeconds(at: Date): number {
  return Math.floor(at.getTime() / 1000);
}
