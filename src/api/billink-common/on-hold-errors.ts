import type { OnHoldError } from '../../core/workflows/put-on-hold.js';
import type { ResumeError } from '../../core/workflows/resume-workflow.js';
import type { EndpointErrors, FrontDoorError } from './wire-error.js';

/** The On Hold API table of seeds 001, verbatim. */
export const ON_HOLD_WIRE_ERRORS = {
  '001': "Unknown API version",
  '101': "Unknown client username or client id",
  '103': "Unknown action",
  '104': "Unsupported param for resume",
  '401': "Missing invoice number or workflow number",
  '402': "Unknown invoice number or workflow number",
  '403': "On hold period is too long, because of guaranteed payment (max 14 days)",
  '603': "Redirect Billink API error",
  '701': "Order cannot be set on hold",
} as const;

export const ON_HOLD_ERRORS = {
  catalogue: ON_HOLD_WIRE_ERRORS,
  map: {
    version_unknown: '001',
    username_unknown: '101',
    // The On hold table has no 102; its 101 covers both halves of the credentials.
    client_id_wrong: '101',
    action_unknown: '103',
    resume_param_unsupported: '104',
    invoice_number_missing: '401',
    invoice_unknown: '402',
    on_hold_too_long: '403',
    on_hold_not_possible: '701',
  } satisfies Record<OnHoldError | ResumeError | FrontDoorError, keyof typeof ON_HOLD_WIRE_ERRORS>,
} satisfies EndpointErrors;
