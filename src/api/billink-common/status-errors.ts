import type { StatusError } from '../../core/invoices/invoice-status.js';
import type { EndpointErrors, FrontDoorError } from './wire-error.js';

/**
 * The Status API table of seeds 001, verbatim. 420 stays in the catalogue but nothing maps to it:
 * entries without a number are answered with STATUS -1, as Billink did (spec §2.4).
 */
export const STATUS_WIRE_ERRORS = {
  '001': "Unknown API version",
  '101': "Unknown client username or client id",
  '102': "Unknown client username or client id",
  '103': "Unknown action",
  '110': "Limit is 100 invoices per request",
  '111': "Request limit exceeded",
  '420': "Missing invoice numbers",
  '601': "Errors parsing xml file",
  '603': "Redirect Billink API error",
  '705': "No invoices provided",
} as const;

export const STATUS_ERRORS = {
  catalogue: STATUS_WIRE_ERRORS,
  map: {
    version_unknown: '001',
    username_unknown: '101',
    client_id_wrong: '102',
    action_unknown: '103',
    invoices_too_many: '110',
    rate_limited: '111',
    invoices_missing: '705',
  } satisfies Record<StatusError | FrontDoorError, keyof typeof STATUS_WIRE_ERRORS>,
} satisfies EndpointErrors;
