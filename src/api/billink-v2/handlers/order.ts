/**
 * POST /v2/client/order: a JSON order for server-to-server users (Billink publishes none, spec
 * §2.2 and §7.3; path and names ours). Same core use case as the XML Order: `{result: "MSG",
 * code: "200", description: "Order successfully added", invoice}`, or a dry run with validateOrder.
 */
import type { FastifyInstance } from 'fastify';
import { placeOrder } from '../../../core/orders/place-order.js';
import { amountTextFromJson } from '../../../core/shared/money.js';
import { ORDER_ERRORS } from '../../billink-common/order-errors.js';
import { registerManagementRoute } from '../management-route.js';
import { CREDENTIAL_PROPERTIES } from '../schemas/common.js';
import { records, text } from '../v2-credentials.js';
import type { V2Context } from '../v2-context.js';
import { CUSTOMER_PROPERTIES, flag, readCustomer } from './read-customer.js';

export function orderRoute(app: FastifyInstance, context: V2Context): void {
  registerManagementRoute(app, context, {
    path: '/v2/client/order',
    summary: 'Place an order after a positive credit check; Billink invoice number in the answer',
    errors: ORDER_ERRORS,
    body: {
      properties: {
        ...CREDENTIAL_PROPERTIES,
        ...CUSTOMER_PROPERTIES,
        orderNumber: { type: 'string', maxLength: 50, pattern: '^[A-Za-z0-9_.-]+$' },
        date: { type: 'string', description: 'dd-mm-yyyy or yyyy-mm-dd' },
        currency: { enum: ['EUR', 'USD', 'GBP'] },
        checkUuid: { type: 'string', description: 'The uuid of the positive check' },
        additionalText: { type: 'string' },
        trackAndTrace: { type: 'string' },
        bankAccountNumber: { type: 'string' },
        bankAccountHolder: { type: 'string' },
        mandateId: { type: 'string' },
        mandateType: { enum: ['FIRST', 'RECURRING', 'ONETIME'] },
        validateOrder: { type: ['boolean', 'string'], description: 'true or "Y": validate only, keep the uuid unused' },
        orderItems: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              code: { type: 'string', maxLength: 50 },
              description: { type: 'string' },
              orderQuantity: { type: ['integer', 'string'] },
              priceIncl: { type: ['number', 'string'], description: 'Unit price including VAT; may be negative' },
              priceExcl: { type: ['number', 'string'], description: 'Unit price excluding VAT, when priceIncl is absent' },
              btw: { type: ['number', 'string'], description: 'VAT as 21 or 1.21' },
            },
            required: ['description', 'btw'],
          },
        },
      },
      required: ['billinkUsername', 'billinkID', 'workflowNumber', 'orderNumber', 'date', 'type', 'lastName', 'checkUuid', 'orderItems'],
    },
    response: {
      type: 'object',
      properties: {
        result: { const: 'MSG' },
        code: { const: '200' },
        description: { enum: ['Order successfully added', 'Order successfully validated'] },
        invoice: { type: 'string', description: "Billink's invoice number; absent after a dry run" },
      },
      required: ['result', 'code', 'description'],
    },
    async handle(merchant, body, context) {
      const outcome = await placeOrder(context, merchant, {
        ...readCustomer(body),
        workflowNumber: text(body.workflowNumber),
        orderNumber: text(body.orderNumber),
        date: text(body.date),
        currency: text(body.currency),
        checkUuid: text(body.checkUuid),
        additionalText: text(body.additionalText),
        trackAndTrace: text(body.trackAndTrace),
        bankAccountNumber: text(body.bankAccountNumber),
        bankAccountHolder: text(body.bankAccountHolder),
        mandateId: text(body.mandateId),
        mandateType: text(body.mandateType),
        validateOnly: flag(body.validateOrder, 'Y', 'N')?.toUpperCase() === 'Y',
        items: records(body.orderItems)?.map((item) => ({
          code: text(item.code),
          description: text(item.description),
          quantity: text(item.orderQuantity),
          priceInclusive: amountTextFromJson(item.priceIncl),
          priceExclusive: amountTextFromJson(item.priceExcl),
          vat: amountTextFromJson(item.btw),
        })),
      });
      if (outcome.validated) return { result: 'MSG', code: '200', description: 'Order successfully validated' };
      return { result: 'MSG', code: '200', description: 'Order successfully added', invoice: outcome.invoice.invoiceNumber };
    },
  });
}
