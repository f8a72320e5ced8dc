/** ACTION Payment (spec §2.6): MSG/INVOICES/ITEM (not STATUSES) with a code per invoice. */
import { registerPayments, type PaymentItemResult } from '../../../core/payments/register-payment.js';
import { formatAmount } from '../../../core/shared/money.js';
import type { LegacyEndpoint } from '../endpoint.js';
import { PAYMENT_ERRORS } from '../errors/payment-errors.js';
import { messageResponse, type XmlNode } from '../xml-response.js';

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

export const paymentEndpoint: LegacyEndpoint = {
  errors: PAYMENT_ERRORS,
  async handle(context, merchant, request) {
    const results = await registerPayments(
      context,
      merchant,
      request.text('WORKFLOWNUMBER'),
      (request.list('INVOICES') ?? []).map((item) => ({
        number: item.text('INVOICENUMBER'),
        workflowNumber: item.text('WORKFLOWNUMBER'),
        amount: item.text('AMOUNT'),
        description: item.text('DESCRIPTION'),
      })),
    );
    const items: XmlNode[] = results.map(({ number, result }) => {
      const [code, message] = paymentItem(result);
      return ['ITEM', [['INVOICENUMBER', number], ['MESSAGE', message], ['CODE', code]]];
    });
    return messageResponse([['CODE', '200'], ['INVOICES', items]]);
  },
};
