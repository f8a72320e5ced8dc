/**
 * The workflows section of the settings page: one form per workflow with its whole course. Number
 * fields are text fields with a numeric keyboard, not `type=number`: a browser would refuse an
 * out-of-range value with its own words, and the person should read the same sentence the server
 * gives for every refusal, in the page's language.
 */
import type { Workflow } from '../../core/merchants/merchant.js';
import { csrfField, escapeHtml, notice, problemSummary, type Viewer } from './layout.js';
import { type Language, TEXTS } from './page-text.js';
import { type WorkflowFormValues, workflowFormValues } from './workflow-form.js';
import { WORKFLOW_TEXTS } from './workflow-text.js';

export interface WorkflowSectionInput {
  language: Language;
  prefix: string;
  viewer: Viewer;
  workflows: readonly Workflow[];
  /** The workflow whose form was just refused or saved, with what was typed when refused. */
  current?: { number: number; values?: WorkflowFormValues; problems: readonly string[]; saved: boolean; invalid?: ReadonlySet<string> } | undefined;
}

export function renderWorkflows(input: WorkflowSectionInput): string {
  const words = WORKFLOW_TEXTS[input.language];
  const forms = input.workflows.map((workflow) => {
    const current = input.current?.number === workflow.number ? input.current : undefined;
    return renderWorkflowForm(input, workflow, current?.values ?? workflowFormValues(workflow, input.language), current);
  });
  return `<h2 id="workflows">${escapeHtml(words.workflows)}</h2>
<p class="warning" data-testid="workflows-note">${escapeHtml(words.workflowsNote)}</p>
${forms.length > 0 ? forms.join('\n') : `<p>${escapeHtml(words.noWorkflows)}</p>`}`;
}

function renderWorkflowForm(
  input: WorkflowSectionInput,
  workflow: Workflow,
  values: WorkflowFormValues,
  current: WorkflowSectionInput['current'],
): string {
  const words = WORKFLOW_TEXTS[input.language];
  const n = workflow.number;
  const id = (name: string) => `wf${n}-${name}`;
  const invalid = (name: string) => current?.invalid?.has(name) ?? false;
  const field = (name: string, label: string, value: string, options: { hint?: string; numeric?: boolean } = {}) => {
    const hint = options.hint ? `<p class="hint" id="${id(name)}-hint">${escapeHtml(options.hint)}</p>` : '';
    const described = options.hint ? ` aria-describedby="${id(name)}-hint"` : '';
    const mode = `${options.numeric ? ' inputmode="numeric"' : ' inputmode="decimal"'}${invalid(name) ? ' aria-invalid="true"' : ''}`;
    return `<div class="field${invalid(name) ? ' invalid' : ''}"><label for="${id(name)}">${escapeHtml(label)}</label>${hint}<input type="text" id="${id(name)}" name="${name}" value="${escapeHtml(
      value,
    )}"${mode}${described} autocomplete="off"></div>`;
  };
  const days = (name: string, label: string, value: string, hint?: string) => field(name, label, value, { numeric: true, ...(hint ? { hint } : {}) });
  const reminderRows = values.reminders
    .map(
      (row, index) => `<fieldset class="field reminder"><legend>${escapeHtml(words.reminderLegend(index + 1))}</legend>
${days(`reminderWait${index + 1}`, words.reminderWait, row.wait)}
${field(`reminderFee${index + 1}`, words.reminderFee, row.fee)}
</fieldset>`,
    )
    .join('\n');
  const checkbox = (name: string, value: string, label: string, checked: boolean) =>
    `<div class="choice"><input type="checkbox" id="${id(`${name}-${value}`)}" name="${name}" value="${value}"${checked ? ' checked' : ''}><label for="${id(
      `${name}-${value}`,
    )}">${escapeHtml(label)}</label></div>`;
  return `<section class="workflow" id="workflow-${n}" aria-labelledby="${id('heading')}" data-testid="workflow-${n}">
<h3 id="${id('heading')}">${escapeHtml(words.workflowHeading(n, workflow.name))}</h3>
${notice(current?.saved ? words.workflowSaved(n) : undefined)}
${problemSummary(TEXTS[input.language], current?.problems ?? [])}
<form method="post" action="${input.prefix}/dashboard/settings/workflow" novalidate>${csrfField(input.viewer)}
<input type="hidden" name="number" value="${n}">
${field('name', words.workflowName, values.name)}
<div class="workflow-grid">
${days('paymentTermDays', words.paymentTermDays, values.paymentTermDays, words.paymentTermHint)}
${days('startDelayDays', words.startDelayDays, values.startDelayDays, words.startDelayHint)}
</div>
<h4>${escapeHtml(words.reminders)}</h4>
<p class="hint">${escapeHtml(words.remindersHint)}</p>
<div class="workflow-grid">${reminderRows}</div>
<h4>${escapeHtml(words.collection)}</h4>
<div class="workflow-grid">
${days('finalNoticeWaitDays', words.finalNoticeWaitDays, values.finalNoticeWaitDays, words.finalNoticeHint)}
${field('businessCompensation', words.businessCompensation, values.businessCompensation)}
</div>
<h4>${escapeHtml(words.guarantee)}</h4>
${checkbox('guaranteed', 'yes', words.guaranteed, values.guaranteed)}
<div class="workflow-grid">
${days('guaranteedAfterDays', words.guaranteedAfterDays, values.guaranteedAfterDays)}
${field('feePercent', words.feePercent, values.feePercent)}
${field('feeFixed', words.feeFixed, values.feeFixed)}
</div>
<h4>${escapeHtml(words.limits)}</h4>
${field('maxAmount', words.maxAmount, values.maxAmount, { hint: words.maxAmountHint })}
<fieldset class="field${invalid('customerTypes') ? ' invalid' : ''}"><legend>${escapeHtml(words.customerTypes)}</legend>
${checkbox('customerTypes', 'P', words.privateCustomers, values.customerTypes.includes('P'))}
${checkbox('customerTypes', 'B', words.businessCustomers, values.customerTypes.includes('B'))}
</fieldset>
<button type="submit" class="primary">${escapeHtml(words.saveWorkflow(n))}</button>
</form>
</section>`;
}
