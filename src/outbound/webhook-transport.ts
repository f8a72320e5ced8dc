/**
 * Posts one webhook and reports what happened, never throwing: a refused connection, a timeout
 * and an HTTP error are all outcomes to record. Node's fetch keeps connections alive per origin,
 * so a busy receiver is not paying a TCP handshake per delivery.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Clock } from '../core/shared/clock.js';
import { type AttemptOutcome, RESPONSE_BODY_LIMIT_BYTES } from '../core/webhooks/delivery-state.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, WEBHOOK_ID_HEADER, signatureInput, unixSeconds } from '../core/webhooks/signature.js';

export interface WebhookRequest {
  url: string;
  body: string;
  webhookId: string;
  /** Present for webhook v3: the request is signed with it. */
  secret: string | undefined;
}

export interface WebhookTransport {
  send(request: WebhookRequest): Promise<AttemptOutcome>;
}

/** A new v3 secret: 32 random bytes in base64 (spec §4.3). */
export function newWebhookSecret(): string {
  return randomBytes(32).toString('base64');
}

/** Lower-case hex HMAC-SHA256 of timestamp + body, keyed with the secret text as handed out (spec §4.3). */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(signatureInput(timestamp, body)).digest('hex');
}

export function createWebhookTransport(options: { clock: Clock; timeoutMs: number; userAgent?: string }): WebhookTransport {
  const userAgent = options.userAgent ?? 'Achteraf-Webhooks/1';
  return {
    async send(request) {
      const startedAt = options.clock.now();
      const started = performance.now();
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'user-agent': userAgent,
        [WEBHOOK_ID_HEADER]: request.webhookId,
      };
      if (request.secret !== undefined) {
        // The timestamp is that of this attempt, so a retry is not refused as stale by the receiver.
        const timestamp = unixSeconds(startedAt);
        headers[TIMESTAMP_HEADER] = String(timestamp);
        headers[SIGNATURE_HEADER] = signWebhook(request.secret, timestamp, request.body);
      }
      const signal = AbortSignal.timeout(options.timeoutMs);
      let httpStatus: number | undefined;
      let responseBody: string | undefined;
      let error: string | undefined;
      try {
        // A redirect is a non-2xx answer (a failure), never followed: the merchant set this URL.
        const response = await fetch(request.url, { method: 'POST', headers, body: request.body, redirect: 'manual', signal });
        httpStatus = response.status;
        responseBody = await readStart(response);
      } catch (caught) {
        error = describe(caught, signal, options.timeoutMs);
      }
      return { startedAt, httpStatus, latencyMs: performance.now() - started, responseBody, error };
    },
  };
}

/** The first kilobyte of the answer; the rest is not read, and a body cut off by the timeout keeps what arrived. */
async function readStart(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < RESPONSE_BODY_LIMIT_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // The status already decided the attempt; a broken body only shortens the log entry.
  } finally {
    reader.cancel().catch(() => {});
  }
  const bytes = Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT_BYTES);
  return new TextDecoder().decode(bytes);
}

function describe(caught: unknown, signal: AbortSignal, timeoutMs: number): string {
  if (signal.aborted) return `timeout after ${timeoutMs / 1000} s`;
  const error = caught as Error & { cause?: { code?: string; message?: string } };
  const cause = error.cause?.code ?? error.cause?.message;
  return cause ? `${error.message}: ${cause}` : error.message;
}
