/**
 * A merchant's workflow built from settings a contract read (docs/collection.md "Changing a
 * workflow"): the name and the definition, checked whole by `buildWorkflowDefinition`, with every
 * broken value named at once by its place in the definition (`reminders[0].fee`).
 */
import type { Workflow } from '../merchants/merchant.js';
import { buildWorkflowDefinition, courseOf, problemPath, type WorkflowDefinition, type WorkflowDefinitionInput } from './workflow-definition.js';

export interface WorkflowSettingsInput {
  name?: string | undefined;
  definition: WorkflowDefinitionInput;
  /**
   * Places the contract could not read at all (a fee that is no amount, a reminder that is no
   * object), reported beside the definition's own problems.
   */
  unreadable?: readonly string[];
}

export const MAX_WORKFLOW_NAME_LENGTH = 100;
/** Workflow numbers a merchant may use; Billink's sandbox has 1–3 (spec §3). */
export const WORKFLOW_NUMBERS = [1, 99] as const;

/** Settings on top of `base` (what the workflow is now, or the defaults for a new one). */
export function buildWorkflow(
  number: number,
  input: WorkflowSettingsInput,
  base: { name: string | undefined; definition: WorkflowDefinition },
): { ok: true; workflow: Workflow } | { ok: false; fields: string[] } {
  const fields = [...(input.unreadable ?? [])];
  const name = input.name === undefined ? base.name : input.name.trim();
  if (name === undefined || name.length === 0 || name.length > MAX_WORKFLOW_NAME_LENGTH) fields.push('name');
  const built = buildWorkflowDefinition(input.definition, base.definition);
  if (!built.ok) fields.push(...built.problems.map(problemPath));
  if (!built.ok || fields.length > 0) return { ok: false, fields: [...new Set(fields)] };
  return { ok: true, workflow: workflowOf(number, name!, built.definition) };
}

export function workflowOf(number: number, name: string, definition: WorkflowDefinition): Workflow {
  return {
    number,
    name,
    guaranteed: definition.guaranteed,
    maxAmount: definition.maxAmount,
    customerTypes: [...definition.customerTypes],
    paymentTermDays: definition.paymentTermDays,
    course: courseOf(definition),
  };
}
