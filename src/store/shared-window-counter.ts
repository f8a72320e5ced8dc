/**
 * The rate-limit counter on PostgreSQL, shared by every node: one row per key and window, added to
 * with an atomic upsert. Calls for one key that arrive while its upsert is on its way wait and go
 * together in the next one, so a busy key costs at most one statement in flight per node, not one
 * per request, and each call still gets its exact place in the shared count.
 */
import { type WindowCounter, windowOf } from '../core/shared/fixed-window-limiter.js';
import type { Queryable } from './database.js';

interface Waiter {
  resolve(count: number): void;
  reject(error: unknown): void;
}

interface Batch {
  key: string;
  window: number;
  waiting: Waiter[];
  sending: boolean;
}

const ADD = `INSERT INTO rate_windows (key, window_start, count) VALUES ($1, $2, $3)
  ON CONFLICT (key, window_start) DO UPDATE SET count = rate_windows.count + EXCLUDED.count
  RETURNING count`;

export class SharedWindowCounter implements WindowCounter {
  private readonly batches = new Map<string, Batch>();
  private prunedWindow = 0;

  constructor(private readonly db: Queryable) {}

  add(key: string, now: Date): Promise<number> {
    const window = windowOf(now);
    const id = `${window}:${key}`;
    let batch = this.batches.get(id);
    if (!batch) {
      batch = { key, window, waiting: [], sending: false };
      this.batches.set(id, batch);
    }
    const counted = new Promise<number>((resolve, reject) => batch.waiting.push({ resolve, reject }));
    if (!batch.sending) void this.send(id, batch);
    if (window > this.prunedWindow) this.prune(window);
    return counted;
  }

  private async send(id: string, batch: Batch): Promise<void> {
    batch.sending = true;
    while (batch.waiting.length > 0) {
      const waiting = batch.waiting;
      batch.waiting = [];
      try {
        const [row] = await this.db.query<{ count: number }>(ADD, [batch.key, batch.window, waiting.length]);
        // The batch took the last `waiting.length` places of the count it got back.
        const first = Number(row!.count) - waiting.length + 1;
        waiting.forEach((waiter, index) => waiter.resolve(first + index));
      } catch (error) {
        for (const waiter of waiting) waiter.reject(error);
      }
    }
    batch.sending = false;
    this.batches.delete(id);
  }

  /** Once per window and node: rows of windows that have ended are no longer read. */
  private prune(window: number): void {
    this.prunedWindow = window;
    this.db.query('DELETE FROM rate_windows WHERE window_start < $1', [window - 1]).catch(() => {
      // Pruning is housekeeping: the next window tries again.
    });
  }
}
