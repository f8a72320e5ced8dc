/**
 * POST /v2/client/billblend/control-key/rotate: our own endpoint (neither Billink nor BillBlend
 * has one), beside the Buckaroo rotation, where a merchant replaces the control key of one of its
 * BillBlend endpoints (docs/billblend.md "Endpoints and control keys"). The old key stops working
 * when the answer is sent; the answer is the only place the new key is shown. Answers `{status,
 * message, endpointId, workflowNumber, controlKey}` like the Buckaroo rotation.
 */
import type { FastifyInstance } from 'fastify';
import { type RotateControlKeyError, rotateControlKey } from '../../../core/psp/billblend-control-keys.js';
import type { V2Context } from '../v2-context.js';
import { AUTH_ANSWERS, registerWebhookRoute, type WebhookErrorTable } from './webhooks-route.js';

export const CONTROL_KEY_ANSWERS: WebhookErrorTable<RotateControlKeyError> = {
  ...AUTH_ANSWERS,
  endpoint_id_missing: [400, 'endpointId parameter missing'],
  endpoint_unknown: [404, 'BillBlend endpoint not found'],
  control_key_fixed: [400, 'A sandbox endpoint keeps its published control key'],
};

export function billBlendControlKeyRoute(app: FastifyInstance, context: V2Context): void {
  registerWebhookRoute(app, context, {
    path: '/v2/client/billblend/control-key/rotate',
    summary: 'Replace the control key of one of your BillBlend endpoints; the old key stops working at once',
    tags: ['v2', 'billblend'],
    properties: { endpointId: { type: 'string', description: 'The endpoint whose key is replaced, e.g. 1001' } },
    response: {
      type: 'object',
      properties: {
        status: { const: 'success' },
        message: { type: 'string' },
        endpointId: { type: 'string' },
        workflowNumber: { type: 'integer', description: 'The workflow the endpoint books its sales on' },
        controlKey: { type: 'string', description: 'The new control key, a GUID; shown only here' },
      },
      required: ['status', 'message', 'endpointId', 'workflowNumber', 'controlKey'],
    },
    errors: CONTROL_KEY_ANSWERS,
    failure: 'Could not rotate the control key',
    async handle(credentials, body, context) {
      const endpointId = typeof body.endpointId === 'string' || typeof body.endpointId === 'number' ? String(body.endpointId) : undefined;
      const endpoint = await rotateControlKey(context, credentials, endpointId);
      return {
        status: 'success',
        message: 'The control key has been replaced',
        endpointId: endpoint.id,
        workflowNumber: endpoint.workflowNumber,
        controlKey: endpoint.controlKey,
      };
    },
  });
}
