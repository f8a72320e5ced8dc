/**
 * Which endpoint answers a request. The XML ACTION decides, case-insensitively and ignoring
 * spaces, dashes and underscores; the path only decides when ACTION is absent. So `resume` sent to
 * the on-hold path works (avido), and so does `Refund` sent to credit (WooCommerce) (spec §1.1).
 */
import type { LegacyEndpoint } from './endpoint.js';
import { checkEndpoint } from './handlers/check.js';
import { creditEndpoint } from './handlers/credit.js';
import { fileEndpoint } from './handlers/file.js';
import { messageEndpoint } from './handlers/message.js';
import { onHoldEndpoint, resumeEndpoint } from './handlers/on-hold.js';
import { orderEndpoint } from './handlers/order.js';
import { paymentEndpoint } from './handlers/payment.js';
import { startWorkflowEndpoint } from './handlers/start-workflow.js';
import { statusEndpoint } from './handlers/status.js';

const BY_ACTION: Readonly<Record<string, LegacyEndpoint>> = {
  check: checkEndpoint,
  order: orderEndpoint,
  activateorder: startWorkflowEndpoint,
  startworkflow: startWorkflowEndpoint,
  status: statusEndpoint,
  credit: creditEndpoint,
  refund: creditEndpoint,
  payment: paymentEndpoint,
  onhold: onHoldEndpoint,
  resume: resumeEndpoint,
  pdf: fileEndpoint,
  file: fileEndpoint,
  message: messageEndpoint,
};

/** The services of /api/<service> and /v1/client/<service>. */
export const BY_PATH: Readonly<Record<string, LegacyEndpoint>> = {
  check: checkEndpoint,
  order: orderEndpoint,
  status: statusEndpoint,
  'start-workflow': startWorkflowEndpoint,
  credit: creditEndpoint,
  payment: paymentEndpoint,
  'on-hold': onHoldEndpoint,
  resume: resumeEndpoint,
  file: fileEndpoint,
  message: messageEndpoint,
};

export function endpointForAction(action: string): LegacyEndpoint | undefined {
  const key = action.toLowerCase().replace(/[\s_-]+/g, '');
  return Object.hasOwn(BY_ACTION, key) ? BY_ACTION[key] : undefined;
}
