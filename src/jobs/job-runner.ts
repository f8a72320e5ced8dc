/**
 * Runs durable jobs in loops: each job works while it finds work, then sleeps until the poll
 * interval passes or someone wakes it (a commit that queued work). The rows are the truth, so a
 * lost wake-up costs at most one poll interval and a crash loses nothing.
 */

export interface Job {
  name: string;
  /** Does one round of work; true when there may be more right away. */
  runOnce(): Promise<boolean>;
  /** Finishes work in progress (e.g. requests in flight) before the runner returns from stop(). */
  drain?(): Promise<void>;
}

export interface JobLog {
  error(details: { err: unknown; job: string }, message: string): void;
}

export const DEFAULT_POLL_INTERVAL_MS = 1_000;

interface Loop {
  job: Job;
  woken: boolean;
  wake: (() => void) | undefined;
  done: Promise<void>;
}

export class JobRunner {
  private readonly loops = new Map<string, Loop>();
  private stopping = false;

  constructor(
    private readonly jobs: readonly Job[],
    private readonly options: {
      pollIntervalMs?: number;
      log: JobLog;
      /** Told after every round of a job, for metrics. */
      onRound?: (job: string, ok: boolean) => void;
    },
  ) {}

  /** True from start() until stop(): readiness reports it. */
  get running(): boolean {
    return this.loops.size > 0 && !this.stopping;
  }

  start(): void {
    for (const job of this.jobs) {
      const loop: Loop = { job, woken: false, wake: undefined, done: Promise.resolve() };
      loop.done = this.run(loop);
      this.loops.set(job.name, loop);
    }
  }

  /** Makes the named job (or all) look for work now. */
  wake(name?: string): void {
    for (const loop of this.loops.values()) {
      if (name !== undefined && loop.job.name !== name) continue;
      loop.woken = true;
      loop.wake?.();
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await Promise.all([...this.loops.values()].map((loop) => loop.done));
    await Promise.all(this.jobs.map((job) => job.drain?.()));
  }

  private async run(loop: Loop): Promise<void> {
    const interval = this.options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    while (!this.stopping) {
      loop.woken = false;
      let more = false;
      try {
        more = await loop.job.runOnce();
        this.options.onRound?.(loop.job.name, true);
      } catch (error) {
        // A database that is down or restarting: log it and try again after the interval.
        this.options.log.error({ err: error, job: loop.job.name }, 'job round failed');
        this.options.onRound?.(loop.job.name, false);
      }
      if (more || loop.woken || this.stopping) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, interval);
        loop.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      loop.wake = undefined;
    }
  }
}
