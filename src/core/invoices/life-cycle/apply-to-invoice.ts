/**
 * Runs one life-cycle command on an invoice whose row the caller's transaction has locked, and
 * persists the transition in that transaction (house rules 4 and 5). Every use case that changes
 * an invoice's course goes through here: start workflow, payment, credit, on hold, resume, the
 * timer runner and disputes.
 */
import type { Merchant } from '../../merchants/merchant.js';
import type { Invoice } from '../../orders/invoice.js';
import type { PersistedTransition, Repositories } from '../../ports.js';
import { courseOfInvoice, lifeCycleColumns, lifeCycleOf } from './invoice-life-cycle.js';
import { applyCommand } from './life-cycle.js';
import type { LifeCycleCommand, TransitionResult } from './types.js';

export type AppliedTransition = TransitionResult & { invoice: Invoice };

export async function applyToInvoice(
  tx: Repositories,
  merchant: Merchant,
  invoice: Invoice,
  command: LifeCycleCommand,
  at: Date,
  description?: string,
): Promise<AppliedTransition> {
  const { applied, record } = transitionOfInvoice(merchant, invoice, command, at, description);
  if (record) await tx.lifeCycles.persist(record);
  return applied;
}

/**
 * What `applyToInvoice` does before it persists: the transition and the record to persist, for a
 * caller that persists a batch of them at once (the timer runner, apply-due-steps.ts). No record
 * when the command was refused.
 */
export function transitionOfInvoice(
  merchant: Merchant,
  invoice: Invoice,
  command: LifeCycleCommand,
  at: Date,
  description?: string,
): { applied: AppliedTransition; record: PersistedTransition | undefined } {
  const definition = courseOfInvoice(merchant, invoice);
  const state = lifeCycleOf(invoice, definition);
  const result = applyCommand(state, command, at, definition);
  if (!result.ok) return { applied: { ...result, invoice }, record: undefined };
  // A state derived from the row has no timer rows yet: all of its timers are written now.
  const timers = invoice.lifeCycle ? result.timers : { cancel: [], schedule: result.state.timers };
  const columns = lifeCycleColumns(result.state, definition);
  return {
    applied: { ...result, invoice: { ...invoice, ...columns, lifeCycle: result.state } },
    record: { merchantId: merchant.id, invoice, transition: { ...result, timers }, columns, at, description },
  };
}

/**
 * Writes the state derived from the row of a started invoice from before the life cycle, with its
 * timer rows, so the timer runner finds its next step (docs/collection.md "Invoices from before
 * the life cycle"). Changes nothing the invoice's answers show.
 */
export async function adoptInvoice(tx: Repositories, merchant: Merchant, invoice: Invoice, at: Date): Promise<void> {
  const definition = courseOfInvoice(merchant, invoice);
  const state = lifeCycleOf(invoice, definition);
  await tx.lifeCycles.persist({
    merchantId: merchant.id,
    invoice,
    transition: { state, timers: { cancel: [], schedule: state.timers }, events: [], mails: [], ledger: [], settlements: [] },
    columns: lifeCycleColumns(state, definition),
    at,
  });
}
