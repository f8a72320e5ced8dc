/** POST /v2/client/order/message (spec §2.9; path ours, §7.1): a note for customer service. */
import type { FastifyInstance } from 'fastify';
import { addMessage, MAX_MESSAGE_LENGTH } from '../../../core/invoices/add-message.js';
import { MESSAGE_ERRORS } from '../../billink-common/message-errors.js';
import { registerManagementRoute } from '../management-route.js';
import { CREDENTIAL_PROPERTIES, INVOICE_REFERENCE_PROPERTIES, MESSAGE_RESPONSE_SCHEMA } from '../schemas/common.js';
import { text } from '../v2-credentials.js';
import type { V2Context } from '../v2-context.js';

export function messageRoute(app: FastifyInstance, context: V2Context): void {
  registerManagementRoute(app, context, {
    path: '/v2/client/order/message',
    summary: "Leave a message about an invoice for Billink's customer service",
    errors: MESSAGE_ERRORS,
    body: {
      properties: {
        ...CREDENTIAL_PROPERTIES,
        ...INVOICE_REFERENCE_PROPERTIES,
        message: { type: 'string', maxLength: MAX_MESSAGE_LENGTH },
      },
      required: ['billinkUsername', 'billinkID', 'invoiceNumber', 'message'],
    },
    response: MESSAGE_RESPONSE_SCHEMA,
    async handle(merchant, body, context) {
      await addMessage(context, merchant, {
        number: text(body.invoiceNumber),
        workflowNumber: text(body.workflowNumber),
        // Not trimmed by text(): the message is kept as written, only its absence is an error.
        message: typeof body.message === 'string' ? body.message : undefined,
      });
      return { result: 'MSG', code: '200', description: 'Message added' };
    },
  });
}
