/** ACTION Payment (spec §2.6): MSG/INVOICES/ITEM (not STATUSES) with a code per invoice. */
import { registerPayments } from '../../../core/payments/register-payment.js';
import { paymentItem } from '../../billink-common/item-results.js';
import type { LegacyEndpoint } from '../endpoint.js';
import { PAYMENT_ERRORS } from '../../billink-common/payment-errors.js';
import { messageResponse, type XmlNode } from '../xml-response.js';

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
      // The Payment API reports money the customer paid the merchant directly (spec §2.6).
      'merchant',
    );
    const items: XmlNode[] = results.map(({ number, result }) => {
      const [code, message] = paymentItem(result);
      return ['ITEM', [['INVOICENUMBER', number], ['MESSAGE', message], ['CODE', code]]];
    });
    return messageResponse([['CODE', '200'], ['INVOICES', items]]);
  },
};
