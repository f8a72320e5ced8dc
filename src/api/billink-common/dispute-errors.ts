import type { OpenDisputeError } from '../../core/disputes/open-dispute.js';
import type { ReadDisputeError } from '../../core/disputes/read-disputes.js';
import type { ResolveDisputeError } from '../../core/disputes/resolve-dispute.js';
import type { EndpointErrors, FrontDoorError } from './wire-error.js';

/**
 * The dispute endpoints (spec §2.16) answer HTTP 400 with `{code, message, error}`; Billink's codes
 * for them are not public, so these are ours (docs/v2-api.md "Disputes"): the shared front-door
 * codes keep their texts, the dispute's own follow the 4xx/7xx numbering of the other tables.
 */
export const DISPUTE_WIRE_ERRORS = {
  '001': 'Unknown API version',
  '101': 'Unknown client username or client id',
  '102': 'Unknown client username or client id',
  '103': 'Unknown action',
  '401': 'Missing invoice number',
  '402': 'Unknown invoice number',
  '403': 'Unknown dispute category',
  '404': 'customerEmail is not an e-mail address',
  '405': 'Missing customerName',
  '406': 'Missing message',
  '407': 'message is over 5000 characters',
  '408': 'locale is not nl or en',
  '409': 'Missing fileName for file',
  '410': 'File type not allowed (png, pdf, jpg, jpeg, doc, docx, heic, with matching content)',
  '411': 'File is over 5 MiB',
  '412': 'file is not base64',
  '413': 'Missing dispute id',
  '414': 'Unknown dispute',
  '415': 'status is not open or resolved',
  '416': 'resolution is over 1000 characters',
  '701': 'The invoice already has an open dispute',
  '702': 'A dispute cannot be opened on this invoice (workflow not started, or nothing left to collect)',
  '703': 'The dispute is already resolved',
  '603': 'Redirect Billink API error',
} as const;

export const DISPUTE_ERRORS = {
  catalogue: DISPUTE_WIRE_ERRORS,
  map: {
    version_unknown: '001',
    username_unknown: '101',
    client_id_wrong: '102',
    action_unknown: '103',
    invoice_number_missing: '401',
    invoice_unknown: '402',
    dispute_category_invalid: '403',
    dispute_customer_email_invalid: '404',
    dispute_customer_name_missing: '405',
    dispute_message_missing: '406',
    dispute_message_too_long: '407',
    dispute_locale_invalid: '408',
    dispute_file_name_missing: '409',
    dispute_file_type: '410',
    dispute_file_too_large: '411',
    dispute_file_invalid: '412',
    dispute_id_missing: '413',
    dispute_unknown: '414',
    dispute_status_invalid: '415',
    dispute_resolution_too_long: '416',
    dispute_already_open: '701',
    dispute_not_possible: '702',
    dispute_already_resolved: '703',
  } satisfies Record<OpenDisputeError | ResolveDisputeError | ReadDisputeError | FrontDoorError, keyof typeof DISPUTE_WIRE_ERRORS>,
} satisfies EndpointErrors;
