/**
 * The life of one delivery: `pending` until an attempt succeeds (`delivered`) or the retries run
 * out (`failed`, which also e-mails the merchant). Only 2xx counts as success: Billink retries on
 * "server not reachable or a non-2xx status code" (seeds 002 "Retrybeleid"), so redirects fail too.
 */
import { nextAttemptAt } from './retry-schedule.js';

export const DELIVERY_STATES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** What one HTTP attempt came to. */
export interface AttemptOutcome {
  startedAt: Date;
  /** The receiver's HTTP status, when it answered at all. */
  httpStatus: number | undefined;
  latencyMs: number;
  /** The first kilobyte of the receiver's answer. */
  responseBody: string | undefined;
  /** Why no usable answer came: timeout, refused connection, … */
  error: string | undefined;
}

export type NextStep =
  | { state: 'delivered'; finishedAt: Date }
  | { state: 'pending'; nextAttemptAt: Date }
  | { state: 'failed'; finishedAt: Date };

export function succeeded(outcome: Pick<AttemptOutcome, 'httpStatus' | 'error'>): boolean {
  return outcome.error === undefined && outcome.httpStatus !== undefined && outcome.httpStatus >= 200 && outcome.httpStatus < 300;
}

/**
 * Decides what follows an attempt. `attemptsBefore` counts the attempts already recorded for this
 * delivery; `now` is when the attempt ended, so the wait is measured from the failure.
 */
export function afterAttempt(
  attemptsBefore: number,
  outcome: Pick<AttemptOutcome, 'httpStatus' | 'error'>,
  schedule: readonly number[],
  now: Date,
): NextStep {
  if (succeeded(outcome)) return { state: 'delivered', finishedAt: now };
  const next = nextAttemptAt(schedule, attemptsBefore + 1, now);
  return next ? { state: 'pending', nextAttemptAt: next } : { state: 'failed', finishedAt: now };
}

/** Response bodies are kept for the log up to this many bytes. */
export const RESPONSE_BODY_LIMIT_BYTES = 1024;
