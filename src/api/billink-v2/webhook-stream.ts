/**
 * GET /v2/webhooks/stream: this merchant's webhooks as they happen, as Server-Sent Events
 * (WHATWG HTML §9.2), for `achteraf listen` on a laptop with no public URL. Ours: Billink
 * offers no stream. Authenticated with the merchant's Billink credentials as HTTP Basic
 * (`billinkUsername:billinkID`, RFC 7617), because an EventSource-style GET has no JSON body.
 *
 * Each event of the outbox becomes one `webhook` message carrying the exact body its webhook
 * carries and, when the merchant has generated a v3 secret, the timestamp and signature a v3
 * delivery would carry, so a receiver verifies it exactly as in production. `Last-Event-ID` (or
 * `?since=`) resumes after a given event; without it the stream starts with the next event.
 */
import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type {} from '@fastify/swagger';
import { authenticate } from '../../core/merchants/authenticate.js';
import { isDomainError } from '../../core/shared/errors.js';
import { signatureInput, unixSeconds } from '../../core/webhooks/signature.js';
import { type EventStreamRepository, streamedWebhook } from '../../core/webhooks/event-stream.js';
import type { V2Context } from './v2-context.js';
import { statusError } from './v2-errors.js';

/** How often an open stream looks for new events; a development tool, not a delivery path. */
const POLL_MS = 250;
/** A comment line keeps proxies and idle timers from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;
const BATCH = 100;

export const STREAM_PATH = '/v2/webhooks/stream';

const ERROR_SCHEMA = {
  type: 'object',
  properties: { status: { const: 'error' }, message: { type: 'string' } },
  required: ['status', 'message'],
} as const;

export function webhookStreamRoute(app: FastifyInstance, context: V2Context & { eventStream: EventStreamRepository }): void {
  const open = new Set<() => void>();
  // Fastify waits for open connections when it closes; end the streams first.
  app.addHook('preClose', async () => {
    for (const end of open) end();
  });

  app.get(STREAM_PATH, {
    schema: {
      summary: 'Live stream of this merchant\'s webhooks (Server-Sent Events), for achteraf listen',
      tags: ['v2', 'webhooks'],
      querystring: { type: 'object', properties: { since: { type: 'string', description: 'Resume after this event id' } } },
      response: {
        200: { description: 'text/event-stream: a `ready` message, then one `webhook` message per event', type: 'string' },
        401: ERROR_SCHEMA,
        404: ERROR_SCHEMA,
      },
    },
  }, async (request, reply) => {
    const credentials = basicCredentials(request.headers.authorization);
    if (!credentials) {
      return reply.code(401).header('www-authenticate', 'Basic realm="achteraf"')
        .send(statusError('Send Authorization: Basic base64(billinkUsername:billinkID)'));
    }
    let merchant;
    try {
      merchant = await authenticate(context.store.merchants, credentials.username, credentials.clientId);
    } catch (error) {
      if (isDomainError(error)) return reply.code(404).send(statusError('Client not found'));
      throw error;
    }
    const query = request.query as { since?: string };
    const resume = request.headers['last-event-id'] ?? query.since;
    let lastId = typeof resume === 'string' && /^\d{1,18}$/.test(resume) ? resume : await context.eventStream.latestId(merchant.id);
    const secret = await context.webhooks.settings.secret(merchant.id);

    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    send(raw, 'ready', undefined, {
      merchant: { username: merchant.username, code: merchant.code, sandbox: merchant.mode === 'sandbox' },
      signed: secret !== undefined,
      lastEventId: lastId,
    });

    let closed = false;
    let timer: NodeJS.Timeout | undefined;
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
    const end = () => {
      if (closed) return;
      closed = true;
      clearTimeout(timer);
      clearInterval(heartbeat);
      open.delete(end);
      raw.end();
    };
    open.add(end);
    request.raw.on('close', end);

    const poll = async () => {
      try {
        const events = await context.eventStream.after(merchant.id, lastId, BATCH);
        // The secret is read again for each batch: a newly generated one signs from then on.
        const key = events.length ? await context.webhooks.settings.secret(merchant.id) : undefined;
        for (const facts of events) {
          if (closed) return;
          const webhook = streamedWebhook(facts);
          const timestamp = key === undefined ? null : String(unixSeconds(new Date()));
          const signature = key === undefined || timestamp === null
            ? null
            : createHmac('sha256', key).update(signatureInput(Number(timestamp), webhook.body)).digest('hex');
          send(raw, 'webhook', webhook.eventId, { ...webhook, timestamp, signature });
          lastId = webhook.eventId;
        }
      } catch (error) {
        request.log.error({ err: error }, 'webhook stream failed');
        return end();
      }
      if (!closed) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, 0);
  });
}

function send(raw: FastifyReply['raw'], event: string, id: string | undefined, data: unknown): void {
  raw.write(`${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

function basicCredentials(header: string | undefined): { username: string; clientId: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) return undefined;
  return { username: decoded.slice(0, colon), clientId: decoded.slice(colon + 1) };
}
