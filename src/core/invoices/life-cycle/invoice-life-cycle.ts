/**
 * Between an invoice row and its life cycle: the workflow definition that drives an invoice, its
 * state (stored, or derived from the row for an invoice that has not been through the life cycle
 * yet), and the invoice columns kept in step with the state.
 */
import type { Merchant } from '../../merchants/merchant.js';
import { findWorkflow } from '../../merchants/merchant.js';
import type { Invoice } from '../../orders/invoice.js';
import { addDays, amsterdamDate } from '../../shared/dates.js';
import { DEFAULT_WORKFLOW_DEFINITION, definitionOfWorkflow, type WorkflowDefinition } from '../../workflows/workflow-definition.js';
import { timerOn } from './draft.js';
import { isPaidOut, newLifeCycle } from './life-cycle.js';
import type { LifeCycleState, Timer } from './types.js';

/**
 * The course an invoice runs on: the copy its start kept (docs/collection.md "Changing a
 * workflow"), or for one not started yet, and one started before the copy was kept, its
 * workflow's current definition.
 */
export function courseOfInvoice(merchant: Merchant, invoice: Pick<Invoice, 'lifeCycle' | 'workflowNumber'>): WorkflowDefinition {
  return invoice.lifeCycle?.course ?? definitionFor(merchant, invoice.workflowNumber);
}

/** The course of an invoice's workflow; a workflow the merchant no longer has runs the defaults. */
export function definitionFor(merchant: Merchant, workflowNumber: number): WorkflowDefinition {
  const workflow = findWorkflow(merchant, workflowNumber);
  return workflow ? definitionOfWorkflow(workflow) : DEFAULT_WORKFLOW_DEFINITION;
}

/**
 * The invoice's life-cycle state. An invoice whose row carries none (placed before the life cycle
 * was stored, or not changed since it was placed) gets one derived from its row (docs/collection.md
 * "Invoices from before the life cycle"): not started is a new life cycle; a started one counts as
 * invoiced on its start day (its due date was counted from the start), with the step after its
 * due date scheduled, payments counted as paid to the merchant, and a guaranteed one as paid out
 * (status said PAIDOUT 1 from the start before).
 */
export function lifeCycleOf(invoice: Invoice, definition: WorkflowDefinition): LifeCycleState {
  if (invoice.lifeCycle) return invoice.lifeCycle;
  const state = newLifeCycle({ total: invoice.total, customerType: invoice.customer.type, countryCode: invoice.customer.address.countryCode });
  state.paid = invoice.paid;
  state.paidToMerchant = invoice.paid;
  state.credited = invoice.credited;
  if (invoice.status !== 'open') {
    state.step = invoice.status;
    state.workflowStartedAt = invoice.workflowStartedAt;
    return state;
  }
  if (invoice.step === 'not_started' || !invoice.workflowStartedAt) return state;
  state.step = 'wait_for_payment';
  state.workflowStartedAt = invoice.workflowStartedAt;
  state.invoiceSentOn = amsterdamDate(invoice.workflowStartedAt);
  state.dueDate = invoice.dueDate ?? addDays(state.invoiceSentOn, definition.paymentTermDays);
  const next = timerOn(definition.reminders.length > 0 ? 'reminder' : 'final_notice', addDays(state.dueDate, 1));
  if (definition.guaranteed) {
    state.payouts = 1;
    state.paidOut = state.total - state.credited - state.paidToMerchant;
  }
  if (invoice.onHoldUntil) {
    const holdEnd: Timer = { kind: 'hold_end', dueAt: invoice.onHoldUntil, day: undefined };
    state.pause = { since: invoice.workflowStartedAt, holdUntil: invoice.onHoldUntil, dispute: false, timers: [next] };
    state.timers = [holdEnd];
  } else {
    state.timers = [next];
  }
  return state;
}

/** The invoice columns that status, exposure and the lists read, as the state has them. */
export interface LifeCycleColumns {
  status: Invoice['status'];
  step: Invoice['step'];
  reminderNumber: number;
  paid: number;
  credited: number;
  costs: number;
  costsPaid: number;
  dueDate: Invoice['dueDate'];
  onHoldUntil: Invoice['onHoldUntil'];
  workflowStartedAt: Invoice['workflowStartedAt'];
  paidOut: boolean;
  disputeOpen: boolean;
}

export function lifeCycleColumns(state: LifeCycleState, definition: WorkflowDefinition): LifeCycleColumns {
  return {
    status: state.step === 'paid' || state.step === 'credited' ? state.step : 'open',
    step: state.step,
    reminderNumber: state.reminderNumber,
    paid: state.paid,
    credited: state.credited,
    costs: state.costs,
    costsPaid: state.costsPaid,
    dueDate: state.dueDate,
    onHoldUntil: state.pause?.holdUntil,
    workflowStartedAt: state.workflowStartedAt,
    paidOut: isPaidOut(state, definition),
    disputeOpen: state.disputeOpen,
  };
}
