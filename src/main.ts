/**
 * The one place where everything is wired together: configuration, database, core context and
 * the wire contracts. Tests start the same server through `startServer`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { PublicLinks } from './api/public-links.js';
import { legacyRoutes } from './api/billink-legacy/routes.js';
import { v2Routes } from './api/billink-v2/routes.js';
import swagger from '@fastify/swagger';
import { completeDocument } from './api/openapi/openapi-document.js';
import { referencePageRoutes } from './api/openapi/reference-page.js';
import { invoiceFileRoutes } from './api/invoice-files/routes.js';
import { landingRoutes } from './api/landing/routes.js';
import { checkoutRoutes } from './api/checkout/routes.js';
import { payPageRoutes } from './api/pay-page/routes.js';
import { legalPageRoutes } from './api/pay-page/legal-pages.js';
import type { TrustSettings } from './api/checkout/trust-text.js';
import { sandboxBank } from './core/payments/payment-provider.js';
import { buckarooRewrite, buckarooRoutes } from './api/buckaroo/routes.js';
import { BUCKAROO_CONTRACT, buckarooNotifications, buckarooSigner } from './api/buckaroo/push.js';
import type { BuckarooContext } from './api/buckaroo/buckaroo-context.js';
import { BILLINK_CONTRACT, billinkNotifications, billinkSigner } from './api/billink-common/notifications.js';
import type { NotificationBuilders, NotificationSigners } from './core/webhooks/notifications.js';
import { SqlBuckarooCredentials, SqlBuckarooNonces, SqlBuckarooTransactions } from './store/buckaroo-repository.js';
import { billBlendRoutes } from './api/billblend/routes.js';
import { BILLBLEND_CONTRACT, billBlendNotifications, billBlendSigner } from './api/billblend/callback.js';
import type { Config } from './config.js';
import type { CoreContext } from './core/context.js';
import type { Clock } from './core/shared/clock.js';
import { merchantClocks } from './core/shared/merchant-clocks.js';
import { FixedWindowLimiter, MemoryWindowCounter } from './core/shared/fixed-window-limiter.js';
import { FailedAuthLimit } from './api/failed-auth-limit.js';
import { BY_PATH } from './api/billink-legacy/actions.js';
import { Metrics } from './operations/metrics.js';
import { probeRoutes } from './operations/probe-routes.js';
import { installRequestHooks } from './operations/request-hooks.js';
import { RequestLogWriter } from './operations/request-log-writer.js';
import { SqlRequestLog } from './store/request-log-repository.js';
import { requestIdGenerator } from './operations/request-id.js';
import { SharedWindowCounter } from './store/shared-window-counter.js';
import type { Ids } from './core/shared/ids.js';
import { gracefulClose } from './runtime/graceful-close.js';
import { randomIds } from './runtime/random-ids.js';
import { systemClock } from './runtime/system-clock.js';
import { type Database, openPostgres } from './store/database.js';
import { openPglite } from './store/pglite-database.js';
import { SqlInvoiceRepository } from './store/invoice-repository.js';
import { migrate } from './store/migrate.js';
import { sandboxMerchantNames, seededSandboxCredentials, seedSandbox } from './store/seed-sandbox.js';
import { createSqlStore, type SqlStore } from './store/sql-store.js';
import { type BackgroundJobs, customerMailJob, startBackgroundJobs } from './jobs/background-jobs.js';
import { CustomerDocuments } from './jobs/customer-documents.js';
import { pdfRendererFor } from './outbound/pdf-render-pool.js';
import { customerMailRenderer } from './jobs/customer-mail-render.js';
import type { CustomerMailJob } from './jobs/customer-mail-job.js';
import { type Mailer, smtpMailer } from './outbound/mailer.js';
import { systemResolve, systemResolveWithin } from './outbound/webhook-target-guard.js';
import { createWebhookTransport, newWebhookSecret } from './outbound/webhook-transport.js';
import type { ClockFollowUp } from './core/sandbox/clock-follow-up.js';
import { applyDueSteps } from './core/invoices/life-cycle/apply-due-steps.js';
import { deliverMerchantWebhooks } from './jobs/merchant-webhook-delivery.js';
import { SqlWebhookDeliveryRepository } from './store/webhook-delivery-repository.js';
import { signalDeliveriesOnCommit } from './store/webhook-commit-signal.js';
import { SqlWebhookLogRepository } from './store/webhook-log-repository.js';
import { SqlWebhookSettingsRepository } from './store/webhook-settings-repository.js';
import { SqlEventStreamRepository } from './store/event-stream-repository.js';
import { dashboardRoutes } from './api/dashboard/routes.js';
import { newToken, sha256, verifyPassword } from './api/dashboard/password-check.js';
import { SqlPayoutList } from './store/dashboard-payout-repository.js';
import { SqlDashboardSessions, SqlMerchantListing, SqlPasswordDirectory } from './store/dashboard-session-repository.js';
import { SqlInvoiceSearch, SqlTimeline } from './store/dashboard-invoice-repository.js';
import { billinkSubscriptions } from './store/dashboard-webhook-reads.js';

/**
 * Sandbox merchants have public credentials and honour test triggers: a server that has them says
 * so loudly, in one line, at every start (docs/security.md "Sandbox and live merchants").
 */
async function warnOfSandboxMerchants(db: Database, app: FastifyInstance): Promise<void> {
  const { names, total } = await sandboxMerchantNames(db);
  if (total === 0) return;
  const more = total > names.length ? ` and ${total - names.length} more` : '';
  app.log.warn(
    { sandboxMerchants: total },
    `SANDBOX MERCHANTS ACTIVE: ${names.join(', ')}${more}. Their credentials may be public and they honour test triggers ` +
      '(BACKDOOR, +decline@); never take real orders on them. SANDBOX_SEED=off stops seeding (docs/security.md).',
  );
}
import { inOneTransaction } from './store/joinable-transactions.js';
import type { V2Context } from './api/billink-v2/v2-context.js';
import { SqlIdempotencyKeys } from './store/idempotency-repository.js';
import { startIdempotencyKeyPrune } from './jobs/idempotency-key-prune.js';

/** How long setting a webhook waits for DNS before it accepts the name (docs/webhooks.md). */
const SET_TIME_DNS_TIMEOUT_MS = 3_000;
/** Each contract's notification builder and signer (core/webhooks/notifications.ts), by contract name. */
export const notificationBuilders: NotificationBuilders = {
  [BILLINK_CONTRACT]: billinkNotifications,
  [BUCKAROO_CONTRACT]: buckarooNotifications,
  [BILLBLEND_CONTRACT]: billBlendNotifications,
};
export function notificationSigners(db: Database): NotificationSigners {
  return { [BILLINK_CONTRACT]: billinkSigner, [BUCKAROO_CONTRACT]: buckarooSigner(new SqlBuckarooCredentials(db)), [BILLBLEND_CONTRACT]: billBlendSigner };
}

export interface RunningServer {
  /** Base of the links the server hands out. */
  links: PublicLinks;
  app: FastifyInstance;
  /** Where the server listens, e.g. http://127.0.0.1:8080. */
  url: string;
  store: SqlStore;
  /**
   * Stops accepting, lets requests in flight finish within SHUTDOWN_GRACE_MS (cutting the rest),
   * stops the background jobs after their current item and closes the database.
   */
  close(): Promise<void>;
  /** Cuts every open connection at once, e.g. on a second signal while closing. */
  cutConnections(): void;
  /**
   * Sends every pending customer e-mail of one merchant now and answers how many were handed over
   * (ClockFollowUp.sendCustomerMails of the sandbox clock advance); works with JOBS=off too.
   */
  sendCustomerMails(merchantId: string): Promise<number>;
}

export interface Overrides {
  clock?: Clock;
  ids?: Ids;
  /** Resolves webhook host names (tests map names to addresses); the system resolver by default. */
  resolveHost?: (hostname: string) => Promise<string[]>;
  /** Where the log lines go instead of stdout (tests read them). */
  logStream?: { write(line: string): void };
}

function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export async function openDatabase(config: Config): Promise<Database> {
  return config.databaseUrl
    ? openPostgres({ url: config.databaseUrl, schema: config.databaseSchema, poolSize: config.databasePoolSize, connectTimeoutMs: config.databaseConnectTimeoutMs })
    : openPglite(config.dataDir === ':memory:' ? undefined : config.dataDir);
}

/** The core's context: the server's, and the worker's for the session expiry sweep. */
export function coreContext(config: Config, store: SqlStore, overrides: Overrides = {}): CoreContext {
  const clock = overrides.clock ?? systemClock;
  return {
    store,
    clock,
    clocks: merchantClocks(clock),
    ids: overrides.ids ?? randomIds,
    settings: {
      checkValidityMinutes: config.checkValidityMinutes,
      creditLimits: { privateExposure: config.exposureLimitPrivate, businessExposure: config.exposureLimitBusiness },
    },
  };
}

/**
 * What a sandbox clock advance runs before it answers (docs/collection.md "Test clocks"). The
 * webhook part uses the delivery job's attempt code and lease on real time, whether or not this
 * process runs jobs.
 */
function clockFollowUp(
  config: Config,
  context: CoreContext,
  db: Database,
  resolveHost: Overrides['resolveHost'],
  metrics: Metrics | undefined,
  sendCustomerMails: ClockFollowUp['sendCustomerMails'],
): ClockFollowUp {
  const targets = { allowPrivate: config.webhookAllowPrivate, resolve: resolveHost ?? systemResolve };
  const webhooks = {
    deliveries: new SqlWebhookDeliveryRepository(db),
    transport: createWebhookTransport({ clock: systemClock, timeoutMs: config.webhookTimeoutMs, targets }),
    signers: notificationSigners(db),
    clock: systemClock,
    retrySchedule: config.webhookRetrySchedule,
    retrySchedules: { buckaroo: config.buckarooPushRetrySchedule },
    concurrency: config.webhookConcurrency,
    timeoutMs: config.webhookTimeoutMs,
    onAttempt: (next: 'delivered' | 'pending' | 'failed') => metrics?.webhookAttempt(next),
  };
  return {
    // The same use case as the background timer runner, run at once up to the moved time.
    applyDueSteps: (merchant, until) => applyDueSteps(context, merchant, until),
    sendCustomerMails,
    deliverWebhooks: (merchantId) => deliverMerchantWebhooks(webhooks, merchantId),
  };
}

export async function startServer(config: Config, overrides: Overrides = {}): Promise<RunningServer> {
  const db = await openDatabase(config);
  try {
    await migrate(db);
    if (config.sandboxSeed) await seedSandbox(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  // A commit that queued webhook deliveries wakes the in-process delivery job at once.
  let jobs: BackgroundJobs | undefined;
  const shared = signalDeliveriesOnCommit(db, () => jobs?.wakeDeliveries());
  const store = createSqlStore(shared, notificationBuilders);
  const idempotency = new SqlIdempotencyKeys(shared);
  const context = coreContext(config, store, overrides);
  // PUBLIC_URL, or else the address the server listens on (known only after listen).
  const links: PublicLinks = { baseUrl: config.publicUrl ?? '' };
  // One pool of PDF threads for the whole process: the invoice file link, the pay page and the mail job.
  const pdfRenderer = pdfRendererFor(config.pdfWorkers);
  const documents = new CustomerDocuments(store.db, { platform: config.platform, baseUrl: () => links.baseUrl, newToken: () => context.ids.token(), pdfRenderer });
  // The sandbox clock advance hands a merchant's customer e-mails over before it answers: through
  // this process's mail job once it runs, else (JOBS=off, or the moment between listen and the
  // jobs' start) through a mail job of its own that only sends when asked.
  let customerMails: CustomerMailJob | undefined;
  let ownMailer: Mailer | undefined;
  const mailsNow = (): CustomerMailJob => {
    if (customerMails) return customerMails;
    ownMailer = config.smtpUrl ? smtpMailer({ url: config.smtpUrl, from: config.mailFrom }) : undefined;
    customerMails = customerMailJob({ db: store.db, core: context, settings: config, mailer: ownMailer, clock: systemClock, log: app.log, baseUrl: () => links.baseUrl, pdfRenderer });
    return customerMails;
  };

  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Credentials and personal data never reach the log (house rule 6).
      redact: ['req.headers.authorization', 'req.body'],
      ...(overrides.logStream ? { stream: overrides.logStream } : {}),
    },
    // Fastify's two lines per request cost a third of the throughput on the hot XML routes; one
    // cheaper line is written by operations/request-hooks.ts instead.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    // The Buckaroo gateway's paths are case-insensitive, its /json/ prefix too (docs/buckaroo.md).
    rewriteUrl: (request) => buckarooRewrite(request.url ?? '/'),
    // X-Request-Id is kept when valid, else generated (operations/request-id.ts).
    genReqId: requestIdGenerator(),
    // A hop count trusts that many proxies in front of us, the nearest first (docs/security.md).
    trustProxy: typeof config.trustProxy === 'number' ? hopsTrusted(config.trustProxy) : config.trustProxy,
    // Connections without a request close as soon as closing starts; a request that still
    // arrives on an open connection gets 503 with Connection: close (runtime/graceful-close.ts).
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });
  const httpClose = gracefulClose(app);
  app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    if (error.statusCode && error.statusCode < 500) return reply.code(error.statusCode).send({ error: error.message });
    request.log.error({ err: error }, 'unexpected error');
    return reply.code(500).send({ error: 'Internal error', requestId: request.id });
  });

  // Rate-limit counts are shared by every node on PostgreSQL, and kept in memory on PGlite.
  const counter = db.engine === 'postgres' ? new SharedWindowCounter(db) : new MemoryWindowCounter();
  // One limit per merchant for legacy Status and v2 order info together.
  const statusLimiter = new FixedWindowLimiter(config.statusRateLimitPerMinute, counter, 'status:');
  const authLimit = new FailedAuthLimit(counter, config.authFailureLimitPerMinute, context.clock, (source) =>
    app.log.warn({ source }, `more than ${config.authFailureLimitPerMinute} failed authentications in a minute; refusing this source until the minute ends`),
  );
  const metrics = config.metrics ? new Metrics(db, systemClock) : undefined;
  // The merchant's request log is written in batches off the request path (docs/operations.md).
  const requestLogTable = new SqlRequestLog(db);
  const requestLog = new RequestLogWriter(requestLogTable, (error) => app.log.error({ err: error }, 'request log write failed'));
  installRequestHooks(app, { metrics, legacyServices: new Set(Object.keys(BY_PATH)), logLevel: config.logLevel, requestLog });
  probeRoutes(app, {
    db,
    jobs: () => (!config.jobs ? 'off' : jobs?.runner.running ? 'running' : 'stopped'),
    metrics,
    metricsToken: config.metricsToken,
    authLimit,
  });
  const webhookContext = {
    merchants: store.merchants,
    settings: new SqlWebhookSettingsRepository(store.db),
    log: new SqlWebhookLogRepository(store.db),
    clock: context.clock,
    newSecret: newWebhookSecret,
    targets: { allowPrivate: config.webhookAllowPrivate, resolve: overrides.resolveHost ?? systemResolveWithin(SET_TIME_DNS_TIMEOUT_MS) },
  };
  await app.register(async (scope) =>
    legacyRoutes(scope, {
      ...context,
      statusLimiter,
      authLimit,
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
  // One follow-up for the v2 clock endpoints and the dashboard's sandbox page: an advance runs the same work from either.
  const timeline = new SqlTimeline(store.db);
  const followUp = clockFollowUp(config, context, store.db, overrides.resolveHost, metrics, (merchantId) => mailsNow().sendCustomerMails(merchantId));
  const v2: V2Context = {
    ...context,
    links,
    statusLimiter,
    authLimit,
    partnerApiKey: config.partnerApiKey,
    // A keyed write's key row, change and answer are one transaction: its handler runs with the
    // context bound to it, handed on explicitly (api/billink-v2/request-context.ts).
    idempotency: {
      runOnce: (request, work) => idempotency.runOnce(request, (bound) => work(v2On(bound))),
      prune: (now) => idempotency.prune(now),
    },
    renderInvoicePdf: (invoice, merchant) => documents.invoicePdf(invoice, merchant),
    webhooks: webhookContext,
    eventStream: new SqlEventStreamRepository(store.db),
    clockFollowUp: followUp,
    requestLog: requestLogTable,
    timeline,
  };
  // Built per keyed write: everything of the context that writes through the store, on the key's
  // transaction. The PDF, the clock follow-up and the request log stay shared: no keyed write uses
  // them (and the request log was never in the transaction: it writes on the pool, off the request).
  const v2On = (bound: Database): V2Context => {
    const boundStore = createSqlStore(bound, notificationBuilders);
    return {
      ...v2,
      store: boundStore,
      webhooks: {
        ...webhookContext,
        merchants: boundStore.merchants,
        settings: new SqlWebhookSettingsRepository(bound),
        log: new SqlWebhookLogRepository(bound),
      },
      eventStream: new SqlEventStreamRepository(bound),
      timeline: new SqlTimeline(bound),
    };
  };
  await app.register(async (scope) => v2Routes(scope, v2));
  await app.register(async (scope) => billBlendRoutes(scope, { ...context, links }));
  await app.register(async (scope) =>
    dashboardRoutes(scope, {
      ...context,
      links,
      auth: {
        passwords: new SqlPasswordDirectory(store.db),
        sessions: new SqlDashboardSessions(store.db),
        merchants: store.merchants,
        listing: new SqlMerchantListing(store.db),
        // Sessions and the sign-in limit live in real time, also for a merchant on a test clock
        // (a clock override, as tests give, stands in for real time).
        clock: overrides.clock ?? systemClock,
        operator: config.dashboardOperator,
        verify: verifyPassword,
        newToken,
        digest: sha256,
      },
      invoiceSearch: new SqlInvoiceSearch(store.db),
      timeline,
      customerMails: customerMailRenderer(documents),
      payouts: new SqlPayoutList(store.db),
      webhooks: webhookContext,
      signInLimit: new FailedAuthLimit(counter, config.dashboardSignInLimitPerMinute, overrides.clock ?? systemClock, (source) =>
        app.log.warn({ source }, `more than ${config.dashboardSignInLimitPerMinute} failed dashboard sign-ins in a minute; refusing until the minute ends`),
      ),
      subscriptions: (merchantId) => billinkSubscriptions(store.db, merchantId),
      clockFollowUp: followUp,
      pspCredentials: new SqlBuckarooCredentials(store.db),
    }),
  );
  app.get('/v2/openapi.json', { schema: { hide: true } }, async () => completeDocument(app.swagger() as Record<string, unknown>));
  referencePageRoutes(app);

  const invoices = new SqlInvoiceRepository(db);
  await app.register(async (scope) =>
    invoiceFileRoutes(scope, {
      merchants: store.merchants,
      findByFileToken: (token) => invoices.findByFileToken(token),
      renderPdf: (invoice, merchant, language) => documents.invoicePdf(invoice, merchant, { language }),
    }),
  );
  // The terms and privacy links of the checkout and pay pages: the operator's, or our summaries.
  const trust = (): TrustSettings => ({
    name: config.platform.name,
    termsUrl: config.platform.termsUrl ?? `${links.baseUrl}/legal/terms`,
    privacyUrl: config.platform.privacyUrl ?? `${links.baseUrl}/legal/privacy`,
    ownPages: !config.platform.termsUrl && !config.platform.privacyUrl,
  });
  await app.register(async (scope) => checkoutRoutes(scope, { ...context, links, trust }));
  await app.register(async (scope) =>
    payPageRoutes(scope, { ...context, links, source: documents, provider: sandboxBank(context), platform: config.platform, trust }),
  );
  legalPageRoutes(app, config.platform.name);
  // The gateway's transaction is handed on with the context, not found through AsyncLocalStorage,
  // whose hooks would slow every promise of the process (store/joinable-transactions.ts).
  const buckaroo: BuckarooContext = {
    ...context,
    credentials: new SqlBuckarooCredentials(db),
    nonces: new SqlBuckarooNonces(db),
    transactions: new SqlBuckarooTransactions(store.db),
    requestClock: systemClock,
    oneTransaction: (work) => inOneTransaction(shared, (bound) => work(buckarooOn(bound))),
    pushTargets: { allowPrivate: config.webhookAllowPrivate, resolve: overrides.resolveHost ?? systemResolveWithin(SET_TIME_DNS_TIMEOUT_MS) },
  };
  const buckarooOn = (bound: Database): BuckarooContext => {
    const inTransaction: BuckarooContext = {
      ...buckaroo,
      store: createSqlStore(bound, notificationBuilders),
      transactions: new SqlBuckarooTransactions(bound),
      oneTransaction: (work) => bound.transaction(() => work(inTransaction)),
    };
    return inTransaction;
  };
  await app.register(async (scope) => buckarooRoutes(scope, buckaroo));
  // The same relative paths hold for src/main.ts and the built dist/main.js.
  await app.register(async (scope) =>
    landingRoutes(scope, {
      version: packageVersion(),
      engine: db.engine,
      docsDir: fileURLToPath(new URL('../docs/', import.meta.url)),
      sandboxCredentials: () => seededSandboxCredentials(db),
    }),
  );

  let url: string;
  try {
    url = await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    // A port in use must not leave the database open (and the embedded one locked).
    await db.close();
    throw error;
  }
  await warnOfSandboxMerchants(db, app);
  links.baseUrl ||= url;
  // Idempotency keys expire after 24 hours on the core's clock (docs/v2-api.md).
  const idempotencyPrune = startIdempotencyKeyPrune(idempotency, context.clock, (error) =>
    app.log.error({ err: error }, 'idempotency key prune failed'),
  );
  // Webhook delivery, mail, retention and the session expiry sweep run in this process unless
  // JOBS=off (then `npm run worker` does). Deliveries keep real time even when the core runs on a
  // test clock.
  if (config.jobs) {
    jobs = startBackgroundJobs({
      db: store.db,
      settings: config,
      clock: systemClock,
      core: context,
      log: app.log,
      resolve: overrides.resolveHost,
      signers: notificationSigners(store.db),
      observer: metrics,
      baseUrl: () => links.baseUrl,
      pdfRenderer,
    });
  }
  if (jobs) customerMails = jobs.customerMails;
  return {
    app,
    url,
    links,
    store,
    async close() {
      // The job runner (the expiry sweep among its jobs) finishes its current item while requests drain.
      const backgroundStopped = Promise.all([jobs?.stop(), idempotencyPrune.stop()]);
      const { cut } = await httpClose.close(config.shutdownGraceMs);
      if (cut > 0) app.log.warn(`Cut ${cut} connection(s) still busy after the grace period of ${config.shutdownGraceMs} ms`);
      await backgroundStopped;
      // After the jobs: a mail still rendering its PDF finished with them.
      await pdfRenderer.close();
      ownMailer?.close();
      await requestLog.close();
      await db.close();
    },
    cutConnections: () => httpClose.cutNow(),
    sendCustomerMails: (merchantId) => mailsNow().sendCustomerMails(merchantId),
  };
}

function hopsTrusted(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}
