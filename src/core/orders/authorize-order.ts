/**
 * Use case: a credit check and an order in one call, for contracts that authorise a payment in a
 * single request (a PSP's Authorize or Pay, docs/buckaroo.md). The whole order is validated before
 * anything is written, then the same two use cases as Billink's Check and Order run: the check
 * decides, and its UUID is consumed by the order under the customer's lock (house rule 6).
 */
import { merchantNow } from '../shared/merchant-clocks.js';
import type { CoreContext } from '../context.js';
import { runCreditCheck } from '../credit/run-check.js';
import type { Merchant, Workflow } from '../merchants/merchant.js';
import { amsterdamDate } from '../shared/dates.js';
import { DomainError } from '../shared/errors.js';
import { formatAmount } from '../shared/money.js';
import { type CustomerType, validateCustomer } from './customer.js';
import type { Invoice } from './invoice.js';
import { parseLines } from './order-lines.js';
import { ORDER_MINIMUM_AGE, type OrderInput, placeOrder } from './place-order.js';

export type AuthorizeOutcome = { approved: true; invoice: Invoice } | { approved: false };

/**
 * PSP requests name no workflow: the merchant's lowest-numbered workflow that takes this kind of
 * customer and this amount is used (docs/buckaroo.md "Workflows").
 */
export function defaultWorkflow(merchant: Merchant, customerType: CustomerType, total: number): Workflow | undefined {
  return [...merchant.workflows]
    .sort((a, b) => a.number - b.number)
    .find((workflow) => workflow.customerTypes.includes(customerType) && (workflow.maxAmount === null || workflow.maxAmount >= total));
}

export async function authorizeOrder(
  context: CoreContext,
  merchant: Merchant,
  input: Omit<OrderInput, 'checkUuid' | 'validateOnly' | 'workflowNumber'>,
): Promise<AuthorizeOutcome> {
  const today = amsterdamDate(merchantNow(context, merchant));
  // The order's own rules first, so a request that cannot become an order leaves no check behind.
  const customer = validateCustomer(input, { context: 'order', minimumAge: ORDER_MINIMUM_AGE, today });
  const lines = parseLines(input.items);
  const total = lines.reduce((sum, line) => sum + line.totalInclusive, 0);
  if (total <= 0) throw new DomainError('order_total_invalid');
  const workflow = defaultWorkflow(merchant, customer.type, total);
  if (!workflow) throw new DomainError('amount_over_workflow_maximum');

  const date = input.date ?? today;
  const check = await runCreditCheck(context, merchant, { ...input, workflowNumber: String(workflow.number), amount: formatAmount(total) });
  if (!check.approved) return { approved: false };
  try {
    const outcome = await placeOrder(context, merchant, { ...input, date, workflowNumber: String(workflow.number), checkUuid: check.uuid });
    if (outcome.validated) throw new Error('an order placed without validateOnly came back validated');
    return { approved: true, invoice: outcome.invoice };
  } catch (error) {
    // The exposure weighed again under the customer's lock can still decline (Order 701).
    if (error instanceof DomainError && error.code === 'credit_declined') return { approved: false };
    throw error;
  }
}
