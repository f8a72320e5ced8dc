/**
 * The background jobs of one process, built the same way in the server (in-process, unless
 * JOBS=off) and in `npm run worker`: webhook delivery, customer e-mail (to SMTP, or kept in the
 * local outbox without SMTP_URL), the life cycle's timers, retention and the checkout session
 * expiry sweep always, merchant mail only when SMTP_URL is set. Nothing else starts background work, so JOBS=off
 * means none runs in the server and the worker runs all of it (docs/operations.md).
 */
import type { CoreContext } from '../core/context.js';
import type { Clock } from '../core/shared/clock.js';
import type { NotificationSigners } from '../core/webhooks/notifications.js';
import { type Mailer, smtpMailer } from '../outbound/mailer.js';
import type { PdfRenderer } from '../outbound/pdf-render-pool.js';
import { systemResolve } from '../outbound/webhook-target-guard.js';
import { createWebhookTransport } from '../outbound/webhook-transport.js';
import type { Database } from '../store/database.js';
import { SqlMailOutboxRepository } from '../store/mail-outbox-repository.js';
import { SqlWebhookDeliveryRepository } from '../store/webhook-delivery-repository.js';
import { type Job, type JobLog, JobRunner } from './job-runner.js';
import { LifeCycleTimerJob } from './life-cycle-timer-job.js';
import { MailJob } from './mail-job.js';
import { CustomerMailJob } from './customer-mail-job.js';
import { CustomerDocuments } from './customer-documents.js';
import { type PlatformAccount, SANDBOX_PLATFORM_ACCOUNT } from '../core/customer-side/payment-instructions.js';
import { SqlCustomerMailOutbox } from '../store/customer-mail-outbox-repository.js';
import { randomIds } from '../runtime/random-ids.js';
import { RetentionJob, type RetentionSettings } from './retention-job.js';
import { SqlRetentionRepository } from '../store/retention-repository.js';
import { type SessionExpiryJob, startSessionExpiry } from './session-expiry.js';
import { WebhookDeliveryJob } from './webhook-delivery-job.js';

export interface JobSettings extends RetentionSettings {
  webhookRetrySchedule: readonly number[];
  /** Buckaroo pushes retry on their own schedule (spec buckaroo.md §11.1); absent, the webhook one. */
  buckarooPushRetrySchedule?: readonly number[];
  /** BillBlend callbacks likewise (spec billblend.md §7.1). */
  billBlendCallbackRetrySchedule?: readonly number[];
  webhookTimeoutMs: number;
  /** CUSTOMER_MAIL_LEASE_SECONDS; two minutes when absent. */
  customerMailLeaseMs?: number;
  webhookConcurrency: number;
  webhookAllowPrivate: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  sessionExpiryIntervalMs: number;
  /** The account customers pay into; the sandbox account when absent. */
  platform?: PlatformAccount;
}

export interface BackgroundJobs {
  runner: JobRunner;
  sessionExpiry: SessionExpiryJob;
  customerMails: CustomerMailJob;
  /** Names of the jobs running, for readiness and metrics. */
  names: readonly string[];
  /** Call after a commit that queued deliveries. */
  wakeDeliveries(): void;
  stop(): Promise<void>;
}

export interface BackgroundJobOptions {
  db: Database;
  settings: JobSettings;
  /** Real time for deliveries and mail, so retries fall due even when the core runs on a test clock. */
  clock: Clock;
  /** The core, on its own clock: checkout sessions expire on the clock that stamped their expiry. */
  core: CoreContext;
  log: JobLog;
  /** How webhook host names are resolved; the operating system's resolver unless a test maps names itself. */
  resolve?: (hostname: string) => Promise<string[]>;
  /** Each contract's request signer (main.ts `notificationSigners`). */
  signers: NotificationSigners;
  /** Metrics of job rounds and webhook attempts (operations/metrics.ts). */
  observer?: JobObserver;
  /** The base of links in customer e-mails: PUBLIC_URL, or the server's address. */
  baseUrl?: () => string;
  /** Renders the invoice PDFs of customer e-mails (PDF_WORKERS); on this thread when absent. The caller closes it. */
  pdfRenderer?: PdfRenderer | undefined;
}

export interface JobObserver {
  jobRound(job: string, ok: boolean): void;
  webhookAttempt(next: 'delivered' | 'pending' | 'failed'): void;
}

export function startBackgroundJobs(options: BackgroundJobOptions): BackgroundJobs {
  const { db, settings, clock, log } = options;
  const targets = { allowPrivate: settings.webhookAllowPrivate, resolve: options.resolve ?? systemResolve };
  const delivery = new WebhookDeliveryJob({
    deliveries: new SqlWebhookDeliveryRepository(db),
    transport: createWebhookTransport({ clock, timeoutMs: settings.webhookTimeoutMs, targets }),
    signers: options.signers,
    clock,
    retrySchedule: settings.webhookRetrySchedule,
    retrySchedules: {
      ...(settings.buckarooPushRetrySchedule ? { buckaroo: settings.buckarooPushRetrySchedule } : {}),
      ...(settings.billBlendCallbackRetrySchedule ? { billblend: settings.billBlendCallbackRetrySchedule } : {}),
    },
    concurrency: settings.webhookConcurrency,
    timeoutMs: settings.webhookTimeoutMs,
    log,
    onMailQueued: () => runner.wake('mail'),
    onAttempt: (next) => options.observer?.webhookAttempt(next),
  });
  const mailer = settings.smtpUrl ? smtpMailer({ url: settings.smtpUrl, from: settings.mailFrom }) : undefined;
  const customerMails = customerMailJob({ db, core: options.core, settings, mailer, clock, log, baseUrl: options.baseUrl ?? (() => ''), pdfRenderer: options.pdfRenderer });
  const jobs: Job[] = [delivery, customerMails];
  if (mailer) jobs.push(new MailJob({ outbox: new SqlMailOutboxRepository(db), mailer, clock, log }));
  jobs.push(new RetentionJob({ repository: new SqlRetentionRepository(db), clock, settings }));
  // The life cycle's timers run on the core's clocks: real time, moved by a sandbox test clock.
  jobs.push(new LifeCycleTimerJob(options.core));
  const runner = new JobRunner(jobs, { log, onRound: (job, ok) => options.observer?.jobRound(job, ok) });
  runner.start();
  const sessionExpiry = startSessionExpiry(options.core, {
    intervalMs: settings.sessionExpiryIntervalMs,
    onError: (error) => log.error({ err: error, job: 'session-expiry' }, 'session expiry sweep failed'),
    onRound: (ok) => options.observer?.jobRound('session-expiry', ok),
  });
  return {
    runner,
    sessionExpiry,
    customerMails,
    names: [...jobs.map((job) => job.name), 'session-expiry'],
    wakeDeliveries: () => runner.wake(delivery.name),
    async stop() {
      await Promise.all([runner.stop(), sessionExpiry.stop()]);
      mailer?.close();
    },
  };
}

/**
 * The customer mail job, also for a server without background jobs (JOBS=off), whose sandbox
 * clock advance still sends a merchant's e-mails before it answers.
 */
export function customerMailJob(options: {
  db: Database;
  core: CoreContext;
  settings: Pick<JobSettings, 'platform' | 'customerMailLeaseMs'>;
  mailer: Mailer | undefined;
  clock: Clock;
  log: JobLog;
  baseUrl: () => string;
  pdfRenderer?: PdfRenderer | undefined;
}): CustomerMailJob {
  const documents = new CustomerDocuments(options.db, {
    platform: options.settings.platform ?? SANDBOX_PLATFORM_ACCOUNT,
    baseUrl: options.baseUrl,
    newToken: randomIds.token,
    pdfRenderer: options.pdfRenderer,
  });
  return new CustomerMailJob({
    outbox: new SqlCustomerMailOutbox(options.db),
    documents,
    core: options.core,
    mailer: options.mailer,
    clock: options.clock,
    log: options.log,
    leaseMs: options.settings.customerMailLeaseMs,
  });
}
