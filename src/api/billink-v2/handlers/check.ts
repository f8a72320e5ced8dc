/**
 * POST /v2/client/check: a JSON credit check for server-to-server users (Billink publishes none,
 * spec §2.1 and §7.3; path and names ours). Same core use case as the XML Check: `{result: "MSG",
 * code: "500", description: "Advies=1", uuid}` when positive, code 501 `Advies=0` when not.
 */
import type { FastifyInstance } from 'fastify';
import { runCreditCheck } from '../../../core/credit/run-check.js';
import { amountTextFromJson } from '../../../core/shared/money.js';
import { CHECK_ERRORS } from '../../billink-common/check-errors.js';
import { registerManagementRoute } from '../management-route.js';
import { CREDENTIAL_PROPERTIES } from '../schemas/common.js';
import { text } from '../v2-credentials.js';
import type { V2Context } from '../v2-context.js';
import { CUSTOMER_PROPERTIES, flag, readCustomer } from './read-customer.js';

export function checkRoute(app: FastifyInstance, context: V2Context): void {
  registerManagementRoute(app, context, {
    path: '/v2/client/check',
    summary: 'Credit check: a UUID for the order when the advice is positive',
    errors: CHECK_ERRORS,
    body: {
      properties: {
        ...CREDENTIAL_PROPERTIES,
        ...CUSTOMER_PROPERTIES,
        orderAmount: { type: ['number', 'string'], description: 'Order total including VAT, e.g. 104.85' },
        backdoor: { type: ['boolean', 'string', 'integer'], description: 'Sandbox only: 1 or true forces a positive advice' },
        payTrustScore: { type: ['integer', 'string'], description: '0 to 10' },
      },
      required: ['billinkUsername', 'billinkID', 'type', 'workflowNumber', 'lastName', 'email', 'orderAmount'],
    },
    response: {
      type: 'object',
      properties: {
        result: { const: 'MSG' },
        code: { enum: ['500', '501'] },
        description: { enum: ['Advies=1', 'Advies=0'] },
        uuid: { type: 'string', description: 'Only with code 500; send it as checkUuid with the order' },
      },
      required: ['result', 'code', 'description'],
    },
    async handle(merchant, body, context) {
      const outcome = await runCreditCheck(context, merchant, {
        ...readCustomer(body),
        workflowNumber: text(body.workflowNumber),
        amount: amountTextFromJson(body.orderAmount),
        backdoor: flag(body.backdoor, '1', '0'),
        payTrustScore: text(body.payTrustScore),
      });
      if (!outcome.approved) return { result: 'MSG', code: '501', description: 'Advies=0' };
      return { result: 'MSG', code: '500', description: 'Advies=1', uuid: outcome.uuid };
    },
  });
}
