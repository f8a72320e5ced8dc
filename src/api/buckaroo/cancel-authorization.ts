/**
 * CancelAuthorize and GET /json/Transaction/Cancel/{key} onto the core: the unstarted order is
 * cancelled (cancelUnstartedOrder, in full, seed 003) and the authorization marked cancelled.
 */
import type { Merchant } from '../../core/merchants/merchant.js';
import { merchantNow } from '../../core/shared/merchant-clocks.js';
import { type CancelOrderResult, cancelUnstartedOrder } from '../../core/orders/cancel-order.js';
import type { PspTransaction } from '../../core/psp/psp-transactions.js';
import type { BuckarooContext } from './buckaroo-context.js';

/** Thrown inside the shared transaction to undo the mark when the order could not be cancelled. */
class NotCancelled extends Error {
  constructor(readonly result: Exclude<CancelOrderResult, 'cancelled'>) {
    super(result);
  }
}

/**
 * Shared by CancelAuthorize and GET /json/Transaction/Cancel/{key}. The authorization is marked
 * cancelled first and the order cancelled after, in one transaction: the cancellation's event
 * re-pushes the authorization (§11.1), and that push must already read 891 "Cancelled by
 * merchant" (§6), as Status does. An order that cannot be cancelled rolls the mark back.
 */
export async function cancelAuthorization(context: BuckarooContext, merchant: Merchant, authorization: PspTransaction): Promise<CancelOrderResult> {
  try {
    return await context.oneTransaction(async (context) => {
      if (!(await context.transactions.markCancelled(merchant.id, authorization.key, merchantNow(context, merchant)))) throw new NotCancelled('not_cancellable');
      const result = await cancelUnstartedOrder(context, merchant, authorization.invoiceNumber ?? '');
      if (result !== 'cancelled') throw new NotCancelled(result);
      return result;
    });
  } catch (error) {
    if (error instanceof NotCancelled) return error.result;
    throw error;
  }
}
