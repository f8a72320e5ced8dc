/**
 * Sweeps checkout sessions that passed their 60 minutes while nobody looked at them, so their
 * `session_expired` event (and with it the session webhook) follows without a read. Reads expire
 * sessions lazily as well; this job only makes sure the unread ones are not forgotten.
 */
import type { CoreContext } from '../core/context.js';
import { expireOverdueSessions } from '../core/sessions/expire-session.js';

export interface SessionExpiryOptions {
  intervalMs: number;
  /** Sessions per transaction; a sweep repeats until a batch comes back short. */
  batchSize?: number;
  onError(error: unknown): void;
  /** Told after every timed sweep, for metrics. */
  onRound?(ok: boolean): void;
}

export interface SessionExpiryJob {
  /** Runs one sweep now and says how many sessions it expired. */
  sweep(): Promise<number>;
  /** Stops the timer and waits for a sweep in progress, so the database can close after it. */
  stop(): Promise<void>;
}

export function startSessionExpiry(context: CoreContext, options: SessionExpiryOptions): SessionExpiryJob {
  const batchSize = options.batchSize ?? 200;
  let stopped = false;
  let running: Promise<number> | undefined;

  const sweep = (): Promise<number> => {
    // One sweep at a time per process: a slow sweep is not overtaken by the next tick.
    running ??= (async () => {
      let expired = 0;
      try {
        for (;;) {
          const count = await expireOverdueSessions(context, batchSize);
          expired += count;
          if (count < batchSize || stopped) return expired;
        }
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  const timer = setInterval(() => {
    if (!stopped) {
      sweep().then(
        () => options.onRound?.(true),
        (error: unknown) => {
          options.onRound?.(false);
          options.onError(error);
        },
      );
    }
  }, options.intervalMs);
  timer.unref();

  return {
    sweep,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => 0);
    },
  };
}
