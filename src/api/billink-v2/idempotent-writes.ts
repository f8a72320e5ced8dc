/**
 * Idempotency keys on the v2 JSON writes (docs/v2-api.md "Idempotency keys"): one hook wraps the
 * handler of every route in IDEMPOTENT_WRITES, so no handler knows about keys. A request with an
 * `Idempotency-Key` header (or an `idempotencyKey` body field) runs inside one transaction that
 * first claims the key (core/idempotency); the answer is written in that same transaction before
 * it leaves, and a repeat with the same key and body replays it byte for byte with
 * `Idempotent-Replayed: true`. The handler finds that transaction in the context it is handed
 * (request-context.ts), built for the request on the transaction; unkeyed requests run with the
 * shared context, as before.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, onSendHookHandler, RouteOptions } from 'fastify';
import type {} from '@fastify/swagger';
import { type RecordedAnswer, validIdempotencyKey } from '../../core/idempotency/idempotency-keys.js';
import { authenticate } from '../../core/merchants/authenticate.js';
import { isDomainError } from '../../core/shared/errors.js';
import { MANAGEMENT_ERROR_SCHEMA } from './management-route.js';
import { createErrorBody } from './handlers/session-errors.js';
import { readSessionCredentials } from './handlers/session-request.js';
import { partnerKeyOf, sameSecret } from './handlers/merchant-create.js';
import { STATUS_ERROR_SCHEMA } from './schemas/common.js';
import { isRecord, readCredentials } from './v2-credentials.js';
import type { V2Context } from './v2-context.js';
import { runWithContext } from './request-context.js';
import { managementError, statusError } from './v2-errors.js';
import { isStatusFamily } from './routes.js';

/** How each write names its caller, whose keys are its own. */
type Scope = 'merchant' | 'session' | 'partner';

/** Every v2 JSON write; reads (order info, status, lists, settings) need no key. */
export const IDEMPOTENT_WRITES: ReadonlyMap<string, Scope> = new Map([
  ['/v2/client/check', 'merchant'],
  ['/v2/client/order', 'merchant'],
  ['/v2/client/order/start-workflow', 'merchant'],
  ['/v2/client/invoice/payment', 'merchant'],
  ['/v2/client/invoice/credit', 'merchant'],
  ['/v2/client/order/on-hold', 'merchant'],
  ['/v2/client/order/resume', 'merchant'],
  ['/v2/client/order/message', 'merchant'],
  ['/v2/session/create', 'session'],
  ['/v2/client/webhook-v3/secret/generate', 'merchant'],
  ['/v2/client/webhook-v3/set', 'merchant'],
  ['/v2/session/webhook-v3/set', 'merchant'],
  ['/v2/client/webhook/set', 'merchant'],
  ['/v2/client/webhook/disable', 'merchant'],
  ['/v2/session/webhook/disable', 'merchant'],
  ['/v2/client/webhook/replay', 'merchant'],
  ['/v2/client/billblend/control-key/rotate', 'merchant'],
  ['/v2/client/workflow/set', 'merchant'],
  ['/v2/partner/merchant/create', 'partner'],
  ['/v2/client/buckaroo/credentials/rotate', 'merchant'],
  ['/v2/client/checkout/return-domains/set', 'merchant'],
  ['/v2/client/order/dispute', 'merchant'],
  ['/v2/client/order/dispute/resolve', 'merchant'],
  ['/v2/client/buckaroo/push-url/set', 'merchant'],
  ['/v2/client/billblend/callback-url/set', 'merchant'],
]);

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** For clients that cannot set headers; no Billink body has a field of this name. */
export const IDEMPOTENCY_FIELD = 'idempotencyKey';

/**
 * Our codes for the flat error shape; no Billink table uses 480 or 481. The HTTP statuses are the
 * IETF draft's: 400 for a malformed key, 422 for a key reused with a different request.
 */
export const IDEMPOTENCY_ERRORS = {
  invalid: { httpStatus: 400, code: '480', message: 'Idempotency-Key must be 1 to 255 printable ASCII characters' },
  differs: { httpStatus: 400, code: '480', message: 'The Idempotency-Key header and the idempotencyKey field differ' },
  reused: { httpStatus: 422, code: '481', message: 'This Idempotency-Key was already used for a different request' },
} as const;

type IdempotencyError = (typeof IDEMPOTENCY_ERRORS)[keyof typeof IDEMPOTENCY_ERRORS];

/** The answer of a keyed request on its way out, handed from the onSend hook to the transaction. */
interface Pending {
  open: boolean;
  /** The hook handed the answer over; the reply is waiting for the transaction. */
  answered: boolean;
  answer: Promise<RecordedAnswer>;
  give(answer: RecordedAnswer): void;
  /** Settles once the transaction has committed (or rolled back); rejects when committing failed. */
  settled: Promise<void>;
  settle(error?: unknown): void;
}

const pendingAnswers = new WeakMap<FastifyRequest, Pending>();

export function idempotentWrites(app: FastifyInstance, context: V2Context): void {
  app.addHook('onRoute', (route) => {
    const scope = IDEMPOTENT_WRITES.get(route.url);
    if (!scope || route.method !== 'POST') return;
    describeKey(route);
    const handler = route.handler;
    route.onSend = [...asArray(route.onSend), holdAnswer];
    route.handler = async function keyed(this: FastifyInstance, request, reply) {
      const key = readKey(request);
      if (key === undefined) return handler.call(this, request, reply);
      if (typeof key !== 'string') return refuse(request, reply, key);
      const owner = await ownerOf(context, scope, request);
      // An unknown caller gets the handler's own answer to bad credentials; nothing is kept for it.
      if (!owner) return handler.call(this, request, reply);

      let pending: Pending | undefined;
      try {
        const outcome = await context.idempotency.runOnce(
          { scope: owner, key, fingerprint: fingerprint(request), at: context.clock.now() },
          async (inTransaction) => {
            runWithContext(request, inTransaction);
            pending = newPending();
            pendingAnswers.set(request, pending);
            // A handler that sends itself returns the reply, which is a thenable that settles only
            // once the answer has left, after this transaction: so wait for whichever comes first.
            const handled = Promise.resolve(handler.call(this, request, reply)).then((value) => ({ value }));
            handled.catch(() => {});
            const first = await Promise.race([handled, pending.answer.then(() => undefined)]);
            if (first && first.value !== reply) reply.send(first.value);
            const answer = await pending.answer;
            return worthKeeping(answer) ? answer : undefined;
          },
        );
        pending?.settle();
        if (outcome.kind === 'mismatch') return refuse(request, reply, IDEMPOTENCY_ERRORS.reused);
        if (outcome.kind === 'replay') {
          const { status, contentType, body } = outcome.answer;
          return reply.code(status).header('content-type', contentType).header('idempotent-replayed', 'true').send(Buffer.from(body));
        }
        return reply;
      } catch (error) {
        const answered = pending?.answered ?? false;
        pending?.settle(error);
        // Committing failed after the answer was handed over: the waiting hook fails, and Fastify
        // answers with the error instead. Before that, Fastify's error handler answers as usual.
        if (answered) return reply;
        throw error;
      }
    };
  });
}

/** onSend of a keyed write: gives the serialised answer to the transaction and waits for its commit. */
const holdAnswer: onSendHookHandler = async (request, reply, payload) => {
  const pending = pendingAnswers.get(request);
  if (!pending?.open) return payload;
  pending.open = false;
  pending.answered = true;
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload instanceof Uint8Array ? payload : undefined;
  if (!body) {
    // Every write answers JSON text; a stream could not be replayed, so its change is rolled back.
    pending.give({ status: 500, contentType: '', body: new Uint8Array() });
    await pending.settled.catch(() => {});
    throw new Error('An idempotent answer must be text or bytes');
  }
  pending.give({ status: reply.statusCode, contentType: String(reply.getHeader('content-type') ?? ''), body });
  await pending.settled;
  return payload;
};

function newPending(): Pending {
  let give!: (answer: RecordedAnswer) => void;
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const answer = new Promise<RecordedAnswer>((r) => (give = r));
  const settled = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  // The hook may never wait on it (a handler that failed before answering).
  settled.catch(() => {});
  const pending: Pending = {
    open: true,
    answered: false,
    answer,
    give,
    settled,
    settle(error) {
      pending.open = false;
      if (error === undefined) resolve();
      else reject(error);
    },
  };
  return pending;
}

function readKey(request: FastifyRequest): string | IdempotencyError | undefined {
  const header = request.headers[IDEMPOTENCY_HEADER];
  const field = isRecord(request.body) ? request.body[IDEMPOTENCY_FIELD] : undefined;
  if (header === undefined && field === undefined) return undefined;
  if (Array.isArray(header) || (field !== undefined && typeof field !== 'string')) return IDEMPOTENCY_ERRORS.invalid;
  const fromHeader = header === undefined ? undefined : validIdempotencyKey(header);
  const fromField = field === undefined ? undefined : validIdempotencyKey(field);
  if ((header !== undefined && !fromHeader) || (field !== undefined && !fromField)) return IDEMPOTENCY_ERRORS.invalid;
  if (fromHeader && fromField && fromHeader !== fromField) return IDEMPOTENCY_ERRORS.differs;
  return fromHeader ?? fromField;
}

/** The merchant's id, authenticated so that nobody can read another's answers; or `partner`. */
async function ownerOf(context: V2Context, scope: Scope, request: FastifyRequest): Promise<string | undefined> {
  if (scope === 'partner') {
    const key = partnerKeyOf(request);
    return context.partnerApiKey && key && sameSecret(key, context.partnerApiKey) ? 'partner' : undefined;
  }
  const body = isRecord(request.body) ? request.body : {};
  const credentials = scope === 'session' ? readSessionCredentials(body) : readCredentials(body);
  try {
    return (await authenticate(context.store.merchants, credentials.username, credentials.clientId)).id;
  } catch (error) {
    if (isDomainError(error)) return undefined;
    throw error;
  }
}

/**
 * SHA-256 of the method, the path with its query, and the body as canonical JSON (keys sorted,
 * the key field left out): the same request sent with other spacing or key order is the same.
 */
export function fingerprint(request: FastifyRequest): string {
  const body = isRecord(request.body) ? { ...request.body } : request.body;
  if (isRecord(body)) delete body[IDEMPOTENCY_FIELD];
  return createHash('sha256').update(`${request.method} ${request.url}\n${canonicalJson(body)}`).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Only answers that did something are kept. An error answer (an HTTP error status, or Billink's
 * flat `result: "error"`) changed nothing (house rule 6, and its transaction is rolled back whole),
 * so repeating it is harmless and the key stays free for the corrected request, as Stripe does for
 * requests that fail validation.
 */
function worthKeeping(answer: RecordedAnswer): boolean {
  if (answer.status >= 400) return false;
  try {
    const body: unknown = JSON.parse(Buffer.from(answer.body).toString('utf8'));
    return !(isRecord(body) && body.result === 'error');
  } catch {
    return true;
  }
}

function refuse(request: FastifyRequest, reply: FastifyReply, error: IdempotencyError): FastifyReply {
  reply.code(error.httpStatus);
  if (request.url.startsWith('/v2/session/create')) return reply.send(createErrorBody({ httpStatus: 400, message: error.message }));
  if (isStatusFamily(request.url)) return reply.send(statusError(error.message));
  return reply.send(managementError(error.code, error.message));
}

function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** The header, the body field and the two refusals, in the route's schema for the OpenAPI document. */
function describeKey(route: RouteOptions): void {
  const schema = (route.schema ??= {}) as Record<string, any>;
  const description =
    'Makes the request safe to retry: the first answer for this key is kept for 24 hours and replayed ' +
    'for a repeat with the same body (docs/v2-api.md "Idempotency keys")';
  schema.headers = {
    type: 'object',
    ...schema.headers,
    properties: {
      ...schema.headers?.properties,
      [IDEMPOTENCY_HEADER]: { type: 'string', minLength: 1, maxLength: 255, description },
    },
  };
  if (schema.body?.properties) {
    schema.body.properties[IDEMPOTENCY_FIELD] = {
      type: 'string',
      minLength: 1,
      maxLength: 255,
      description: 'The idempotency key, for clients that cannot set the Idempotency-Key header',
    };
  }
  const errorSchema = isStatusFamily(route.url) ? STATUS_ERROR_SCHEMA : MANAGEMENT_ERROR_SCHEMA;
  schema.response = {
    400: { ...errorSchema, description: 'The Idempotency-Key is malformed' },
    ...schema.response,
    422: { ...errorSchema, description: 'The Idempotency-Key was used for a different request' },
  };
}
