/**
 * Capture of an authorization onto the core (docs/buckaroo.md "Partial capture"). Seed 003 allows
 * a full capture only; we also take a smaller AmountDebit, because the SDKs send one with the
 * articles being shipped: the workflow starts on the authorised order and the part not captured
 * is credited first, so the invoice the customer gets owes exactly what was captured. Both happen
 * in one transaction: an authorization that was captured, cancelled or settled meanwhile changes
 * nothing. The authorization is used up by its capture, so the remainder cannot be captured later.
 */
import type { Merchant } from '../../core/merchants/merchant.js';
import { applyCredits } from '../../core/payments/apply-credit.js';
import { formatAmount } from '../../core/shared/money.js';
import { startWorkflows } from '../../core/workflows/start-workflow.js';
import type { BuckarooContext } from './buckaroo-context.js';

/** The credit's description, so the ledger says why the invoice is lower than the order. */
export const NOT_CAPTURED_DESCRIPTION = 'Not captured';

class NotCapturable extends Error {}

export async function captureAuthorization(
  context: BuckarooContext,
  merchant: Merchant,
  invoiceNumber: string,
  authorized: number,
  captured: number,
): Promise<'captured' | 'not_capturable'> {
  try {
    return await context.oneTransaction(async (context) => {
      const released = authorized - captured;
      if (released > 0) {
        const [credit] = await applyCredits(context, merchant, undefined, [
          { number: invoiceNumber, amount: formatAmount(released), description: NOT_CAPTURED_DESCRIPTION },
        ]);
        if (credit?.result.outcome !== 'applied') throw new NotCapturable();
      }
      const [started] = await startWorkflows(context, merchant, [{ number: invoiceNumber }]);
      if (started?.result !== 'started') throw new NotCapturable();
      return 'captured' as const;
    });
  } catch (error) {
    if (error instanceof NotCapturable) return 'not_capturable';
    throw error;
  }
}
