/**
 * The background jobs of one process, built the same way in the server (in-process, unless
 * JOBS=off) and in `npm run worker`: webhook delivery, retention, the life cycle's timers and the
 * checkout session expiry sweep always, mail only when SMTP_URL is set. Nothing else starts background work, so JOBS=off
 * means none runs in the server and the worker runs all of it (docs/operations.md).
 */
import type { CoreContext } from '../core/context.js';
import type { Clock } from '../core/shared/clock.js';
import type { NotificationSigners } from '../core/webhooks/notifications.js';
import { smtpMailer } from '../outbound/mailer.js';
import { systemResolve } from '../outbound/webhook-target-guard.js';
import { createWebhookTransport } from '../outbound/webhook-transport.js';
import type { Database } from '../store/database.js';
import { SqlMailOutboxRepository } from '../store/mail-outbox-repository.js';
import { SqlWebhookDeliveryRepository } from '../store/webhook-delivery-repository.js';
import { type Job, type JobLog, JobRunner } from './job-runner.js';
import { LifeCycleTimerJob } from './life-cycle-timer-job.js';
import { MailJob } from './mail-job.js';
import { RetentionJob, type RetentionSettings } from './retention-job.js';
import { SqlRetentionRepository } from '../store/retention-repository.js';
import { type SessionExpiryJob, startSessionExpiry } from './session-expiry.js';
import { WebhookDeliveryJob } from './webhook-delivery-job.js';

export interface JobSettings extends RetentionSettings {
  webhookRetrySchedule: readonly number[];
  /** Buckaroo pushes retry on their own schedule (spec buckaroo.md §11.1); absent, the webhook one. */
  buckarooPushRetrySchedule?: readonly number[];
  webhookTimeoutMs: number;
  webhookConcurrency: number;
  webhookAllowPrivate: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  sessionExpiryIntervalMs: number;
}

export interface BackgroundJobs {
  runner: JobRunner;
  sessionExpiry: SessionExpiryJob;
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
    retrySchedules: settings.buckarooPushRetrySchedule ? { buckaroo: settings.buckarooPushRetrySchedule } : {},
    concurrency: settings.webhookConcurrency,
    timeoutMs: settings.webhookTimeoutMs,
    log,
    onMailQueued: () => runner.wake('mail'),
    onAttempt: (next) => options.observer?.webhookAttempt(next),
  });
  const jobs: Job[] = [delivery];
  const mailer = settings.smtpUrl ? smtpMailer({ url: settings.smtpUrl, from: settings.mailFrom }) : undefined;
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
    names: [...jobs.map((job) => job.name), 'session-expiry'],
    wakeDeliveries: () => runner.wake(delivery.name),
    async stop() {
      await Promise.all([runner.stop(), sessionExpiry.stop()]);
      mailer?.close();
    },
  };
}
