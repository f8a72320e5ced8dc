/**
 * The workflow form of the settings page (docs/dashboard.md "Workflows"): the values a workflow
 * shows in it, and a posted form read into the same settings the v2 `workflow/set` hands the
 * change-workflow use case. The form always carries the whole workflow, so an empty field is a
 * value the person left out, never "keep what it was". Values that cannot be read at all are named
 * by their place in the definition, as the v2 reader names them, so the core reports them beside
 * its own problems and the sentences below cover both.
 */
import type { Workflow } from '../../core/merchants/merchant.js';
import type { CustomerType } from '../../core/orders/customer.js';
import { type Cents, formatAmount, parseAmount } from '../../core/shared/money.js';
import { definitionOfWorkflow, LIMITS, type ReminderStep, type WorkflowDefinitionInput } from '../../core/workflows/workflow-definition.js';
import type { WorkflowSettingsInput } from '../../core/workflows/workflow-settings.js';
import { formAmount } from './invoice-actions.js';
import type { Language } from './page-text.js';
import { WORKFLOW_TEXTS } from './workflow-text.js';

/** As many reminder rows as a workflow may have reminders. */
export const REMINDER_ROWS = LIMITS.reminderCount[1];

export interface WorkflowFormValues {
  name: string;
  paymentTermDays: string;
  startDelayDays: string;
  reminders: { wait: string; fee: string }[];
  finalNoticeWaitDays: string;
  businessCompensation: string;
  guaranteed: boolean;
  guaranteedAfterDays: string;
  feePercent: string;
  feeFixed: string;
  maxAmount: string;
  customerTypes: string[];
}

/** Amounts in the form are written as the language writes them: `7,50` in Dutch, `7.50` in English. */
export function formAmountText(cents: Cents, language: Language): string {
  const text = formatAmount(cents);
  return language === 'nl' ? text.replace('.', ',') : text;
}

export function workflowFormValues(workflow: Workflow, language: Language): WorkflowFormValues {
  const definition = definitionOfWorkflow(workflow);
  const reminders = Array.from({ length: REMINDER_ROWS }, (_, index) => {
    const step = definition.reminders[index];
    return step ? { wait: String(step.waitDays), fee: formAmountText(step.fee, language) } : { wait: '', fee: '' };
  });
  return {
    name: workflow.name,
    paymentTermDays: String(definition.paymentTermDays),
    startDelayDays: String(definition.startDelayDays),
    reminders,
    finalNoticeWaitDays: String(definition.finalNoticeWaitDays),
    businessCompensation: formAmountText(definition.businessCompensation, language),
    guaranteed: definition.guaranteed,
    guaranteedAfterDays: String(definition.payout.guaranteedAfterDays),
    // A percentage with two decimals is a number of basis points written with a decimal mark.
    feePercent: formAmountText(definition.payout.feeBasisPoints, language),
    feeFixed: formAmountText(definition.payout.feeFixed, language),
    maxAmount: definition.maxAmount === null ? '' : formAmountText(definition.maxAmount, language),
    customerTypes: [...definition.customerTypes],
  };
}

/** What the person typed, kept so a refused form shows it again. */
export function postedFormValues(form: URLSearchParams): WorkflowFormValues {
  const get = (name: string) => form.get(name) ?? '';
  return {
    name: get('name'),
    paymentTermDays: get('paymentTermDays'),
    startDelayDays: get('startDelayDays'),
    reminders: Array.from({ length: REMINDER_ROWS }, (_, index) => ({ wait: get(`reminderWait${index + 1}`), fee: get(`reminderFee${index + 1}`) })),
    finalNoticeWaitDays: get('finalNoticeWaitDays'),
    businessCompensation: get('businessCompensation'),
    guaranteed: form.get('guaranteed') === 'yes',
    guaranteedAfterDays: get('guaranteedAfterDays'),
    feePercent: get('feePercent'),
    feeFixed: get('feeFixed'),
    maxAmount: get('maxAmount'),
    customerTypes: form.getAll('customerTypes'),
  };
}

export interface ReadWorkflowForm {
  settings: WorkflowSettingsInput;
  /** The form row of each reminder the settings hold, so a problem names the row that was typed. */
  reminderRows: number[];
}

/** The posted form as settings for the change-workflow use case. */
export function readWorkflowForm(values: WorkflowFormValues): ReadWorkflowForm {
  const unreadable: string[] = [];
  const days = (text: string, place: string): number | undefined => {
    const trimmed = text.trim();
    if (/^-?\d{1,9}$/.test(trimmed)) return Number(trimmed);
    unreadable.push(place);
    return undefined;
  };
  const cents = (text: string, place: string): Cents | undefined => {
    const dotted = formAmount(text) ?? '';
    // Whole cents only: a third decimal in a fee is a typo, not something to round away.
    const amount = /^\d+(\.\d{1,2})?$/.test(dotted) ? parseAmount(dotted) : undefined;
    if (amount === undefined) unreadable.push(place);
    return amount;
  };

  const definition: WorkflowDefinitionInput = {
    guaranteed: values.guaranteed,
    customerTypes: values.customerTypes.map((type) => type.trim().toUpperCase() as CustomerType),
  };
  const paymentTermDays = days(values.paymentTermDays, 'paymentTermDays');
  if (paymentTermDays !== undefined) definition.paymentTermDays = paymentTermDays;
  const startDelayDays = days(values.startDelayDays, 'startDelayDays');
  if (startDelayDays !== undefined) definition.startDelayDays = startDelayDays;
  const finalNoticeWaitDays = days(values.finalNoticeWaitDays, 'finalNoticeWaitDays');
  if (finalNoticeWaitDays !== undefined) definition.finalNoticeWaitDays = finalNoticeWaitDays;
  const compensation = cents(values.businessCompensation, 'businessCompensation');
  if (compensation !== undefined) definition.businessCompensation = compensation;
  if (values.maxAmount.trim() === '') definition.maxAmount = null;
  else {
    const max = cents(values.maxAmount, 'maxAmount');
    if (max !== undefined) definition.maxAmount = max;
  }

  const reminders: ReminderStep[] = [];
  const reminderRows: number[] = [];
  values.reminders.forEach((row, index) => {
    if (row.wait.trim() === '' && row.fee.trim() === '') return;
    const at = reminders.length;
    reminderRows.push(index + 1);
    // A reminder without a fee is free, as on the v2 wire.
    const fee = row.fee.trim() === '' ? 0 : cents(row.fee, `reminders[${at}].fee`);
    reminders.push({ waitDays: days(row.wait, `reminders[${at}].waitDays`) ?? 0, fee: fee ?? 0 });
  });
  definition.reminders = reminders;

  definition.payout = {};
  const after = days(values.guaranteedAfterDays, 'payout.guaranteedAfterDays');
  if (after !== undefined) definition.payout.guaranteedAfterDays = after;
  const basisPoints = cents(values.feePercent, 'payout.feeBasisPoints');
  if (basisPoints !== undefined) definition.payout.feeBasisPoints = basisPoints;
  const fixed = cents(values.feeFixed, 'payout.feeFixed');
  if (fixed !== undefined) definition.payout.feeFixed = fixed;

  return { settings: { name: values.name, definition, unreadable: [...new Set(unreadable)] }, reminderRows };
}

/**
 * The refused fields (the use case's `fields`, places in the definition) as sentences; a place
 * this table does not know gets the general sentence rather than none.
 */
export function workflowFieldSentences(fields: string, language: Language, reminderRows: readonly number[], general: string): string[] {
  const words = WORKFLOW_TEXTS[language].fields;
  const sentences = fields
    .split(',')
    .map((field) => field.trim())
    .filter(Boolean)
    .map((field) => {
      const reminder = /^reminders\[(\d+)\]\.(waitDays|fee)$/.exec(field);
      if (reminder) {
        const row = reminderRows[Number(reminder[1])] ?? Number(reminder[1]) + 1;
        return reminder[2] === 'waitDays' ? words.reminderWait(row) : words.reminderFee(row);
      }
      const place = field.startsWith('payout.') ? field.slice('payout.'.length) : field;
      return Object.hasOwn(SIMPLE_FIELDS, place) ? words[place as SimpleField] : general;
    });
  return sentences.length > 0 ? [...new Set(sentences)] : [general];
}

/** The form fields to mark invalid for the refused places, by the names the form posts. */
export function invalidFormFields(fields: string, reminderRows: readonly number[]): Set<string> {
  const names = new Set<string>();
  for (const field of fields.split(',').map((part) => part.trim())) {
    const reminder = /^reminders\[(\d+)\]\.(waitDays|fee)$/.exec(field);
    if (reminder) {
      const row = reminderRows[Number(reminder[1])] ?? Number(reminder[1]) + 1;
      names.add(`${reminder[2] === 'waitDays' ? 'reminderWait' : 'reminderFee'}${row}`);
    } else if (field === 'payout.feeBasisPoints') names.add('feePercent');
    else if (field.startsWith('payout.')) names.add(field.slice('payout.'.length));
    else if (field) names.add(field);
  }
  return names;
}

const SIMPLE_FIELDS = {
  name: true,
  paymentTermDays: true,
  startDelayDays: true,
  reminders: true,
  finalNoticeWaitDays: true,
  businessCompensation: true,
  maxAmount: true,
  customerTypes: true,
  guaranteed: true,
  guaranteedAfterDays: true,
  feeBasisPoints: true,
  feeFixed: true,
} as const;
type SimpleField = keyof typeof SIMPLE_FIELDS;
