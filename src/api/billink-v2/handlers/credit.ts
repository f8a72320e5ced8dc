/**
 * POST /v2/client/invoice/credit, exactly as the seeds' example (seeds 001 "API Versions"):
 * `{result: "MSG", statuses: [{code: 200, invoiceNumber, message}]}`, code as a JSON number.
 * A `workflowNumber`, at the top as on the other v2 order-management calls or on an item as the
 * legacy ITEM's WORKFLOWNUMBER (spec §2.5, sent by avido), is honoured: an unknown one answers 402,
 * an invoice of another workflow its item -1.
 */
import type { FastifyInstance } from 'fastify';
import { applyCredits, MAX_INVOICES_PER_CREDIT } from '../../../core/payments/apply-credit.js';
import { amountTextFromJson, parseAmount } from '../../../core/shared/money.js';
import { creditItem } from '../../billink-common/item-results.js';
import { CREDIT_ERRORS } from '../../billink-common/credit-errors.js';
import { registerManagementRoute } from '../management-route.js';
import { records, text } from '../v2-credentials.js';
import type { V2Context } from '../v2-context.js';

export function creditRoute(app: FastifyInstance, context: V2Context): void {
  registerManagementRoute(app, context, {
    path: '/v2/client/invoice/credit',
    summary: 'Credit (refund) part or all of one or more invoices',
    errors: CREDIT_ERRORS,
    body: {
      properties: {
        billinkUsername: { type: 'string' },
        billinkID: { type: 'string' },
        workflowNumber: { type: ['integer', 'string'], description: 'When sent, every invoice must belong to this workflow; 402 when the merchant has none of that number' },
        invoices: {
          type: 'array',
          maxItems: MAX_INVOICES_PER_CREDIT,
          items: {
            type: 'object',
            properties: {
              number: { type: 'string', description: 'The merchant\'s order number or Billink\'s invoice number' },
              creditAmount: { type: ['number', 'string'], description: 'Amount including VAT, e.g. 1.5' },
              description: { type: 'string', maxLength: 254 },
              workflowNumber: { type: ['integer', 'string'], description: 'When sent, the invoice must belong to this workflow' },
            },
            required: ['number', 'creditAmount'],
          },
        },
        returnCosts: { type: ['string', 'number'], description: '1 when creditAmount includes return costs' },
        returnCostsAmount: { type: ['number', 'string'], description: 'The return costs credited, informational' },
      },
      required: ['billinkUsername', 'billinkID', 'invoices'],
    },
    response: {
      type: 'object',
      properties: {
        result: { const: 'MSG' },
        statuses: {
          type: 'array',
          items: {
            type: 'object',
            properties: { code: { type: 'integer' }, invoiceNumber: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
    },
    async handle(merchant, body, context) {
      const items = (records(body.invoices) ?? []).map((item) => ({
        number: text(item.number) ?? text(item.invoiceNumber),
        amount: amountTextFromJson(item.creditAmount),
        description: text(item.description),
        workflowNumber: text(item.workflowNumber),
      }));
      // Magento sends returnCosts=1 with returnCostsAmount when a return fee is credited; the fee is
      // part of creditAmount already, so it is noted in the description rather than added again.
      const returnCosts = parseAmount(amountTextFromJson(body.returnCostsAmount) ?? '');
      if (text(body.returnCosts) === '1' && returnCosts !== undefined) {
        for (const item of items) item.description = `${item.description ?? 'Credit'} (incl. return costs)`.slice(0, 254);
      }
      const results = await applyCredits(context, merchant, text(body.workflowNumber), items);
      return {
        result: 'MSG',
        statuses: results.map(({ number, result }) => {
          const [code, message] = creditItem(result);
          return { code, invoiceNumber: number, message };
        }),
      };
    },
  });
}
