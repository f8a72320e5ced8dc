import type { CreditError } from '../../core/payments/apply-credit.js';
import type { EndpointErrors, FrontDoorError } from './wire-error.js';

/** The Credit API table of seeds 001, verbatim. */
export const CREDIT_WIRE_ERRORS = {
  '001': "Unknown API version",
  '101': "Unknown client username or client id",
  '102': "Unknown client username or client id",
  '103': "Unknown action",
  '402': "Workflow with number %number% does not exist",
  '404': "Order with number %number% already exists",
  '601': "XML empty or not found",
  '603': "Redirect Billink API error",
  '705': "No invoices provided",
  '706': "You are not allowed to manage this order",
  '707': "Credit cannot be applied at this stage",
  '708': "Credit cannot be applied at this stage(0)",
} as const;

export const CREDIT_ERRORS = {
  catalogue: CREDIT_WIRE_ERRORS,
  map: {
    version_unknown: '001',
    username_unknown: '101',
    client_id_wrong: '102',
    action_unknown: '103',
    workflow_unknown: '402',
    // The table has no limit code (Status has 110, Start Workflow 708): the generic code, which
    // every table has, for a request that changed nothing (docs/legacy-api.md "Item caps").
    invoices_too_many: '603',
    invoices_missing: '705',
  } satisfies Record<CreditError | FrontDoorError, keyof typeof CREDIT_WIRE_ERRORS>,
} satisfies EndpointErrors;
