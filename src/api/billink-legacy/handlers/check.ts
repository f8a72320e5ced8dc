/** ACTION Check (spec §2.1): 500 `Advies=1` with the UUID beside MSG, or 501 `Advies=0`. */
import { runCreditCheck } from '../../../core/credit/run-check.js';
import type { LegacyEndpoint } from '../endpoint.js';
import { CHECK_ERRORS } from '../../billink-common/check-errors.js';
import { messageResponse } from '../xml-response.js';
import { readCustomer } from './read-customer.js';

export const checkEndpoint: LegacyEndpoint = {
  errors: CHECK_ERRORS,
  async handle(context, merchant, request) {
    const outcome = await runCreditCheck(context, merchant, {
      ...readCustomer(request),
      workflowNumber: request.text('WORKFLOWNUMBER'),
      amount: request.text('ORDERAMOUNT'),
      backdoor: request.text('BACKDOOR'),
      payTrustScore: request.text('PAYTRUSTSCORE'),
    });
    if (!outcome.approved) return messageResponse([['CODE', '501'], ['DESCRIPTION', 'Advies=0']]);
    // Every client reads the UUID from the root, next to MSG, not inside it (spec §2.1).
    return messageResponse([['CODE', '500'], ['DESCRIPTION', 'Advies=1']], [['UUID', outcome.uuid]]);
  },
};
