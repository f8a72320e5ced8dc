/**
 * The payment-provider port of the customer pay page (docs/collection.md "The pay page"): what a
 * customer can do there to pay an open invoice. The sandbox implementation is a simulated bank
 * step that pays all or part and registers the payment through the same use case as the Payment
 * API (register-payment.ts), so the same ledger rows and webhooks follow. A live merchant's
 * customers are offered only a bank transfer to the platform's account (and its QR code) until a
 * real provider (iDEAL, Bancontact) implements this port.
 */
import { isSandbox, type Merchant } from '../merchants/merchant.js';
import type { CoreContext } from '../context.js';
import { type Cents, formatAmount } from '../shared/money.js';
import { registerPayments } from './register-payment.js';

export type PayOutcome =
  | { ok: true; amount: Cents; paidInFull: boolean }
  | { ok: false; reason: 'amount_invalid' | 'amount_exceeds_open' | 'invoice_closed' | 'not_offered' };

export interface PaymentProvider {
  /** Whether the page may offer an online payment to this merchant's customers. */
  offersOnlinePayment(merchant: Merchant): boolean;
  pay(merchant: Merchant, invoiceNumber: string, amount: Cents): Promise<PayOutcome>;
}

/** What the pay page shows as the payment's description in the merchant's ledger (spec §2.6: at most 30). */
export const PAY_PAGE_DESCRIPTION = 'Pay page (simulated bank)';

export function sandboxBank(context: CoreContext): PaymentProvider {
  return {
    offersOnlinePayment: (merchant) => isSandbox(merchant),
    async pay(merchant, invoiceNumber, amount) {
      if (!isSandbox(merchant)) return { ok: false, reason: 'not_offered' };
      if (!Number.isSafeInteger(amount) || amount <= 0) return { ok: false, reason: 'amount_invalid' };
      const [item] = await registerPayments(context, merchant, undefined, [
        { number: invoiceNumber, amount: formatAmount(amount), description: PAY_PAGE_DESCRIPTION },
      ], 'platform');
      const result = item?.result;
      if (result?.outcome === 'applied') return { ok: true, amount: result.amount, paidInFull: result.paidInFull };
      if (result?.outcome === 'amount_exceeds_open') return { ok: false, reason: 'amount_exceeds_open' };
      if (result?.outcome === 'amount_invalid') return { ok: false, reason: 'amount_invalid' };
      return { ok: false, reason: 'invoice_closed' };
    },
  };
}
