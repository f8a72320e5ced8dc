/**
 * Keeps the request log off the request path (docs/operations.md "The API request log"): a
 * finished request only pushes a small record onto an in-memory batch; every half second (or at
 * 500 records) one INSERT writes the batch. The batch is bounded: past 10,000 waiting records (the
 * database is away) new ones are dropped and counted, never queued without end. Once a minute rows
 * older than 24 hours are deleted.
 */
import { type NewLoggedRequest, REQUEST_LOG_RETENTION_HOURS } from '../core/request-log.js';

export interface RequestLogStore {
  append(rows: readonly NewLoggedRequest[]): Promise<void>;
  prune(before: Date): Promise<void>;
}

export const FLUSH_EVERY_MS = 500;
export const FLUSH_AT = 500;
export const MAX_WAITING = 10_000;
const PRUNE_EVERY_MS = 60_000;

export class RequestLogWriter {
  private waiting: NewLoggedRequest[] = [];
  private flushing: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;
  private lastPrune = 0;
  /** Records dropped because the batch was full. */
  dropped = 0;

  constructor(
    private readonly store: RequestLogStore,
    private readonly onError: (error: unknown) => void,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  add(record: NewLoggedRequest): void {
    if (this.waiting.length >= MAX_WAITING) {
      this.dropped += 1;
      return;
    }
    this.waiting.push(record);
    if (this.waiting.length >= FLUSH_AT) void this.flush();
  }

  /** Writes what is waiting; one flush at a time. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    if (this.waiting.length === 0 && this.now().getTime() - this.lastPrune < PRUNE_EVERY_MS) return Promise.resolve();
    const batch = this.waiting;
    this.waiting = [];
    this.flushing = this.write(batch)
      .catch(this.onError)
      .finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private async write(batch: NewLoggedRequest[]): Promise<void> {
    await this.store.append(batch);
    const now = this.now();
    if (now.getTime() - this.lastPrune >= PRUNE_EVERY_MS) {
      this.lastPrune = now.getTime();
      await this.store.prune(new Date(now.getTime() - REQUEST_LOG_RETENTION_HOURS * 3_600_000));
    }
  }

  /** Stops the timer and writes the last batch. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flushing;
    await this.flush();
  }
}
