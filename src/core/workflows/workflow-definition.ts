/**
 * A merchant workflow's collection course (docs/collection.md "The workflow"): how long the
 * customer has to pay, when the invoice goes out, which reminders follow with their waits and fees,
 * the final notice, collection, and the money side (guarantee, maximum amount, payout and fee).
 * Values arrive typed (days, cents, basis points); parsing wire text stays in the contracts.
 */
import type { CustomerType } from '../orders/customer.js';
import type { Cents } from '../shared/money.js';
import type { Workflow } from '../merchants/merchant.js';
import { BUSINESS_COMPENSATION } from './collection-costs.js';

export interface ReminderStep {
  /** Days from this reminder to the next step. */
  waitDays: number;
  /** What the merchant asks for this reminder; the law may lower it (lawfulReminderFee). */
  fee: Cents;
}

export interface PayoutTerms {
  /** Guaranteed workflows: days after the workflow starts at which the whole invoice is paid out. */
  guaranteedAfterDays: number;
  /** The merchant's fee on each payout: a share in basis points (1.5% = 150) plus a fixed amount. */
  feeBasisPoints: number;
  feeFixed: Cents;
}

export interface WorkflowDefinition {
  /** Days from the day the invoice is sent to its due date. */
  paymentTermDays: number;
  /** Days from start workflow to the day the invoice is sent ("by default Billink applies a 3-day delay"). */
  startDelayDays: number;
  reminders: readonly ReminderStep[];
  /** Days from the final notice to collection; for consumers the law may make it longer. */
  finalNoticeWaitDays: number;
  /** What a business customer owes at collection; 40.00 unless the merchant sets another amount. */
  businessCompensation: Cents;
  guaranteed: boolean;
  /** Largest order amount including VAT; null means no maximum. */
  maxAmount: Cents | null;
  customerTypes: readonly CustomerType[];
  payout: PayoutTerms;
}

/** The names status DESCRIPTION shows (spec §2.4); reminders are numbered from 1. */
export const STEP_NAMES = {
  not_started: 'No steps given',
  wait_for_payment: 'Wait for payment',
  final_notice: 'Final notice',
  collection: 'Collection',
} as const;

export function reminderName(number: number): string {
  return `Reminder ${number}`;
}

export const DEFAULT_WORKFLOW_DEFINITION: WorkflowDefinition = Object.freeze({
  paymentTermDays: 14,
  startDelayDays: 3,
  reminders: Object.freeze([Object.freeze({ waitDays: 7, fee: 0 })]),
  finalNoticeWaitDays: 14,
  businessCompensation: BUSINESS_COMPENSATION,
  guaranteed: true,
  maxAmount: null,
  customerTypes: Object.freeze(['P', 'B'] as CustomerType[]),
  payout: Object.freeze({ guaranteedAfterDays: 14, feeBasisPoints: 0, feeFixed: 0 }),
});

/** Sanity bounds, so a typo cannot set a term of years or a fee above the invoice. */
export const LIMITS = {
  paymentTermDays: [1, 180],
  startDelayDays: [0, 30],
  reminderCount: [0, 5],
  reminderWaitDays: [1, 60],
  reminderFee: [0, 10_000],
  finalNoticeWaitDays: [1, 60],
  businessCompensation: [0, 100_000],
  maxAmount: [1, 10_000_000_000],
  guaranteedAfterDays: [0, 120],
  feeBasisPoints: [0, 10_000],
  feeFixed: [0, 10_000],
} as const satisfies Record<string, readonly [number, number]>;

export type DefinitionField = keyof typeof LIMITS | 'customerTypes';
export interface DefinitionProblem {
  field: DefinitionField;
  /** Index of the reminder, for the reminder fields. */
  index?: number;
  code: 'out_of_range' | 'not_whole' | 'customer_types_invalid';
}

export type WorkflowDefinitionInput = Partial<Omit<WorkflowDefinition, 'payout'>> & { payout?: Partial<PayoutTerms> };

/**
 * The parts of a definition a workflow keeps in `workflows.course`; the payment term, guarantee,
 * maximum and customer types have columns of their own (docs/collection.md "How a workflow is stored").
 */
export type WorkflowCourse = Pick<WorkflowDefinition, 'startDelayDays' | 'reminders' | 'finalNoticeWaitDays' | 'businessCompensation' | 'payout'>;
export type WorkflowCourseInput = Partial<Omit<WorkflowCourse, 'payout'>> & { payout?: Partial<PayoutTerms> };

export function courseOf(definition: WorkflowDefinition): WorkflowCourse {
  return {
    startDelayDays: definition.startDelayDays,
    reminders: definition.reminders.map((step) => ({ waitDays: step.waitDays, fee: step.fee })),
    finalNoticeWaitDays: definition.finalNoticeWaitDays,
    businessCompensation: definition.businessCompensation,
    payout: { ...definition.payout },
  };
}

/** A problem's place in the definition, e.g. `reminders[0].fee` or `payout.feeFixed`; wire names are the same. */
export function problemPath(problem: DefinitionProblem): string {
  switch (problem.field) {
    case 'reminderCount':
      return 'reminders';
    case 'reminderWaitDays':
      return `reminders[${problem.index ?? 0}].waitDays`;
    case 'reminderFee':
      return `reminders[${problem.index ?? 0}].fee`;
    case 'guaranteedAfterDays':
    case 'feeBasisPoints':
    case 'feeFixed':
      return `payout.${problem.field}`;
    default:
      return problem.field;
  }
}

/** Fills what is not given from `base` (the defaults) and checks every value; all problems at once. */
export function buildWorkflowDefinition(
  input: WorkflowDefinitionInput,
  base: WorkflowDefinition = DEFAULT_WORKFLOW_DEFINITION,
): { ok: true; definition: WorkflowDefinition } | { ok: false; problems: DefinitionProblem[] } {
  const definition: WorkflowDefinition = {
    paymentTermDays: input.paymentTermDays ?? base.paymentTermDays,
    startDelayDays: input.startDelayDays ?? base.startDelayDays,
    reminders: (input.reminders ?? base.reminders).map((step) => ({ waitDays: step.waitDays, fee: step.fee })),
    finalNoticeWaitDays: input.finalNoticeWaitDays ?? base.finalNoticeWaitDays,
    businessCompensation: input.businessCompensation ?? base.businessCompensation,
    guaranteed: input.guaranteed ?? base.guaranteed,
    maxAmount: input.maxAmount === undefined ? base.maxAmount : input.maxAmount,
    customerTypes: [...(input.customerTypes ?? base.customerTypes)],
    payout: { ...base.payout, ...definedOnly(input.payout ?? {}) },
  };
  const problems: DefinitionProblem[] = [];
  const check = (field: keyof typeof LIMITS, value: number, index?: number) => {
    const [low, high] = LIMITS[field];
    const at = index === undefined ? {} : { index };
    if (!Number.isInteger(value)) problems.push({ field, ...at, code: 'not_whole' });
    else if (value < low || value > high) problems.push({ field, ...at, code: 'out_of_range' });
  };
  check('paymentTermDays', definition.paymentTermDays);
  check('startDelayDays', definition.startDelayDays);
  check('reminderCount', definition.reminders.length);
  definition.reminders.forEach((step, index) => {
    check('reminderWaitDays', step.waitDays, index);
    check('reminderFee', step.fee, index);
  });
  check('finalNoticeWaitDays', definition.finalNoticeWaitDays);
  check('businessCompensation', definition.businessCompensation);
  if (definition.maxAmount !== null) check('maxAmount', definition.maxAmount);
  check('guaranteedAfterDays', definition.payout.guaranteedAfterDays);
  check('feeBasisPoints', definition.payout.feeBasisPoints);
  check('feeFixed', definition.payout.feeFixed);
  const types = definition.customerTypes;
  if (types.length === 0 || new Set(types).size !== types.length || types.some((type) => type !== 'P' && type !== 'B')) {
    problems.push({ field: 'customerTypes', code: 'customer_types_invalid' });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, definition };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

/**
 * The definition of a workflow as stored: its columns (term, guarantee, maximum, customer types)
 * and its course, each part the course does not name at its default.
 */
export function definitionOfWorkflow(workflow: Workflow): WorkflowDefinition {
  const columns = {
    paymentTermDays: workflow.paymentTermDays,
    guaranteed: workflow.guaranteed,
    maxAmount: workflow.maxAmount,
    customerTypes: workflow.customerTypes,
  };
  const built = buildWorkflowDefinition({ ...(workflow.course ?? {}), ...columns });
  if (built.ok) return built.definition;
  // A stored workflow outside the bounds still gets a course: its columns with the default course,
  // or failing that the defaults with its own money side.
  const withoutCourse = buildWorkflowDefinition(columns);
  if (withoutCourse.ok) return withoutCourse.definition;
  return { ...DEFAULT_WORKFLOW_DEFINITION, guaranteed: workflow.guaranteed, maxAmount: workflow.maxAmount };
}

/** Whether an order of this customer type and amount fits the workflow. */
export function acceptsOrder(definition: WorkflowDefinition, customerType: CustomerType, amount: Cents): boolean {
  return definition.customerTypes.includes(customerType) && (definition.maxAmount === null || amount <= definition.maxAmount);
}
