/**
 * Use case: a credit check (spec §2.1). Validates the customer like Billink's Check table, then
 * decides; a positive outcome hands out a UUID that one order may consume.
 */
import { merchantNow } from '../shared/merchant-clocks.js';
import type { CoreContext } from '../context.js';
import { findWorkflow, isSandbox, type Merchant } from '../merchants/merchant.js';
import { type CheckCustomerError, type CustomerInput, customerKeys, validateCustomer } from '../orders/customer.js';
import { amsterdamDate } from '../shared/dates.js';
import { DomainError } from '../shared/errors.js';
import { parseAmount } from '../shared/money.js';
import { MINUTE } from '../shared/clock.js';
import { decideCredit, type CreditReason } from './credit-policy.js';

export const CHECK_ERRORS = [
  'workflow_missing', 'workflow_unknown', 'workflow_type_mismatch', 'amount_missing', 'amount_invalid',
  'amount_over_workflow_maximum', 'paytrust_score_invalid',
] as const;
export type CheckError = (typeof CHECK_ERRORS)[number] | CheckCustomerError;

export interface CheckInput extends CustomerInput {
  workflowNumber?: string | undefined;
  amount?: string | undefined;
  backdoor?: string | undefined;
  payTrustScore?: string | undefined;
}

export type CheckOutcome =
  | { approved: true; uuid: string; expiresAt: Date; reason: CreditReason }
  | { approved: false; reason: CreditReason };

/** Billink's check customers must be adults (Check 422). */
export const CHECK_MINIMUM_AGE = 18;

export async function runCreditCheck(context: CoreContext, merchant: Merchant, input: CheckInput): Promise<CheckOutcome> {
  const fail = (code: CheckError): never => {
    throw new DomainError(code);
  };
  if (!input.workflowNumber) fail('workflow_missing');
  const workflow = /^\d{1,9}$/.test(input.workflowNumber!.trim())
    ? findWorkflow(merchant, Number(input.workflowNumber))
    : undefined;
  if (!workflow) fail('workflow_unknown');

  const now = merchantNow(context, merchant);
  const customer = validateCustomer(input, { context: 'check', minimumAge: CHECK_MINIMUM_AGE, today: amsterdamDate(now) });
  if (!workflow!.customerTypes.includes(customer.type)) fail('workflow_type_mismatch');

  if (!input.amount) fail('amount_missing');
  const amount = parseAmount(input.amount!);
  if (amount === undefined || amount <= 0) fail('amount_invalid');
  if (workflow!.maxAmount !== null && amount! > workflow!.maxAmount) fail('amount_over_workflow_maximum');
  if (input.payTrustScore !== undefined && !/^(10|\d)$/.test(input.payTrustScore.trim())) fail('paytrust_score_invalid');

  const keys = customerKeys(customer);
  const exposure = await context.store.read.invoices.exposure(keys, isSandbox(merchant));
  const decision = decideCredit({
    customer,
    amount: amount!,
    exposure,
    sandbox: isSandbox(merchant),
    backdoor: input.backdoor,
    limits: context.settings.creditLimits,
  });
  if (!decision.approved) return { approved: false, reason: decision.reason };

  const uuid = context.ids.uuid();
  const expiresAt = new Date(now.getTime() + context.settings.checkValidityMinutes * MINUTE);
  await context.store.read.checks.insert({
    uuid,
    merchantId: merchant.id,
    workflowNumber: workflow!.number,
    amount: amount!,
    customerKeys: keys,
    createdAt: now,
    expiresAt,
    decidedBy: decision.reason === 'backdoor_approved' ? 'backdoor' : 'rules',
    usedAt: undefined,
    invoiceId: undefined,
  });
  return { approved: true, uuid, expiresAt, reason: decision.reason };
}
