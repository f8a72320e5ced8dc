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
  /** A short, cleaned excerpt of the receiver's answer (responseExcerpt). */
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

/** Bytes of an answer read for the excerpt; the rest is read and dropped. */
export const RESPONSE_BODY_LIMIT_BYTES = 1024;

/** Characters of an answer kept in the delivery log. */
export const RESPONSE_EXCERPT_CHARACTERS = 200;

/**
 * What the delivery log keeps of a receiver's answer: enough to see why it failed ("busy",
 * "invalid signature"), too little to read pages from whatever answered (docs/security.md
 * "Webhook SSRF"). Control characters, U+FFFE/U+FFFF and lone surrogates are dropped, so the
 * excerpt is always valid text in JSON, XML and PostgreSQL; runs of white space become one space.
 */
export function responseExcerpt(text: string): string {
  const clean = text
    .replace(/[\t\n\r]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
  return Array.from(clean).slice(0, RESPONSE_EXCERPT_CHARACTERS).join('');
}
