/**
 * The one place where everything is wired together: configuration, database, core context and
 * the wire contracts. Tests start the same server through `startServer`.
 */
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { PublicLinks } from './api/public-links.js';
import { legacyRoutes } from './api/billink-legacy/routes.js';
import { v2Routes } from './api/billink-v2/routes.js';
import swagger from '@fastify/swagger';
import { completeDocument } from './api/openapi/openapi-document.js';
import { referencePageRoutes } from './api/openapi/reference-page.js';
import { invoiceFileRoutes } from './api/invoice-files/routes.js';
import { checkoutRoutes } from './api/checkout/routes.js';
import { startSessionExpiry } from './jobs/session-expiry.js';
import type { Config } from './config.js';
import type { CoreContext } from './core/context.js';
import type { Clock } from './core/shared/clock.js';
import { FixedWindowLimiter } from './core/shared/fixed-window-limiter.js';
import type { Ids } from './core/shared/ids.js';
import { randomIds } from './runtime/random-ids.js';
import { systemClock } from './runtime/system-clock.js';
import { type Database, openPglite, openPostgres } from './store/database.js';
import { SqlInvoiceRepository } from './store/invoice-repository.js';
import { migrate } from './store/migrate.js';
import { seedSandbox } from './store/seed-sandbox.js';
import { createSqlStore, type SqlStore } from './store/sql-store.js';
import { type BackgroundJobs, startBackgroundJobs } from './jobs/background-jobs.js';
import { newWebhookSecret } from './outbound/webhook-transport.js';
import { signalDeliveriesOnCommit } from './store/webhook-commit-signal.js';
import { SqlWebhookLogRepository } from './store/webhook-log-repository.js';
import { SqlWebhookSettingsRepository } from './store/webhook-settings-repository.js';
import { joinableTransactions } from './store/joinable-transactions.js';
import { SqlIdempotencyKeys } from './store/idempotency-repository.js';
import { startIdempotencyKeyPrune } from './jobs/idempotency-key-prune.js';

/** Loaded on the first PDF: pdfkit and its fonts hold about 20 MB that a server may never need (docs/benchmarks.md). */
const renderInvoicePdf: typeof import('./outbound/invoice-pdf.js').renderInvoicePdf = async (...args) =>
  (await import('./outbound/invoice-pdf.js')).renderInvoicePdf(...args);

export interface RunningServer {
  /** Base of the links the server hands out. */
  links: PublicLinks;
  app: FastifyInstance;
  /** Where the server listens, e.g. http://127.0.0.1:8080. */
  url: string;
  store: SqlStore;
  close(): Promise<void>;
}

export interface Overrides {
  clock?: Clock;
  ids?: Ids;
}

export async function openDatabase(config: Config): Promise<Database> {
  return config.databaseUrl
    ? openPostgres({ url: config.databaseUrl, schema: config.databaseSchema, poolSize: config.databasePoolSize })
    : openPglite(config.dataDir === ':memory:' ? undefined : config.dataDir);
}

export async function startServer(config: Config, overrides: Overrides = {}): Promise<RunningServer> {
  const db = await openDatabase(config);
  try {
    await migrate(db);
    await seedSandbox(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  // A commit that queued webhook deliveries wakes the in-process delivery job at once.
  let jobs: BackgroundJobs | undefined;
  // Joinable, so an idempotent write's key row, change and answer share one transaction.
  const shared = joinableTransactions(signalDeliveriesOnCommit(db, () => jobs?.wakeDeliveries()));
  const store = createSqlStore(shared);
  const idempotency = new SqlIdempotencyKeys(shared);
  const context: CoreContext = {
    store,
    clock: overrides.clock ?? systemClock,
    ids: overrides.ids ?? randomIds,
    settings: {
      checkValidityMinutes: config.checkValidityMinutes,
      creditLimits: { privateExposure: config.exposureLimitPrivate, businessExposure: config.exposureLimitBusiness },
    },
  };

  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Credentials and personal data never reach the log (house rule 6).
      redact: ['req.headers.authorization', 'req.body'],
    },
    // Access logs cost a third of the throughput on the hot XML routes; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
  });
  app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    if (error.statusCode && error.statusCode < 500) return reply.code(error.statusCode).send({ error: error.message });
    request.log.error({ err: error }, 'unexpected error');
    return reply.code(500).send({ error: 'Internal error', requestId: request.id });
  });

  // PUBLIC_URL, or else the address the server listens on (known only after listen).
  const links: PublicLinks = { baseUrl: config.publicUrl ?? '' };
  app.get('/health', async () => ({ status: 'ok', database: db.engine }));
  // One limit per merchant for legacy Status and v2 order info together.
  const statusLimiter = new FixedWindowLimiter(config.statusRateLimitPerMinute);
  await app.register(async (scope) =>
    legacyRoutes(scope, {
      ...context,
      statusLimiter,
      links,
    }),
  );
  // The OpenAPI document is generated from the v2 route schemas, so it cannot drift from them.
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Achteraf — Billink v2 compatible API', version: '2' },
    },
    hideUntagged: true,
  });
  await app.register(async (scope) =>
    v2Routes(scope, {
      ...context,
      links,
      statusLimiter,
      partnerApiKey: config.partnerApiKey,
      idempotency,
      renderInvoicePdf: (invoice, merchant) => renderInvoicePdf(invoice, merchant),
      webhooks: {
        merchants: store.merchants,
        settings: new SqlWebhookSettingsRepository(store.db),
        log: new SqlWebhookLogRepository(store.db),
        clock: context.clock,
        newSecret: newWebhookSecret,
      },
    }),
  );
  app.get('/v2/openapi.json', { schema: { hide: true } }, async () => completeDocument(app.swagger() as Record<string, unknown>));
  referencePageRoutes(app);

  const invoices = new SqlInvoiceRepository(db);
  await app.register(async (scope) =>
    invoiceFileRoutes(scope, {
      merchants: store.merchants,
      findByFileToken: (token) => invoices.findByFileToken(token),
      renderPdf: (invoice, merchant) => renderInvoicePdf(invoice, merchant),
    }),
  );
  await app.register(async (scope) => checkoutRoutes(scope, { ...context, links }));

  const url = await app.listen({ host: config.host, port: config.port });
  links.baseUrl ||= url;
  // Checkout sessions expire on the core's clock, the one that stamped their expiry.
  const sessionExpiry = startSessionExpiry(context, {
    intervalMs: config.sessionExpiryIntervalMs,
    onError: (error) => app.log.error({ err: error }, 'session expiry sweep failed'),
  });
  // Webhook delivery and mail run in this process unless JOBS=off (then `npm run worker` does).
  // Jobs keep real time even when the core runs on a test clock, or retries would never fall due.
  const idempotencyPrune = startIdempotencyKeyPrune(idempotency, context.clock, (error) =>
    app.log.error({ err: error }, 'idempotency key prune failed'),
  );
  if (config.jobs) jobs = startBackgroundJobs({ db: store.db, settings: config, clock: systemClock, log: app.log });
  return {
    app,
    url,
    links,
    store,
    async close() {
      await app.close();
      await jobs?.stop();
      await sessionExpiry.stop();
      await idempotencyPrune.stop();
      await db.close();
    },
  };
}
