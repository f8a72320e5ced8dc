/**
 * POST /v2/client/order/on-hold and /v2/client/order/resume (spec §2.7, §2.8; paths ours, §7.1):
 * one invoice each, answered `{result: "MSG", code: "200", description}` like the XML MSG.
 */
import type { FastifyInstance } from 'fastify';
import { amsterdamDate } from '../../../core/shared/dates.js';
import { putOnHold } from '../../../core/workflows/put-on-hold.js';
import { resumeWorkflow } from '../../../core/workflows/resume-workflow.js';
import { ON_HOLD_ERRORS } from '../../billink-common/on-hold-errors.js';
import { registerManagementRoute } from '../management-route.js';
import { CREDENTIAL_PROPERTIES, INVOICE_REFERENCE_PROPERTIES, MESSAGE_RESPONSE_SCHEMA } from '../schemas/common.js';
import { text } from '../v2-credentials.js';
import type { V2Context } from '../v2-context.js';

export function onHoldRoutes(app: FastifyInstance, context: V2Context): void {
  registerManagementRoute(app, context, {
    path: '/v2/client/order/on-hold',
    summary: 'Pause the dunning of one invoice for some days (at most 14 on a guaranteed workflow)',
    errors: ON_HOLD_ERRORS,
    body: {
      properties: {
        ...CREDENTIAL_PROPERTIES,
        ...INVOICE_REFERENCE_PROPERTIES,
        days: { type: ['integer', 'string'], description: 'Days to hold; 14 when absent' },
      },
      required: ['billinkUsername', 'billinkID', 'invoiceNumber'],
    },
    response: MESSAGE_RESPONSE_SCHEMA,
    async handle(merchant, body, context) {
      const { until } = await putOnHold(context, merchant, {
        number: text(body.invoiceNumber),
        workflowNumber: text(body.workflowNumber),
        days: text(body.days),
      });
      // The same Amsterdam calendar day the XML answer names.
      return { result: 'MSG', code: '200', description: `Order is on hold until ${amsterdamDate(until)}` };
    },
  });

  registerManagementRoute(app, context, {
    path: '/v2/client/order/resume',
    summary: 'Resume the workflow of an invoice on hold (succeeds too when it is not on hold)',
    errors: ON_HOLD_ERRORS,
    body: {
      properties: { ...CREDENTIAL_PROPERTIES, ...INVOICE_REFERENCE_PROPERTIES },
      required: ['billinkUsername', 'billinkID', 'invoiceNumber'],
    },
    response: MESSAGE_RESPONSE_SCHEMA,
    async handle(merchant, body, context) {
      await resumeWorkflow(context, merchant, { number: text(body.invoiceNumber), workflowNumber: text(body.workflowNumber) });
      return { result: 'MSG', code: '200', description: 'Order resumed' };
    },
  });
}
