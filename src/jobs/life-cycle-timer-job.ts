/**
 * The timer runner (docs/collection.md "The timer runner"): finds the merchants with timers due
 * at their own time (real time plus a sandbox merchant's test-clock offset, so a moved sandbox
 * clock fires in the background too) and applies their due steps through the core's
 * applyDueSteps, a few batches per merchant per round. Several workers can run it at once on
 * PostgreSQL: timer rows are claimed with FOR UPDATE SKIP LOCKED and deleted in the transaction
 * that applies them, so no step is applied twice and a crash loses nothing.
 */
import type { CoreContext } from '../core/context.js';
import { applyDueSteps } from '../core/invoices/life-cycle/apply-due-steps.js';
import { merchantNow } from '../core/shared/merchant-clocks.js';
import type { Job } from './job-runner.js';

export interface LifeCycleTimerJobOptions {
  /** Merchants looked at per round. */
  merchantsPerRound?: number;
  /** Transactions per merchant per round, so one busy merchant cannot starve the others. */
  batchesPerMerchant?: number;
  batchSize?: number;
}

export class LifeCycleTimerJob implements Job {
  readonly name = 'life-cycle-timers';

  constructor(
    private readonly context: CoreContext,
    private readonly options: LifeCycleTimerJobOptions = {},
  ) {}

  /** One round; true when steps were applied and more may be due right away. */
  async runOnce(): Promise<boolean> {
    const { context } = this;
    // The core's clock is real time (a test's manual clock); each merchant's offset is added in SQL.
    const ids = await context.store.read.lifeCycles.merchantsWithDueWork(context.clock.now(), this.options.merchantsPerRound ?? 50);
    let applied = 0;
    for (const id of ids) {
      const merchant = await context.store.merchants.findById(id);
      if (!merchant) continue;
      const { steps } = await applyDueSteps(context, merchant, merchantNow(context, merchant), {
        maxBatches: this.options.batchesPerMerchant ?? 5,
        ...(this.options.batchSize ? { batchSize: this.options.batchSize } : {}),
      });
      applied += Object.values(steps).reduce((sum, count) => sum + count, 0);
    }
    return applied > 0;
  }
}
