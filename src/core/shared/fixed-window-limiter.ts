/**
 * Counts requests per key in fixed one-minute windows. State lives in memory, so with several
 * API nodes each node enforces the limit on its own share (documented in docs/legacy-api.md).
 */
import type { RateLimiter } from '../invoices/invoice-status.js';

export class FixedWindowLimiter implements RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly perMinute: number) {}

  allow(key: string, now: Date): boolean {
    const minute = Math.floor(now.getTime() / 60_000);
    const window = this.windows.get(key);
    if (!window || window.start !== minute) {
      if (this.windows.size > 10_000) this.windows.clear();
      this.windows.set(key, { start: minute, count: 1 });
      return true;
    }
    window.count += 1;
    return window.count <= this.perMinute;
  }
}
