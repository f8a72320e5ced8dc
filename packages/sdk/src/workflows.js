/**
 * The merchant's workflows and their settings (docs/v2-api.md "Workflows"): list them, change one.
 * Amounts go out as decimal text from a decimal string or `{ cents }`, never from a float; answers
 * keep the server's decimal strings.
 */
import { amountText } from './money.js';

export class WorkflowsApi {
  #t;
  constructor(transport) {
    this.#t = transport;
  }

  /** Every workflow of the merchant with its full settings. */
  async list(call) {
    return (await this.#t.post('workflows', this.#t.credentials(), call)).workflows;
  }

  /**
   * Changes one workflow: what the input leaves out keeps its value. Invoices already started keep
   * their course. A broken value throws BillinkApiError 403 naming every one.
   */
  async set(input, call) {
    if (input?.workflowNumber === undefined) throw new TypeError('workflowNumber is required');
    const body = { ...this.#t.credentials(), workflowNumber: input.workflowNumber, ...workflowSettingsBody(input) };
    return (await this.#t.post('setWorkflow', body, call)).workflow;
  }
}

/** The wire form of workflow settings, shared with merchant create's `workflows`. */
export function workflowSettingsBody(input) {
  const body = {};
  for (const [name, value] of Object.entries(input)) {
    if (value === undefined || name === 'workflowNumber') continue;
    if (!SETTINGS.has(name)) throw new TypeError(`unknown workflow setting ${name}`);
    body[name] = value;
  }
  if (input.maxAmount !== undefined && input.maxAmount !== null) body.maxAmount = amountText(input.maxAmount, 'maxAmount');
  if (input.businessCompensation !== undefined) body.businessCompensation = amountText(input.businessCompensation, 'businessCompensation');
  if (input.reminders !== undefined) {
    body.reminders = input.reminders.map((step, index) => ({
      waitDays: step.waitDays,
      ...(step.fee === undefined ? {} : { fee: amountText(step.fee, `reminders[${index}].fee`) }),
    }));
  }
  if (input.payout !== undefined) {
    const { feeFixed, ...rest } = input.payout;
    body.payout = { ...rest, ...(feeFixed === undefined ? {} : { feeFixed: amountText(feeFixed, 'payout.feeFixed') }) };
  }
  return body;
}

const SETTINGS = new Set([
  'name', 'guaranteed', 'maxAmount', 'customerTypes', 'paymentTermDays', 'startDelayDays', 'reminders', 'finalNoticeWaitDays',
  'businessCompensation', 'payout',
]);

/** The merchant's own API requests of the last 24 hours (Achteraf only; docs/operations.md). */
export class RequestsApi {
  #t;
  constructor(transport) {
    this.#t = transport;
  }

  /** Oldest first: the latest `limit` (at most 100), or those after the id `after`. */
  async list(query = {}, call) {
    const body = { ...this.#t.credentials(), ...(query.after === undefined ? {} : { after: String(query.after) }), ...(query.limit === undefined ? {} : { limit: query.limit }) };
    return (await this.#t.post('requests', body, call)).requests;
  }
}
