/**
 * Use case: cancel an order whose workflow has not started (a PSP's CancelAuthorize, seed 003:
 * "cancel the open authorization", only in full). Billink itself cancels an order by crediting it
 * in full, so this does the same: one credit ledger entry for the whole amount, the invoice closed
 * as credited and `order_fully_accredited` in the outbox, all under the invoice's row lock. The
 * customer's exposure is released because the invoice is no longer open.
 */
import { merchantNow } from '../shared/merchant-clocks.js';
import type { CoreContext } from '../context.js';
import type { Merchant } from '../merchants/merchant.js';
import { openAmount } from './invoice.js';
import { applyToInvoice } from '../invoices/life-cycle/apply-to-invoice.js';

export type CancelOrderResult = 'cancelled' | 'unknown' | 'not_cancellable';

/** Written on the credit entry, so the ledger says why the invoice was credited. */
export const CANCEL_DESCRIPTION = 'Authorization cancelled';

export async function cancelUnstartedOrder(context: CoreContext, merchant: Merchant, number: string): Promise<CancelOrderResult> {
  return context.store.transaction(async (tx) => {
    const invoice = await tx.invoices.findForUpdate(merchant.id, number);
    if (!invoice) return 'unknown';
    if (invoice.step !== 'not_started' || invoice.status !== 'open' || invoice.paid > 0 || invoice.credited > 0) return 'not_cancellable';
    // A full credit through the life cycle: the credit entry, the invoice closed as credited and
    // `order_fully_accredited`, as any full credit.
    const applied = await applyToInvoice(tx, merchant, invoice, { type: 'credit', amount: openAmount(invoice) }, merchantNow(context, merchant), CANCEL_DESCRIPTION);
    return applied.ok ? 'cancelled' : 'not_cancellable';
  });
}
