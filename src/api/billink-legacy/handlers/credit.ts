/** ACTION Credit or Refund (spec §2.5): MSG/STATUSES/ITEM with a code per invoice. */
import { applyCredits } from '../../../core/payments/apply-credit.js';
import { creditItem } from '../../billink-common/item-results.js';
import type { LegacyEndpoint } from '../endpoint.js';
import { CREDIT_ERRORS } from '../../billink-common/credit-errors.js';
import { messageResponse, type XmlNode } from '../xml-response.js';

export const creditEndpoint: LegacyEndpoint = {
  errors: CREDIT_ERRORS,
  async handle(context, merchant, request) {
    const results = await applyCredits(
      context,
      merchant,
      request.text('WORKFLOWNUMBER'),
      (request.list('INVOICES') ?? []).map((item) => ({
        number: item.text('INVOICENUMBER'),
        workflowNumber: item.text('WORKFLOWNUMBER'),
        amount: item.text('CREDITAMOUNT'),
        description: item.text('DESCRIPTION'),
      })),
    );
    const items: XmlNode[] = results.map(({ number, result }) => {
      const [code, message] = creditItem(result);
      return ['ITEM', [['INVOICENUMBER', number], ['MESSAGE', message], ['CODE', String(code)]]];
    });
    return messageResponse([['CODE', '200'], ['STATUSES', items]]);
  },
};
