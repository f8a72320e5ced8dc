/**
 * Use case: apply every timer of one merchant's invoices that fell due up to `until`, earliest
 * first, each at its own due time (docs/collection.md "The timer runner"). The background runner
 * calls it with the merchant's time now; a sandbox clock advance calls it with the new time
 * (ClockFollowUp.applyDueSteps). Work goes in batches of transactions, each claiming its timer
 * rows with FOR UPDATE SKIP LOCKED and locking their invoices with one statement, so several
 * workers share the work, no step is applied twice, and a crash loses nothing: a timer row is
 * deleted in the transaction that applies it.
 */
import type { CoreContext } from '../../context.js';
import type { Merchant } from '../../merchants/merchant.js';
import type { Invoice } from '../../orders/invoice.js';
import type { AppliedSteps } from '../../sandbox/clock-follow-up.js';
import type { PersistedTransition } from '../../ports.js';
import { adoptInvoice, transitionOfInvoice } from './apply-to-invoice.js';
import { stepName } from './draft.js';

/** Timers per transaction: small enough to keep locks short, large enough to spare round trips. */
export const TIMER_BATCH = 200;

export interface ApplyDueStepsOptions {
  batchSize?: number;
  /** Stops after this many batches (the background runner comes back for the rest). */
  maxBatches?: number;
}

export async function applyDueSteps(context: CoreContext, merchant: Merchant, until: Date, options: ApplyDueStepsOptions = {}): Promise<AppliedSteps> {
  const batchSize = options.batchSize ?? TIMER_BATCH;
  const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
  const steps: Record<string, number> = {};
  await adoptStartedInvoices(context, merchant, until, batchSize);
  for (let batch = 0; batch < maxBatches; batch++) {
    const counted: string[] = [];
    const claimed = await context.store.transaction(async (tx) => {
      const timers = await tx.lifeCycles.claimDue({ merchantId: merchant.id, until, limit: batchSize });
      if (timers.length === 0) return 0;
      const invoices = new Map<string, Invoice>();
      for (const invoice of await tx.lifeCycles.lockInvoices([...new Set(timers.map((timer) => timer.invoiceId))])) invoices.set(invoice.id, invoice);
      // The batch's transitions are persisted together (persistAll), in the order they were
      // applied: on PostgreSQL one statement per table for the batch instead of five statements
      // and a round trip per invoice (docs/benchmarks.md "Test clock advance and timer runner").
      let pending: PersistedTransition[] = [];
      for (const timer of timers) {
        const invoice = invoices.get(timer.invoiceId);
        // A stale timer (moved, cancelled or already applied) applies nothing; its row goes, in
        // its place in the order.
        const { applied, record } = invoice ? transitionOfInvoice(merchant, invoice, { type: 'timer', kind: timer.kind, dueAt: timer.dueAt }, timer.dueAt) : { applied: undefined, record: undefined };
        if (!applied?.ok || !record) {
          await tx.lifeCycles.persistAll(pending);
          pending = [];
          await tx.lifeCycles.drop(timer);
          continue;
        }
        pending.push(record);
        invoices.set(applied.invoice.id, applied.invoice);
        // A payout or a hold's end is no step of the course.
        if (timer.kind !== 'payout' && timer.kind !== 'hold_end') counted.push(stepName(applied.state));
      }
      await tx.lifeCycles.persistAll(pending);
      return timers.length;
    });
    // Counted once the batch committed.
    for (const name of counted) steps[name] = (steps[name] ?? 0) + 1;
    // A step schedules the next one, which may fall due before `until` too: look again until a
    // batch finds nothing.
    if (claimed === 0) break;
  }
  return { steps };
}

/** Started invoices from before the life cycle get their state and timer rows first. */
async function adoptStartedInvoices(context: CoreContext, merchant: Merchant, at: Date, batchSize: number): Promise<void> {
  for (;;) {
    const adopted = await context.store.transaction(async (tx) => {
      const invoices = await tx.lifeCycles.claimUnadopted({ merchantId: merchant.id, limit: batchSize });
      for (const invoice of invoices) await adoptInvoice(tx, merchant, invoice, at);
      return invoices.length;
    });
    if (adopted < batchSize) return;
  }
}
