/** ACTION message (spec §2.9): a note for customer service, stored with the invoice. */
import { addMessage } from '../../../core/invoices/add-message.js';
import type { LegacyEndpoint } from '../endpoint.js';
import { MESSAGE_ERRORS } from '../../billink-common/message-errors.js';
import { messageResponse } from '../xml-response.js';

export const messageEndpoint: LegacyEndpoint = {
  errors: MESSAGE_ERRORS,
  async handle(context, merchant, request) {
    await addMessage(context, merchant, {
      number: request.text('INVOICENUMBER'),
      workflowNumber: request.text('WORKFLOWNUMBER'),
      message: request.text('MESSAGE'),
    });
    return messageResponse([['CODE', '200'], ['DESCRIPTION', 'Message added']]);
  },
};
