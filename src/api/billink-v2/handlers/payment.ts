/**
 * POST /v2/client/invoice/payment (spec §2.6; path ours beside credit's, §7.1): money the customer
 * paid the merchant directly. Answers `invoices[]` (not `statuses`), as the XML MSG/INVOICES/ITEM.
 */
import type { FastifyInstance } from 'fastify';
import { MAX_INVOICES_PER_PAYMENT, registerPayments } from '../../../core/payments/register-payment.js';
import { amountTextFromJson } from '../../../core/shared/money.js';
import { paymentItem } from '../../billink-common/item-results.js';
import { PAYMENT_ERRORS } from '../../billink-common/payment-errors.js';
import { registerManagementRoute } from '../management-route.js';
import { CREDENTIAL_PROPERTIES, INVOICE_REFERENCE_PROPERTIES, ITEM_RESULT_SCHEMA } from '../schemas/common.js';
import { text } from '../v2-credentials.js';
import type { V2Context } from '../v2-context.js';
import { readInvoiceItems } from './read-invoices.js';

export function paymentRoute(app: FastifyInstance, context: V2Context): void {
  registerManagementRoute(app, context, {
    path: '/v2/client/invoice/payment',
    summary: 'Register payments the customer made to the merchant directly',
    errors: PAYMENT_ERRORS,
    body: {
      properties: {
        ...CREDENTIAL_PROPERTIES,
        workflowNumber: INVOICE_REFERENCE_PROPERTIES.workflowNumber,
        invoices: {
          type: 'array',
          maxItems: MAX_INVOICES_PER_PAYMENT,
          items: {
            type: 'object',
            properties: {
              ...INVOICE_REFERENCE_PROPERTIES,
              amount: { type: ['number', 'string'], description: 'Amount paid including VAT, e.g. 10.5 or "10.50"' },
              description: { type: 'string', maxLength: 30 },
            },
            required: ['invoiceNumber', 'amount'],
          },
        },
      },
      required: ['billinkUsername', 'billinkID', 'invoices'],
    },
    response: {
      type: 'object',
      properties: { result: { const: 'MSG' }, code: { const: '200' }, invoices: { type: 'array', items: ITEM_RESULT_SCHEMA } },
      required: ['result', 'code', 'invoices'],
    },
    async handle(merchant, body, context) {
      const items = readInvoiceItems(body.invoices, undefined).map(({ number, workflowNumber, item }) => ({
        number,
        workflowNumber,
        amount: amountTextFromJson(item.amount),
        description: text(item.description),
      }));
      const results = await registerPayments(context, merchant, text(body.workflowNumber), items, 'merchant');
      return {
        result: 'MSG',
        code: '200',
        invoices: results.map(({ number, result }) => {
          const [code, message] = paymentItem(result);
          return { code: Number(code), invoiceNumber: number, message };
        }),
      };
    },
  });
}
