import type { FindInvoiceError } from '../../core/invoices/find-invoice.js';
import type { EndpointErrors, FrontDoorError } from './wire-error.js';

/**
 * The invoice timeline is our own v2 call (docs/v2-api.md "Invoice timeline"); Billink publishes
 * no table for it, so its codes follow the File and Message tables' numbering for the same
 * situations: 401 no invoice number, 402 an invoice this merchant does not have.
 */
export const TIMELINE_WIRE_ERRORS = {
  '001': 'Unknown API version',
  '101': 'Unknown client username or client id',
  '102': 'Unknown client username or client id',
  '103': 'Unknown action',
  '401': 'Missing invoice number',
  '402': 'Unknown invoice number or workflow number',
  '601': 'Errors parsing xml file',
  '603': 'Redirect Billink API error',
} as const;

export const TIMELINE_ERRORS = {
  catalogue: TIMELINE_WIRE_ERRORS,
  map: {
    version_unknown: '001',
    username_unknown: '101',
    client_id_wrong: '102',
    action_unknown: '103',
    invoice_number_missing: '401',
    invoice_unknown: '402',
  } satisfies Record<FindInvoiceError | FrontDoorError, keyof typeof TIMELINE_WIRE_ERRORS>,
} satisfies EndpointErrors;
