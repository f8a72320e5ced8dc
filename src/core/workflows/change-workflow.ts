/**
 * Use case: a merchant changes one of its workflows (docs/collection.md "Changing a workflow").
 * What the request leaves out keeps the workflow's current value; the result is checked whole and
 * nothing is stored when any value is broken. The row is locked, so two changes at once apply one
 * after the other and neither is lost. A change applies to invoices whose workflow starts after it:
 * a started invoice keeps the course it was started on (its due date and steps were set then).
 */
import type { CoreContext } from '../context.js';
import type { Merchant, Workflow } from '../merchants/merchant.js';
import { DomainError } from '../shared/errors.js';
import { definitionOfWorkflow } from './workflow-definition.js';
import { buildWorkflow, type WorkflowSettingsInput } from './workflow-settings.js';

export const CHANGE_WORKFLOW_ERRORS = ['workflow_unknown', 'workflow_settings_invalid'] as const;
export type ChangeWorkflowError = (typeof CHANGE_WORKFLOW_ERRORS)[number];

export async function changeWorkflow(
  context: CoreContext,
  merchant: Merchant,
  number: number | undefined,
  change: WorkflowSettingsInput,
): Promise<Workflow> {
  const unknown = () => new DomainError<ChangeWorkflowError>('workflow_unknown', { number: number === undefined ? '' : String(number) });
  if (number === undefined || !Number.isInteger(number)) throw unknown();
  const workflow = await context.store.transaction(async (tx) => {
    const current = await tx.merchantAccounts.findWorkflowForUpdate(merchant.id, number);
    if (!current) throw unknown();
    const built = buildWorkflow(number, change, { name: current.name, definition: definitionOfWorkflow(current) });
    if (!built.ok) throw new DomainError<ChangeWorkflowError>('workflow_settings_invalid', { fields: built.fields.join(', ') });
    await tx.merchantAccounts.saveWorkflow(merchant.id, built.workflow);
    return built.workflow;
  });
  // This node authenticates the merchant from its cache: drop it, so the next request reads the change.
  context.store.merchants.forget(merchant.username);
  return workflow;
}
