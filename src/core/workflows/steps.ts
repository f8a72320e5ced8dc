/**
 * Where an invoice stands in the collection workflow. The status call shows the step's name
 * (spec §2.4: "No steps given" before the start, the current step name after).
 */
export const WORKFLOW_STEPS = {
  not_started: 'No steps given',
  wait_for_payment: 'Wait for payment',
  reminder: 'Reminder',
  collection: 'Collection',
  paid: 'Paid',
  credited: 'Credited',
} as const;

export type WorkflowStep = keyof typeof WORKFLOW_STEPS;

export function stepDescription(step: WorkflowStep): string {
  return WORKFLOW_STEPS[step];
}
