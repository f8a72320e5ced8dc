/**
 * Per-invoice result codes and messages of the batch calls, shared by the legacy XML and the v2
 * JSON surface so both say the same thing about the same outcome.
 */
import type { PaymentItemResult } from '../../core/payments/register-payment.js';
import type { CreditItemResult } from '../../core/payments/apply-credit.js';
import type { StartWorkflowItemResult } from '../../core/workflows/start-workflow.js';
import { formatAmount } from '../../core/shared/money.js';

/** Per-item codes and texts as WooCommerce's sample shows them, its spelling included. */
export const START_WORKFLOW_ITEMS: Record<StartWorkflowItemResult, [code: string, message: string]> = {
  started: ['500', 'Success'],
  already_started: ['707', 'Order workflow is allready started'],
  unknown: ['-1', 'Order does not exist'],
};

/** Item codes of WooCommerce's payment enum; 200 on success, never the sample's 500 (spec §2.6). */
export function paymentItem(result: PaymentItemResult): [code: string, message: string] {
  switch (result.outcome) {
    case 'applied':
      return ['200', `Payment applied: ${formatAmount(result.amount)} EURO.${result.paidInFull ? '; Order paid.' : ''}`];
    case 'unknown':
      return ['-1', 'Order does not exist'];
    case 'already_paid':
      return ['707', 'Order is already paid'];
    case 'description_too_long':
      return ['708', 'Description is too long (max. 30 characters)'];
    case 'amount_invalid':
      return ['706', 'Payment amount must be a positive amount'];
    case 'amount_exceeds_open':
      return ['706', 'Payment amount is higher than the open amount'];
    case 'invoice_closed':
      return ['706', 'Order is closed'];
  }
}

/**
 * Messages as both seed examples write them, `EURO.;` included: "Credit applied: 10.95 EURO.;
 * Order paid." and "Credit applied: 1.50 EURO.; step restarted." (seeds 001, spec §2.5). A credit
 * that leaves an amount open answers "step restarted." even before the invoice e-mail (the invoice
 * then goes out with the lower amount, a restart in effect): Billink records no third answer.
 */
export function creditItem(result: CreditItemResult): [code: number, message: string] {
  switch (result.outcome) {
    case 'applied':
      return [200, `Credit applied: ${formatAmount(result.amount)} EURO.; ${result.closed ? 'Order paid.' : 'step restarted.'}`];
    case 'unknown':
      return [-1, 'Order does not exist'];
    case 'not_possible':
      return [707, 'Credit cannot be applied at this stage'];
    case 'amount_invalid':
      return [708, 'Credit cannot be applied at this stage(0)'];
  }
}
