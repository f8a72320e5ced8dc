/**
 * The background jobs of one process, built the same way in the server (in-process, unless
 * JOBS=off) and in `npm run worker`: webhook delivery and retention always, mail only when SMTP_URL
 * is set.
 */
import type { Clock } from '../core/shared/clock.js';
import type { NotificationSigners } from '../core/webhooks/notifications.js';
import { smtpMailer } from '../outbound/mailer.js';
import { systemResolve } from '../outbound/webhook-target-guard.js';
import { createWebhookTransport } from '../outbound/webhook-transport.js';
import type { Database } from '../store/database.js';
import { SqlMailOutboxRepository } from '../store/mail-outbox-repository.js';
import { SqlWebhookDeliveryRepository } from '../store/webhook-delivery-repository.js';
import { type Job, type JobLog, JobRunner } from './job-runner.js';
import { MailJob } from './mail-job.js';
import { RetentionJob, type RetentionSettings } from './retention-job.js';
import { SqlRetentionRepository } from '../store/retention-repository.js';
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
}

export interface BackgroundJobs {
  runner: JobRunner;
  /** Call after a commit that queued deliveries. */
  wakeDeliveries(): void;
  stop(): Promise<void>;
}

export function startBackgroundJobs(options: {
  db: Database;
  settings: JobSettings;
  clock: Clock;
  log: JobLog;
  /** How webhook host names are resolved; the operating system's resolver unless a test maps names itself. */
  resolve?: (hostname: string) => Promise<string[]>;
  /** Each contract's request signer (main.ts `notificationSigners`). */
  signers: NotificationSigners;
}): BackgroundJobs {
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
  });
  const jobs: Job[] = [delivery];
  const mailer = settings.smtpUrl ? smtpMailer({ url: settings.smtpUrl, from: settings.mailFrom }) : undefined;
  if (mailer) jobs.push(new MailJob({ outbox: new SqlMailOutboxRepository(db), mailer, clock, log }));
  jobs.push(new RetentionJob({ repository: new SqlRetentionRepository(db), clock, settings }));
  const runner = new JobRunner(jobs, { log });
  runner.start();
  return {
    runner,
    wakeDeliveries: () => runner.wake(delivery.name),
    async stop() {
      await runner.stop();
      mailer?.close();
    },
  };
}
