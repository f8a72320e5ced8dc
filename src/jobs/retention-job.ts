/**
 * Prunes personal data past its retention (docs/security.md "Retention"): finished webhook
 * deliveries with their attempts and the mails that quoted them after RETENTION_DELIVERY_DAYS,
 * finished and expired checkout sessions after RETENTION_SESSION_DAYS. Runs once at start and then
 * hourly, in whichever process runs the background jobs; 0 days keeps that kind forever.
 */
import { DAY } from '../core/shared/clock.js';
import type { Clock } from '../core/shared/clock.js';
import type { SqlRetentionRepository } from '../store/retention-repository.js';
import type { Job } from './job-runner.js';

export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;
/** Rows per statement: small enough that the embedded database is never held for long. */
const BATCH = 500;

/** The documented default of both kinds (config.ts reads the settings). */
export const DEFAULT_RETENTION_DAYS = 90;

export interface RetentionSettings {
  retentionDeliveryDays?: number;
  retentionSessionDays?: number;
}

export class RetentionJob implements Job {
  readonly name = 'retention';
  private nextRunAt = 0;

  constructor(private readonly options: { repository: SqlRetentionRepository; clock: Clock; settings: RetentionSettings }) {}

  async runOnce(): Promise<boolean> {
    const now = this.options.clock.now();
    if (now.getTime() < this.nextRunAt) return false;
    const { repository, settings } = this.options;
    const cutoff = (days: number) => new Date(now.getTime() - days * DAY);
    const deliveryDays = settings.retentionDeliveryDays ?? DEFAULT_RETENTION_DAYS;
    const sessionDays = settings.retentionSessionDays ?? DEFAULT_RETENTION_DAYS;
    let full = false;
    if (deliveryDays > 0) {
      const before = cutoff(deliveryDays);
      full ||= (await repository.pruneDeliveries(before, BATCH)) === BATCH;
      full ||= (await repository.pruneMail(before, BATCH)) === BATCH;
    }
    if (sessionDays > 0) {
      full ||= (await repository.pruneSessions(cutoff(sessionDays), BATCH)) === BATCH;
    }
    // A full batch means more is due: the runner calls again at once. Otherwise wait an hour.
    if (!full) this.nextRunAt = now.getTime() + RETENTION_INTERVAL_MS;
    return full;
  }
}
