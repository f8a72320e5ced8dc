import type { PaymentError } from '../../core/payments/register-payment.js';
import type { EndpointErrors, FrontDoorError } from './wire-error.js';

/** The Payment API table of seeds 001, verbatim. */
export const PAYMENT_WIRE_ERRORS = {
  '001': "Unknown API version",
  '101': "Unknown client username or client id",
  '102': "Unknown client username or client id",
  '103': "Unknown action",
  '402': "Workflow with number %number% does not exist",
  '420': "Missing invoice numbers",
  '603': "Redirect Billink API error",
  '704': "Unknown invoice number",
  '706': "You are not allowed to manage this order",
  '707': "Order is already paid",
  '708': "Description is too long (max. 30 characters)",
} as const;

export const PAYMENT_ERRORS = {
  catalogue: PAYMENT_WIRE_ERRORS,
  map: {
    version_unknown: '001',
    username_unknown: '101',
    client_id_wrong: '102',
    action_unknown: '103',
    workflow_unknown: '402',
    // The table has no limit code (Status has 110, Start Workflow 708): the generic code, which
    // every table has, for a request that changed nothing (docs/legacy-api.md "Item caps").
    invoices_too_many: '603',
    invoices_missing: '420',
  } satisfies Record<PaymentError | FrontDoorError, keyof typeof PAYMENT_WIRE_ERRORS>,
} satisfies EndpointErrors;
