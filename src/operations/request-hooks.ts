/**
 * Two cheap hooks on every request (docs/operations.md, "Request ids and access log"): the answer
 * gets its `X-Request-Id` and its wire code is read; when it has gone out, one access log line and
 * one metrics observation. Fastify's own request logging stays off: two lines per request cost a
 * third of the throughput (docs/benchmarks.md). The line holds no body, query or path values (paths
 * carry file and checkout tokens), only the route pattern.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { NewLoggedRequest } from '../core/request-log.js';
import type { Metrics } from './metrics.js';
import { wireCodeOf } from './wire-code.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The contract's result code of the answer ("-" when it has none), set when it is sent. */
    wireCode: string;
  }
}

export interface RequestHookOptions {
  metrics: Metrics | undefined;
  /** Legacy service names (`/api/<service>`) that become the route label; others stay `:service`. */
  legacyServices: ReadonlySet<string>;
  /** LOG_LEVEL: the access log is written at info, so from info down. */
  logLevel: string;
  /** The merchant's request log (request-log-writer.ts); absent: none is kept. */
  requestLog?: { add(record: NewLoggedRequest): void } | undefined;
}

/** Reading the logs is not logged, or `achteraf logs tail` would fill the log with its own polling. */
export const UNLOGGED_ROUTES: ReadonlySet<string> = new Set(['/v2/client/requests', '/v2/client/webhook/deliveries']);

export function installRequestHooks(app: FastifyInstance, options: RequestHookOptions): void {
  app.decorateRequest('wireCode', '-');
  app.decorateRequest('merchantUsername', undefined);
  const accessLog = ['info', 'debug', 'trace'].includes(options.logLevel);
  const { metrics, legacyServices, requestLog } = options;

  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    request.wireCode = wireCodeOf(payload);
    done(null, payload);
  });

  if (!accessLog && !metrics && !requestLog) return;
  app.addHook('onResponse', (request, reply, done) => {
    const route = routeOf(request, legacyServices);
    const ms = reply.elapsedTime;
    metrics?.observeRequest(request.method, route, reply.statusCode, request.wireCode, ms / 1000);
    if (accessLog) {
      request.log.info(
        { method: request.method, route, status: reply.statusCode, code: request.wireCode, ms: Math.round(ms * 10) / 10, merchant: request.merchantUsername },
        'request',
      );
    }
    const merchant = request.merchantUsername;
    if (requestLog && merchant !== undefined && !UNLOGGED_ROUTES.has(route)) {
      requestLog.add({
        merchant,
        at: new Date(),
        method: request.method,
        route,
        status: reply.statusCode,
        wireCode: request.wireCode,
        durationMs: ms,
        requestId: request.id,
      });
    }
    done();
  });
}

/** Route labels of legacy services, per pattern: made once, not on every request. */
const serviceLabels = new Map<string, Map<string, string>>();

function routeOf(request: FastifyRequest, legacyServices: ReadonlySet<string>): string {
  const pattern = request.routeOptions.url;
  if (pattern === undefined) return 'unmatched';
  if (!pattern.endsWith('/:service')) return pattern;
  const service = (request.params as { service?: string }).service;
  if (service === undefined || !legacyServices.has(service)) return pattern;
  let labels = serviceLabels.get(pattern);
  if (!labels) serviceLabels.set(pattern, (labels = new Map()));
  let label = labels.get(service);
  if (label === undefined) labels.set(service, (label = pattern.replace(':service', service)));
  return label;
}
