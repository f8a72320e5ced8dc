/**
 * A workflow on the v2 wire (docs/v2-api.md "Workflows"): the same names as the definition
 * (docs/collection.md "The workflow definition"), money as decimal strings in euros like every
 * other v2 amount, days and basis points as integers. Read leniently: amounts may come as JSON
 * numbers and days as digit strings; what cannot be read at all is named, never guessed.
 */
import type { Workflow } from '../../core/merchants/merchant.js';
import type { CustomerType } from '../../core/orders/customer.js';
import { amountTextFromJson, type Cents, formatAmount, parseAmount } from '../../core/shared/money.js';
import { definitionOfWorkflow, reminderName, type ReminderStep, type WorkflowDefinitionInput } from '../../core/workflows/workflow-definition.js';
import type { WorkflowSettingsInput } from '../../core/workflows/workflow-settings.js';
import { isRecord } from './v2-credentials.js';

const AMOUNT = { type: 'string', description: 'Euros, e.g. "7.50"' } as const;

/** The settings a request may send; every one is optional on a change. */
export const WORKFLOW_SETTINGS_PROPERTIES = {
  name: { type: 'string', maxLength: 100 },
  guaranteed: { type: 'boolean', description: 'Whether the platform bears the risk and pays out in full' },
  maxAmount: { type: ['string', 'null'], description: 'Largest order including VAT in euros, e.g. "400.00"; null: no maximum' },
  customerTypes: { type: 'array', items: { enum: ['P', 'B'] }, description: 'P private, B business; at least one' },
  paymentTermDays: { type: 'integer', minimum: 1, maximum: 180, description: 'Days from the invoice e-mail to the due date' },
  startDelayDays: { type: 'integer', minimum: 0, maximum: 30, description: 'Days from start workflow to the invoice e-mail' },
  reminders: {
    type: 'array',
    maxItems: 5,
    description: 'The reminders in order, after the due date',
    items: {
      type: 'object',
      properties: {
        name: { type: 'string', description: 'In answers only: "Reminder 1", "Reminder 2", …' },
        waitDays: { type: 'integer', minimum: 1, maximum: 60, description: 'Days from this reminder to the next step' },
        fee: { ...AMOUNT, description: 'What the merchant asks for this reminder, 0.00–100.00; the law may lower it' },
      },
      required: ['waitDays'],
    },
  },
  finalNoticeWaitDays: { type: 'integer', minimum: 1, maximum: 60, description: 'Days from the final notice to collection' },
  businessCompensation: { ...AMOUNT, description: 'What a business customer owes at collection, 0.00–1000.00' },
  payout: {
    type: 'object',
    properties: {
      guaranteedAfterDays: { type: 'integer', minimum: 0, maximum: 120, description: 'Guaranteed: payout day after the workflow starts' },
      feeBasisPoints: { type: 'integer', minimum: 0, maximum: 10000, description: 'Fee on each payout; 1.5% = 150' },
      feeFixed: { ...AMOUNT, description: 'Fixed fee per invoice, 0.00–100.00' },
    },
  },
} as const;

const ANSWER_FIELDS = [
  'workflowNumber', 'name', 'guaranteed', 'maxAmount', 'customerTypes', 'paymentTermDays', 'startDelayDays', 'reminders',
  'finalNoticeWaitDays', 'businessCompensation', 'payout',
] as const;

/** A workflow with its full settings, as every answer shows it. */
export const WORKFLOW_SCHEMA = {
  type: 'object',
  properties: { workflowNumber: { type: 'integer' }, ...WORKFLOW_SETTINGS_PROPERTIES },
  required: [...ANSWER_FIELDS],
} as const;

export function workflowAnswer(workflow: Workflow) {
  const definition = definitionOfWorkflow(workflow);
  return {
    workflowNumber: workflow.number,
    name: workflow.name,
    guaranteed: definition.guaranteed,
    maxAmount: definition.maxAmount === null ? null : formatAmount(definition.maxAmount),
    customerTypes: [...definition.customerTypes],
    paymentTermDays: definition.paymentTermDays,
    startDelayDays: definition.startDelayDays,
    reminders: definition.reminders.map((step, index) => ({ name: reminderName(index + 1), waitDays: step.waitDays, fee: formatAmount(step.fee) })),
    finalNoticeWaitDays: definition.finalNoticeWaitDays,
    businessCompensation: formatAmount(definition.businessCompensation),
    payout: {
      guaranteedAfterDays: definition.payout.guaranteedAfterDays,
      feeBasisPoints: definition.payout.feeBasisPoints,
      feeFixed: formatAmount(definition.payout.feeFixed),
    },
  };
}

/** Reads the settings of one workflow object; unreadable values are named by their place in it. */
export function readWorkflowSettings(body: Record<string, unknown>): WorkflowSettingsInput {
  const unreadable: string[] = [];
  const definition: WorkflowDefinitionInput = {};
  const has = (record: Record<string, unknown>, key: string) => Object.hasOwn(record, key) && record[key] !== undefined;
  const days = (record: Record<string, unknown>, key: string, place: string): number | undefined => {
    if (!has(record, key)) return undefined;
    const value = wholeNumber(record[key]);
    if (value === undefined) unreadable.push(place);
    return value;
  };
  const cents = (record: Record<string, unknown>, key: string, place: string): Cents | undefined => {
    if (!has(record, key)) return undefined;
    const value = amount(record[key]);
    if (value === undefined) unreadable.push(place);
    return value;
  };

  let name: string | undefined;
  if (has(body, 'name')) {
    if (typeof body.name === 'string') name = body.name;
    else unreadable.push(`name`);
  }
  if (has(body, 'guaranteed')) {
    if (typeof body.guaranteed === 'boolean') definition.guaranteed = body.guaranteed;
    else unreadable.push(`guaranteed`);
  }
  if (has(body, 'maxAmount')) {
    if (body.maxAmount === null) definition.maxAmount = null;
    else {
      const max = cents(body, 'maxAmount', 'maxAmount');
      if (max !== undefined) definition.maxAmount = max;
    }
  }
  if (has(body, 'customerTypes')) {
    const types = body.customerTypes;
    if (Array.isArray(types)) definition.customerTypes = types.map((type) => (typeof type === 'string' ? type.trim().toUpperCase() : String(type)) as CustomerType);
    else unreadable.push(`customerTypes`);
  }
  assign(definition, 'paymentTermDays', days(body, 'paymentTermDays', 'paymentTermDays'));
  assign(definition, 'startDelayDays', days(body, 'startDelayDays', 'startDelayDays'));
  assign(definition, 'finalNoticeWaitDays', days(body, 'finalNoticeWaitDays', 'finalNoticeWaitDays'));
  assign(definition, 'businessCompensation', cents(body, 'businessCompensation', 'businessCompensation'));
  if (has(body, 'reminders')) {
    if (!Array.isArray(body.reminders)) unreadable.push(`reminders`);
    else {
      definition.reminders = body.reminders.map((item: unknown, index): ReminderStep => {
        const step = isRecord(item) ? item : {};
        if (!isRecord(item) || !has(step, 'waitDays')) unreadable.push(`reminders[${index}].waitDays`);
        // A reminder without a fee is free, as the default one is.
        return { waitDays: days(step, 'waitDays', `reminders[${index}].waitDays`) ?? 0, fee: cents(step, 'fee', `reminders[${index}].fee`) ?? 0 };
      });
    }
  }
  if (has(body, 'payout')) {
    if (!isRecord(body.payout)) unreadable.push(`payout`);
    else {
      const payout = body.payout;
      definition.payout = {};
      assign(definition.payout, 'guaranteedAfterDays', days(payout, 'guaranteedAfterDays', 'payout.guaranteedAfterDays'));
      assign(definition.payout, 'feeBasisPoints', days(payout, 'feeBasisPoints', 'payout.feeBasisPoints'));
      assign(definition.payout, 'feeFixed', cents(payout, 'feeFixed', 'payout.feeFixed'));
    }
  }
  return { name, definition, unreadable: [...new Set(unreadable)] };
}

function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

/** A JSON integer or a string of digits; a fraction stays a fraction for the bounds to refuse. */
export function wholeNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*-?\d{1,9}\s*$/.test(value)) return Number(value);
  return undefined;
}

function amount(value: unknown): Cents | undefined {
  const text = amountTextFromJson(value);
  return text === undefined ? undefined : parseAmount(text);
}
