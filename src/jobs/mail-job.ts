/**
 * Sends queued merchant mail over SMTP. A mail that cannot be sent is tried again later with
 * growing waits, and marked `failed` after eleven tries over about seven hours; it stays listed by `npm run mail`.
 */
import type { Clock } from '../core/shared/clock.js';
import type { Mailer } from '../outbound/mailer.js';
import type { SqlMailOutboxRepository } from '../store/mail-outbox-repository.js';
import type { Job, JobLog } from './job-runner.js';

/** Seconds before each new try: quick at first for a restarting mail server, then hourly. */
export const MAIL_RETRY_WAITS: readonly number[] = [30, 120, 600, 1800, 3600, 3600, 3600, 3600, 3600, 3600];

const BATCH = 20;
const LEASE_MS = 120_000;

export class MailJob implements Job {
  readonly name = 'mail';

  constructor(
    private readonly options: { outbox: SqlMailOutboxRepository; mailer: Mailer; clock: Clock; log: JobLog },
  ) {}

  async runOnce(): Promise<boolean> {
    const now = this.options.clock.now();
    const mails = await this.options.outbox.claim(now, new Date(now.getTime() + LEASE_MS), BATCH);
    for (const mail of mails) {
      try {
        await this.options.mailer.send(mail);
        await this.options.outbox.markSent(mail.id, this.options.clock.now());
      } catch (error) {
        const wait = MAIL_RETRY_WAITS[mail.attempts];
        const retryAt = wait === undefined ? undefined : new Date(this.options.clock.now().getTime() + wait * 1000);
        this.options.log.error({ err: error, job: this.name }, `mail ${mail.id} not sent${retryAt ? '; will retry' : '; giving up'}`);
        await this.options.outbox.markFailedAttempt(mail.id, (error as Error).message ?? String(error), retryAt);
      }
    }
    return mails.length === BATCH;
  }
}
