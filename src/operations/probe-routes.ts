/**
 * GET /health, GET /ready and GET /metrics (docs/operations.md): what container orchestrators and
 * Prometheus ask. Health is the process alone; readiness is what a request needs: a database that
 * answers, every migration of this version applied, and the job runner running where this process
 * runs jobs. Both answer JSON, 503 when not ready.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TOO_MANY_FAILURES, type FailedAuthLimit } from '../api/failed-auth-limit.js';
import type { Database } from '../store/database.js';
import { pendingMigrations } from '../store/migrate.js';
import type { Metrics } from './metrics.js';

export interface ProbeOptions {
  db: Database;
  /** 'off' when this process runs no jobs (JOBS=off), else whether its runner is running. */
  jobs(): 'off' | 'running' | 'stopped';
  metrics: Metrics | undefined;
  metricsToken: string | undefined;
  authLimit: FailedAuthLimit;
}

type Check = 'ok' | string;

export function probeRoutes(app: FastifyInstance, options: ProbeOptions): void {
  const { db } = options;
  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok', database: db.engine }));

  app.get('/ready', { schema: { hide: true } }, async (_request, reply) => {
    const checks: { database: Check; migrations: Check; jobs: Check } = { database: 'ok', migrations: 'ok', jobs: options.jobs() };
    try {
      await db.query('SELECT 1');
      const pending = await pendingMigrations(db);
      if (pending.length > 0) checks.migrations = `${pending.length} pending`;
    } catch {
      // No detail of the failure here: the answer may be public, the log has the error.
      checks.database = 'unavailable';
      checks.migrations = 'unknown';
    }
    const ready = checks.database === 'ok' && checks.migrations === 'ok' && checks.jobs !== 'stopped';
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', database: db.engine, checks });
  });

  const { metrics, metricsToken, authLimit } = options;
  if (!metrics) return;
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (metricsToken && !(await tokenAccepted(request, reply, metricsToken, authLimit))) return reply;
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(await metrics.text());
  });
}

/** Bearer METRICS_TOKEN, compared in constant time; a wrong one counts as a failed authentication. */
async function tokenAccepted(request: FastifyRequest, reply: FastifyReply, token: string, limit: FailedAuthLimit): Promise<boolean> {
  const given = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
  const accepted = !limit.blocked(request.ip) && given !== undefined && sameSecret(given, token);
  if (accepted) return true;
  if (limit.blocked(request.ip) || (given !== undefined && (await limit.failed(request.ip)))) {
    reply.code(429).header('retry-after', limit.retryAfterSeconds()).send(TOO_MANY_FAILURES);
  } else {
    reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').send({ status: 'error', message: 'Metrics need the bearer token METRICS_TOKEN' });
  }
  return false;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  const padded = Buffer.alloc(b.length);
  a.copy(padded, 0, 0, Math.min(a.length, b.length));
  return timingSafeEqual(padded, b) && a.length === b.length;
}
