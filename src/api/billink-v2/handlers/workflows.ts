/**
 * The merchant's workflows and their settings (docs/v2-api.md "Workflows"; ours, Billink publishes
 * no such call): `POST /v2/client/workflows` lists them, `POST /v2/client/workflow/set` changes
 * one. Credentials in the body and the flat error shape with HTTP 200, like webshop settings.
 */
import type { FastifyInstance } from 'fastify';
import type { AuthError } from '../../../core/shared/errors.js';
import { type ChangeWorkflowError, changeWorkflow } from '../../../core/workflows/change-workflow.js';
import type { EndpointErrors } from '../../billink-common/wire-error.js';
import { registerManagementRoute } from '../management-route.js';
import { CREDENTIAL_PROPERTIES } from '../schemas/common.js';
import type { V2Context } from '../v2-context.js';
import { readWorkflowSettings, WORKFLOW_SCHEMA, WORKFLOW_SETTINGS_PROPERTIES, wholeNumber, workflowAnswer } from '../workflow-wire.js';

/** No published table: the credential codes every seed table shares, then ours. */
export const WORKFLOWS_WIRE_ERRORS = {
  '101': 'Unknown client username or client id',
  '102': 'Unknown client username or client id',
  '603': 'Redirect Billink API error',
} as const;

export const WORKFLOWS_ERRORS = {
  catalogue: WORKFLOWS_WIRE_ERRORS,
  map: { username_unknown: '101', client_id_wrong: '102' } satisfies Record<AuthError, keyof typeof WORKFLOWS_WIRE_ERRORS>,
} satisfies EndpointErrors;

export const WORKFLOW_SET_WIRE_ERRORS = {
  ...WORKFLOWS_WIRE_ERRORS,
  '402': 'Unknown workflow number %number%',
  '403': 'Invalid workflow settings: %fields%',
} as const;

export const WORKFLOW_SET_ERRORS = {
  catalogue: WORKFLOW_SET_WIRE_ERRORS,
  map: {
    username_unknown: '101',
    client_id_wrong: '102',
    workflow_unknown: '402',
    workflow_settings_invalid: '403',
  } satisfies Record<AuthError | ChangeWorkflowError, keyof typeof WORKFLOW_SET_WIRE_ERRORS>,
} satisfies EndpointErrors;

export function workflowRoutes(app: FastifyInstance, context: V2Context): void {
  registerManagementRoute(app, context, {
    path: '/v2/client/workflows',
    summary: "The merchant's workflows with their full settings",
    errors: WORKFLOWS_ERRORS,
    body: { properties: CREDENTIAL_PROPERTIES, required: ['billinkUsername', 'billinkID'] },
    response: {
      type: 'object',
      properties: {
        result: { const: 'MSG' },
        code: { const: '200' },
        description: { const: 'Workflows' },
        workflows: { type: 'array', items: WORKFLOW_SCHEMA },
      },
      required: ['result', 'code', 'description', 'workflows'],
    },
    async handle(merchant, _body, context) {
      return { result: 'MSG', code: '200', description: 'Workflows', workflows: merchant.workflows.map(workflowAnswer) };
    },
  });

  registerManagementRoute(app, context, {
    path: '/v2/client/workflow/set',
    summary: 'Change one workflow; what is left out keeps its value, invoices started before keep their course',
    errors: WORKFLOW_SET_ERRORS,
    body: {
      properties: { ...CREDENTIAL_PROPERTIES, workflowNumber: { type: ['integer', 'string'] }, ...WORKFLOW_SETTINGS_PROPERTIES },
      required: ['billinkUsername', 'billinkID', 'workflowNumber'],
    },
    response: {
      type: 'object',
      properties: {
        result: { const: 'MSG' },
        code: { const: '200' },
        description: { type: 'string', description: 'Workflow <number> has been changed' },
        workflow: WORKFLOW_SCHEMA,
      },
      required: ['result', 'code', 'description', 'workflow'],
    },
    async handle(merchant, body, context) {
      const number = wholeNumber(body.workflowNumber);
      const workflow = await changeWorkflow(context, merchant, number, readWorkflowSettings(body));
      return { result: 'MSG', code: '200', description: `Workflow ${workflow.number} has been changed`, workflow: workflowAnswer(workflow) };
    },
  });
}
