/**
 * The Buckaroo-compatible JSON gateway under /json/ (spec buckaroo.md §1). Paths are matched in
 * any case and with or without a trailing slash (the PHP SDK posts to `json/Transaction/`, .NET
 * writes `/json/transaction`); the signature is checked over the path exactly as received (§2.2),
 * so the body is kept as raw bytes; every answer to an authenticated request is signed (§2.3).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Merchant } from '../../core/merchants/merchant.js';
import type { PspCredential } from '../../core/psp/psp-transactions.js';
import { authenticateRequest } from './authenticate.js';
import type { BuckarooContext } from './buckaroo-context.js';
import { authorizationHeader } from './hmac.js';
import { parseWithDecimals } from './decimal-json.js';
import { field, list, type Lowered, text } from './request-body.js';
import { specification } from './specification.js';
import { handleDataRequest } from './data-request.js';
import { handleTransaction } from './transaction-actions.js';
import {
  cancelTransaction,
  keysOf,
  refundInfo,
  refundInfos,
  transactionStatus,
  transactionStatuses,
} from './transaction-reads.js';

/** For Fastify's rewriteUrl (main.ts): any spelling of the /json/ prefix reaches these routes; request.originalUrl keeps the original. */
export function buckarooRewrite(url: string): string {
  return /^\/json(\/|$)/i.test(url) ? url.replace(/^\/json/i, '/json') : url;
}

interface Signing {
  websiteKey: string;
  secret: string;
  method: string;
  uri: string;
}

const signings = new WeakMap<FastifyRequest, Signing>();

type Answer = { status: number; body: unknown };
const notFound = (message: string): Answer => ({ status: 404, body: { Message: message } });

export async function buckarooRoutes(app: FastifyInstance, context: BuckarooContext): Promise<void> {
  // Raw bytes for the content hash (§2.2 step 1); the Node SDK also sends a JSON type on GETs.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.addHook('onSend', async (request, reply, payload) => {
    const signing = signings.get(request);
    if (!signing || typeof payload !== 'string') return payload;
    const now = context.requestClock.now();
    reply.header(
      'authorization',
      authorizationHeader(signing.secret, {
        websiteKey: signing.websiteKey,
        method: signing.method,
        uri: signing.uri,
        timestamp: String(Math.floor(now.getTime() / 1000)),
        nonce: randomUUID().replaceAll('-', ''),
        body: payload,
      }),
    );
    return payload;
  });

  app.route({
    method: ['GET', 'POST'],
    url: '/json/*',
    handler: async (request, reply) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const authentication = await authenticateRequest(context, {
        method: request.method,
        host: request.headers.host ?? '',
        pathAndQuery: request.originalUrl,
        authorization: request.headers.authorization,
        body: raw,
      });
      if (!authentication.ok) return send(reply, { status: 401, body: { Message: authentication.message } });
      const { credential, merchant, uri } = authentication;
      signings.set(request, { websiteKey: credential.websiteKey, secret: credential.secret, method: request.method, uri });

      let body: Lowered = null;
      if (raw.length > 0) {
        try {
          body = parseWithDecimals(raw.toString('utf8'));
        } catch {
          return send(reply, { status: 400, body: { Message: 'The body is not valid JSON.' } });
        }
      }
      try {
        return send(reply, await route(context, merchant, credential, request.method, request.originalUrl, body));
      } catch (error) {
        request.log.error({ err: error }, 'unexpected error on the Buckaroo gateway');
        return send(reply, { status: 500, body: { Message: `Technical failure; request ${request.id}.` } });
      }
    },
  });
}

function send(reply: FastifyReply, answer: Answer) {
  return reply.code(answer.status).type('application/json; charset=utf-8').send(JSON.stringify(answer.body));
}

async function route(
  context: BuckarooContext,
  merchant: Merchant,
  credential: PspCredential,
  method: string,
  url: string,
  body: Lowered,
): Promise<Answer> {
  const [pathPart = '', query = ''] = url.split('?', 2);
  const path = pathPart.toLowerCase().replace(/\/+$/, '');
  const segments = path.split('/').slice(2);
  const [root, sub, argument] = segments;
  const key = argument === undefined ? '' : decodeURIComponent(segments.slice(2).join('/'));
  const post = method === 'POST';

  if (root === 'transaction' && sub === undefined && post) return { status: 200, body: await handleTransaction(context, merchant, credential, body) };
  if (root === 'datarequest' && sub === undefined && post) return { status: 200, body: await handleDataRequest(context, merchant, body) };
  if ((root === 'transaction' || root === 'datarequest') && sub === 'specification' && argument && !post && segments.length === 3) {
    const version = Number([...new URLSearchParams(query)].find(([name]) => name.toLowerCase() === 'serviceversion')?.[1] ?? 0) || 0;
    const spec = specification(key, version);
    return spec ? { status: 200, body: spec } : notFound(`The service ${key} is not available.`);
  }
  if ((root === 'transaction' || root === 'datarequest') && sub === 'specifications' && post && segments.length === 2) {
    // At most twenty services per call, like the batch limits elsewhere (house rule 6).
    const found = list(field(body, 'services'))
      .slice(0, 20)
      .map((service) => specification(text(field(service, 'name')) ?? '', Number(text(field(service, 'version')) ?? 0) || 0))
      .filter(Boolean);
    return { status: 200, body: { Services: found } };
  }
  if (root !== 'transaction' || segments.length > 3) return notFound('No such endpoint.');
  if (sub === 'status' && argument && !post) {
    const status = await transactionStatus(context, merchant, key);
    return status ? { status: 200, body: status } : notFound('Transaction not found.');
  }
  if (sub === 'statuses' && post && !argument) {
    const keys = keysOf(body, 'Transactions', 'Key');
    return keys ? { status: 200, body: await transactionStatuses(context, merchant, keys) } : badList('Transactions');
  }
  if (sub === 'refundinfo' && argument && !post) {
    const info = await refundInfo(context, merchant, key);
    return info ? { status: 200, body: info } : notFound('Transaction not found.');
  }
  if (sub === 'refundinfos' && post && !argument) {
    const keys = keysOf(body, 'RefundInfoCollection', 'TransactionKey');
    return keys ? { status: 200, body: await refundInfos(context, merchant, keys) } : badList('RefundInfoCollection');
  }
  if (sub === 'cancel' && argument && !post) return { status: 200, body: await cancelTransaction(context, merchant, key) };
  if (sub === 'cancelmultiple' && post && !argument) {
    const keys = keysOf(body, 'Transactions', 'Key');
    if (!keys) return badList('Transactions');
    const Transactions = [];
    for (const one of keys) Transactions.push(await cancelTransaction(context, merchant, one));
    return { status: 200, body: { Transactions } };
  }
  return notFound('No such endpoint.');
}

function badList(name: string): Answer {
  return { status: 400, body: { Message: `${name} must list 1 to 100 transactions.` } };
}
