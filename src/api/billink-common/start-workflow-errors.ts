import type { StartWorkflowError } from '../../core/workflows/start-workflow.js';
import type { EndpointErrors, FrontDoorError } from './wire-error.js';

/** The Start Workflow API table of seeds 001, verbatim. */
export const START_WORKFLOW_WIRE_ERRORS = {
  '001': "Unknown API version",
  '101': "Unknown client username or client id",
  '102': "Unknown client username or client id",
  '103': "Unknown action",
  '603': "Redirect Billink API error",
  '704': "Unknown invoice number",
  '705': "No invoices provided",
  '706': "You are not allowed to manage this order",
  '707': "Order workflow is already started",
  '708': "Maximum 10 invoices per request allowed",
} as const;

export const START_WORKFLOW_ERRORS = {
  catalogue: START_WORKFLOW_WIRE_ERRORS,
  map: {
    version_unknown: '001',
    username_unknown: '101',
    client_id_wrong: '102',
    action_unknown: '103',
    invoices_missing: '705',
    invoices_too_many: '708',
    invoices_unknown: '704',
  } satisfies Record<StartWorkflowError | FrontDoorError, keyof typeof START_WORKFLOW_WIRE_ERRORS>,
  // Billink's recorded answer puts the number after the table text: `Unknown invoice number: I2014.001.234`.
  details: { invoices_unknown: 'number' },
} satisfies EndpointErrors;
