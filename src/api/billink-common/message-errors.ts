import type { MessageError } from '../../core/invoices/add-message.js';
import type { EndpointErrors, FrontDoorError } from './wire-error.js';

/**
 * The seeds publish no table for Message; these codes follow the neighbouring On hold table's
 * numbering for the same situations (docs/errors.md).
 */
export const MESSAGE_WIRE_ERRORS = {
  '001': 'Unknown API version',
  '101': 'Unknown client username or client id',
  '102': 'Unknown client username or client id',
  '103': 'Unknown action',
  '401': 'Missing invoice number',
  '402': 'Unknown invoice number or workflow number',
  '403': 'Missing message',
  '404': 'Message is too long (max. 5000 characters)',
  '601': 'Errors parsing xml file',
  '603': 'Redirect Billink API error',
} as const;

export const MESSAGE_ERRORS = {
  catalogue: MESSAGE_WIRE_ERRORS,
  map: {
    version_unknown: '001',
    username_unknown: '101',
    client_id_wrong: '102',
    action_unknown: '103',
    invoice_number_missing: '401',
    invoice_unknown: '402',
    message_missing: '403',
    message_too_long: '404',
  } satisfies Record<MessageError | FrontDoorError, keyof typeof MESSAGE_WIRE_ERRORS>,
} satisfies EndpointErrors;
