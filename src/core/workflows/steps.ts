/**
 * Where an invoice stands in the collection workflow. The status call shows the step's name
 * (spec §2.4: "No steps given" before the start, the current step name after); the names are the
 * life cycle's (invoices/life-cycle `stepName`, docs/collection.md "The workflow definition").
 */
import { reminderName, STEP_NAMES } from './workflow-definition.js';

export const WORKFLOW_STEPS = ['not_started', 'wait_for_payment', 'reminder', 'final_notice', 'collection', 'paid', 'credited'] as const;

export type WorkflowStep = (typeof WORKFLOW_STEPS)[number];

/** The step's name; `reminderNumber` says which reminder (1-based) a `reminder` step is. */
export function stepDescription(step: WorkflowStep, reminderNumber = 1): string {
  switch (step) {
    case 'reminder':
      return reminderName(Math.max(1, reminderNumber));
    case 'paid':
      return 'Paid';
    case 'credited':
      return 'Credited';
    default:
      return STEP_NAMES[step];
  }
}
