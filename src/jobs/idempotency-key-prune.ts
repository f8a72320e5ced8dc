/**
 * Forgets idempotency keys older than their 24 hours, once an hour. Correctness does not depend on
 * it (an expired key is also forgotten when it is used again); it only keeps the table small.
 */
import type { Clock } from '../core/shared/clock.js';
import type { IdempotencyKeys } from '../core/idempotency/idempotency-keys.js';

export const IDEMPOTENCY_PRUNE_INTERVAL_MS = 60 * 60 * 1000;

export interface IdempotencyPruneJob {
  stop(): Promise<void>;
}

export function startIdempotencyKeyPrune(keys: Pick<IdempotencyKeys<unknown>, 'prune'>, clock: Clock, onError: (error: unknown) => void): IdempotencyPruneJob {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    running ??= keys
      .prune(clock.now())
      .catch(onError)
      .finally(() => (running = undefined));
  }, IDEMPOTENCY_PRUNE_INTERVAL_MS);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
