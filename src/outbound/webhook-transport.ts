/**
 * Posts one webhook and reports what happened, never throwing: a refused connection, a timeout
 * and an HTTP error are all outcomes to record. node:http with keep-alive agents rather than
 * fetch: on Node 20 it costs a fifth of the CPU per request, which is most of what a delivery
 * costs (docs/webhooks.md "How it works inside").
 */
import { randomBytes } from 'node:crypto';
import { Agent as HttpAgent, type ClientRequest, type IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Clock } from '../core/shared/clock.js';
import { type AttemptOutcome, RESPONSE_BODY_LIMIT_BYTES, responseExcerpt } from '../core/webhooks/delivery-state.js';
import type { WebhookTargets } from '../core/webhooks/webhook-ports.js';
import { guardedLookup, literalRefusal } from './webhook-target-guard.js';

export interface WebhookRequest {
  /** POST with the body (default); GET sends no body (BillBlend's callback, spec billblend.md §7.1). */
  method?: 'GET' | 'POST';
  url: string;
  body: string;
  /** The contract's own headers (ids, signatures), from its signer (core/webhooks/notifications.ts). */
  headers: Readonly<Record<string, string>>;
}

export interface WebhookTransport {
  send(request: WebhookRequest): Promise<AttemptOutcome>;
}

/** A new v3 secret: 32 random bytes in base64 (spec §4.3). */
export function newWebhookSecret(): string {
  return randomBytes(32).toString('base64');
}

export function createWebhookTransport(options: { clock: Clock; timeoutMs: number; targets: WebhookTargets; userAgent?: string }): WebhookTransport {
  const userAgent = options.userAgent ?? 'Achteraf-Webhooks/1';
  // Every new connection resolves through the guard and connects to the address it checked;
  // kept-alive connections were made the same way (webhook-target-guard.ts).
  const lookup = guardedLookup(options.targets);
  const agents = { http: new HttpAgent({ keepAlive: true, lookup }), https: new HttpsAgent({ keepAlive: true, lookup }) };
  return {
    async send(request) {
      const startedAt = options.clock.now();
      const started = performance.now();
      const refusal = refusalOf(options.targets, request.url);
      if (refusal !== undefined) return { startedAt, httpStatus: undefined, latencyMs: performance.now() - started, responseBody: undefined, error: refusal };
      const method = request.method ?? 'POST';
      const headers: Record<string, string> = {
        ...(method === 'POST' ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(request.body)) } : {}),
        'user-agent': userAgent,
        ...request.headers,
      };
      const body = method === 'POST' ? request.body : undefined;
      let answer = await send(method, request.url, headers, body, agents, options.timeoutMs);
      // A kept-alive connection the receiver closed just before we reused it fails before the
      // request reached anyone; Node's documentation advises sending again on a fresh one.
      if (answer.staleConnection) answer = await send(method, request.url, headers, body, agents, options.timeoutMs);
      return { startedAt, httpStatus: answer.httpStatus, latencyMs: performance.now() - started, responseBody: answer.responseBody, error: answer.error };
    },
  };
}

/** Literal private addresses and local names are refused before any socket exists; so is a URL that no longer parses. */
function refusalOf(targets: WebhookTargets, url: string): string | undefined {
  try {
    return literalRefusal(targets, new URL(url));
  } catch {
    return 'refused: not a valid URL';
  }
}

interface Answer {
  httpStatus: number | undefined;
  responseBody: string | undefined;
  error: string | undefined;
  staleConnection: boolean;
}

/**
 * One request within `timeoutMs` from connecting to the last byte. A redirect is a non-2xx answer (a
 * failure), never followed: the merchant set this URL, and a redirect could point anywhere. Only a
 * short excerpt of the answer is kept; the rest is read and dropped so the connection can be used
 * again.
 */
function send(
  method: 'GET' | 'POST',
  url: string,
  headers: Record<string, string>,
  body: string | undefined,
  agents: { http: HttpAgent; https: HttpsAgent },
  timeoutMs: number,
): Promise<Answer> {
  return new Promise((resolve) => {
    const secure = url.startsWith('https:');
    let request: ClientRequest;
    try {
      request = (secure ? httpsRequest : httpRequest)(url, { method, headers, agent: secure ? agents.https : agents.http });
    } catch (error) {
      resolve({ httpStatus: undefined, responseBody: undefined, error: (error as Error).message, staleConnection: false });
      return;
    }
    let response: IncomingMessage | undefined;
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (error: string | undefined, staleConnection = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        httpStatus: response?.statusCode,
        responseBody: response ? responseExcerpt(new TextDecoder().decode(Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT_BYTES))) : undefined,
        // Once the status arrived it decides the attempt; a body cut short only shortens the log.
        error: response ? undefined : error,
        staleConnection,
      });
    };
    const timer = setTimeout(() => {
      finish(`timeout after ${timeoutMs / 1000} s`);
      request.destroy();
    }, timeoutMs);
    request.on('response', (incoming) => {
      response = incoming;
      incoming.on('data', (chunk: Buffer) => {
        if (size < RESPONSE_BODY_LIMIT_BYTES) chunks.push(chunk);
        size += chunk.length;
      });
      incoming.on('close', () => finish(undefined));
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      finish(error.message, !response && request.reusedSocket && error.code === 'ECONNRESET');
    });
    request.end(body);
  });
}
