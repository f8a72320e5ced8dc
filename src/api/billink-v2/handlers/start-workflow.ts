/**
 * POST /v2/client/order/start-workflow (spec §2.3; path ours, §7.1): `{result: "MSG", code: "500",
 * statuses: [{code, invoiceNumber, message}]}`, the JSON form of the XML answer.
 */
import type { FastifyInstance } from 'fastify';
import { startWorkflows } from '../../../core/workflows/start-workflow.js';
import { START_WORKFLOW_ITEMS } from '../../billink-common/item-results.js';
import { START_WORKFLOW_ERRORS } from '../../billink-common/start-workflow-errors.js';
import { registerManagementRoute } from '../management-route.js';
import { CREDENTIAL_PROPERTIES, INVOICE_REFERENCE_PROPERTIES, ITEM_RESULT_SCHEMA } from '../schemas/common.js';
import { text } from '../v2-credentials.js';
import type { V2Context } from '../v2-context.js';
import { readInvoiceItems } from './read-invoices.js';

export function startWorkflowRoute(app: FastifyInstance, context: V2Context): void {
  registerManagementRoute(app, context, {
    path: '/v2/client/order/start-workflow',
    summary: 'Start the collection workflow of up to 10 invoices ("activate order")',
    errors: START_WORKFLOW_ERRORS,
    body: {
      properties: {
        ...CREDENTIAL_PROPERTIES,
        workflowNumber: INVOICE_REFERENCE_PROPERTIES.workflowNumber,
        invoices: {
          type: 'array',
          maxItems: 10,
          items: {
            type: 'object',
            properties: { ...INVOICE_REFERENCE_PROPERTIES, trackAndTrace: { type: 'string' } },
            required: ['invoiceNumber'],
          },
        },
      },
      required: ['billinkUsername', 'billinkID', 'invoices'],
    },
    response: {
      type: 'object',
      properties: { result: { const: 'MSG' }, code: { const: '500' }, statuses: { type: 'array', items: ITEM_RESULT_SCHEMA } },
      required: ['result', 'code', 'statuses'],
    },
    async handle(merchant, body, context) {
      const items = readInvoiceItems(body.invoices, text(body.workflowNumber));
      const results = await startWorkflows(context, merchant, items);
      return {
        result: 'MSG',
        code: '500',
        statuses: results.map(({ number, result }) => {
          const [code, message] = START_WORKFLOW_ITEMS[result];
          return { code: Number(code), invoiceNumber: number, message };
        }),
      };
    },
  });
}
