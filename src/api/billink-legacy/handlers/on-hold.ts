/** ACTION Onhold and resume (spec §2.7, §2.8); avido sends resume to the on-hold path. */
import { putOnHold } from '../../../core/workflows/put-on-hold.js';
import { resumeWorkflow } from '../../../core/workflows/resume-workflow.js';
import { amsterdamDate } from '../../../core/shared/dates.js';
import type { LegacyEndpoint } from '../endpoint.js';
import { ON_HOLD_ERRORS } from '../../billink-common/on-hold-errors.js';
import { messageResponse } from '../xml-response.js';

export const onHoldEndpoint: LegacyEndpoint = {
  errors: ON_HOLD_ERRORS,
  async handle(context, merchant, request) {
    const { until } = await putOnHold(context, merchant, {
      number: request.text('INVOICENUMBER'),
      workflowNumber: request.text('WORKFLOWNUMBER'),
      days: request.text('DAYS'),
    });
    // The calendar day in Amsterdam, like due dates; a UTC date would be a day early after midnight.
    return messageResponse([['CODE', '200'], ['DESCRIPTION', `Order is on hold until ${amsterdamDate(until)}`]]);
  },
};

export const resumeEndpoint: LegacyEndpoint = {
  errors: ON_HOLD_ERRORS,
  async handle(context, merchant, request) {
    await resumeWorkflow(context, merchant, {
      number: request.text('INVOICENUMBER'),
      workflowNumber: request.text('WORKFLOWNUMBER'),
      resume: request.text('RESUME'),
    });
    return messageResponse([['CODE', '200'], ['DESCRIPTION', 'Order resumed']]);
  },
};
