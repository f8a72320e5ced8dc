/**
 * Reads of one key that must each see everything committed before they were asked for, shared by
 * the calls that wait at the same moment. A call never takes the answer of a read that was already
 * on its way when the call came (that read may have started before a write the caller has seen);
 * it waits for the next read, which starts the moment the one in flight is answered and answers
 * every call that came in the meantime. So a busy key costs at most one statement in flight per
 * node instead of one per call, and no call gets an older answer than a read of its own would.
 * The same batching as the shared rate-limit counter (shared-window-counter.ts).
 */
interface Waiter<Value> {
  resolve(value: Value): void;
  reject(error: unknown): void;
}

interface Pending<Value> {
  /** Calls that came after the read in flight was sent: they go with the next read. */
  waiting: Waiter<Value>[];
  sending: boolean;
}

export class CoalescedRead<Value> {
  /** Only keys with a read in flight or waiting; an entry leaves when its last read is answered. */
  private readonly pending = new Map<string, Pending<Value>>();

  constructor(private readonly read: (key: string) => Promise<Value>) {}

  get(key: string): Promise<Value> {
    let pending = this.pending.get(key);
    if (!pending) {
      pending = { waiting: [], sending: false };
      this.pending.set(key, pending);
    }
    const answered = new Promise<Value>((resolve, reject) => pending.waiting.push({ resolve, reject }));
    if (!pending.sending) void this.send(key, pending);
    return answered;
  }

  private async send(key: string, pending: Pending<Value>): Promise<void> {
    pending.sending = true;
    while (pending.waiting.length > 0) {
      const waiting = pending.waiting;
      pending.waiting = [];
      try {
        const value = await this.read(key);
        for (const waiter of waiting) waiter.resolve(value);
      } catch (error) {
        for (const waiter of waiting) waiter.reject(error);
      }
    }
    pending.sending = false;
    this.pending.delete(key);
  }
}
