/**
 * Counting in fixed one-minute windows. The count lives behind `WindowCounter`: in memory for one
 * process (PGlite), or in PostgreSQL, shared by every node (store/shared-window-counter.ts).
 */
import type { RateLimiter } from '../invoices/invoice-status.js';

export const WINDOW_MS = 60_000;

export interface WindowCounter {
  /** Adds one to the key's count in the window that holds `now`; answers the count with it. */
  add(key: string, now: Date): number | Promise<number>;
}

/** The window that holds a moment, as a whole number of minutes since 1970. */
export function windowOf(now: Date): number {
  return Math.floor(now.getTime() / WINDOW_MS);
}

export class MemoryWindowCounter implements WindowCounter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  add(key: string, now: Date): number {
    const minute = windowOf(now);
    const window = this.windows.get(key);
    if (!window || window.start !== minute) {
      if (this.windows.size > 10_000) this.windows.clear();
      this.windows.set(key, { start: minute, count: 1 });
      return 1;
    }
    window.count += 1;
    return window.count;
  }
}

/** At most `perMinute` calls per key and window; calls over the limit count too. */
export class FixedWindowLimiter implements RateLimiter {
  /** Key -> the last window in which this node refused it; at most 10,000 keys. */
  private readonly refused = new Map<string, number>();

  constructor(
    private readonly perMinute: number,
    private readonly counter: WindowCounter = new MemoryWindowCounter(),
    /** Keeps the keys of different limits apart in one shared counter. */
    private readonly prefix = '',
  ) {}

  allow(key: string, now: Date): boolean | Promise<boolean> {
    const count = this.counter.add(this.prefix + key, now);
    return typeof count === 'number' ? this.judge(key, now, count) : count.then((total) => this.judge(key, now, total));
  }

  refusedLately(key: string, now: Date): boolean {
    return this.refused.size > 0 && this.refused.get(key) === windowOf(now);
  }

  private judge(key: string, now: Date, count: number): boolean {
    if (count <= this.perMinute) return true;
    if (this.refused.size >= 10_000) this.refused.clear();
    this.refused.set(key, windowOf(now));
    return false;
  }
}
