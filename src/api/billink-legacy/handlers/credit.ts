/** ACTION Credit or Refund (spec §2.5): MSG/STATUSES/ITEM with a code per invoice. */
import { applyCredits, type CreditItemResult } from '../../../core/payments/apply-credit.js';
import { formatAmount } from '../../../core/shared/money.js';
import type { LegacyEndpoint } from '../endpoint.js';
import { CREDIT_ERRORS } from '../errors/credit-errors.js';
import { messageResponse, type XmlNode } from '../xml-response.js';

/**
 * Messages as both seed examples write them, `EURO.;` included: "Credit applied: 10.95 EURO.;
 * Order paid." and "Credit applied: 1.50 EURO.; step restarted." (seeds 001, spec §2.5).
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
