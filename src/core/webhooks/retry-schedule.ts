/**
 * When a failed delivery is tried again. Billink retries a webhook at most three times and then
 * e-mails the merchant (seeds 002 "Retrybeleid", spec §4.1, §4.3); the waits are configuration
 * (WEBHOOK_RETRY_SCHEDULE), one entry per retry, so the number of retries is the schedule's length.
 */

/** Seconds to wait before retry 1, 2 and 3: one minute, five minutes, half an hour. */
export const DEFAULT_RETRY_SCHEDULE: readonly number[] = [60, 300, 1800];

export const MAX_RETRIES = 10;

/** Reads `60,300,1800`; undefined when an entry is not a whole number of seconds or there are too many. */
export function parseRetrySchedule(text: string): readonly number[] | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const parts = trimmed.split(',').map((part) => part.trim());
  if (parts.length > MAX_RETRIES || parts.some((part) => !/^\d{1,6}$/.test(part))) return undefined;
  return parts.map(Number);
}

/**
 * The moment of the next attempt after `attemptsMade` attempts all failed, or undefined when the
 * retries are used up. The first attempt is not a retry, so a schedule of three waits allows four
 * attempts in total.
 */
export function nextAttemptAt(schedule: readonly number[], attemptsMade: number, failedAt: Date): Date | undefined {
  const wait = schedule[attemptsMade - 1];
  return wait === undefined ? undefined : new Date(failedAt.getTime() + wait * 1000);
}
