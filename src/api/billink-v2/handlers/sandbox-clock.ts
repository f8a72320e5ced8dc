/**
 * The sandbox test clock (ours; Billink has none): POST /v2/sandbox/clock, …/clock/advance and
 * …/clock/reset, with the credentials in the JSON body like the other v2 management calls, and
 * answers in their shape (docs/collection.md "Test clocks", docs/v2-api.md).
 */
import type { FastifyInstance } from 'fastify';
import { readClockMove } from '../../../core/sandbox/clock-move.js';
import { advanceTestClock, readTestClock, resetTestClock, type TestClockState } from '../../../core/sandbox/test-clock.js';
import { CLOCK_ERRORS } from '../../billink-common/clock-errors.js';
import { registerManagementRoute } from '../management-route.js';
import { CREDENTIAL_PROPERTIES } from '../schemas/common.js';
import type { V2Context } from '../v2-context.js';

const TIME = { type: 'string', format: 'date-time' } as const;

const CLOCK_PROPERTIES = {
  result: { const: 'MSG' },
  code: { type: 'string' },
  description: { type: 'string' },
  now: { ...TIME, description: "The merchant's business time, what every use case writes for it" },
  realNow: { ...TIME, description: 'Real time on the server' },
  offsetMs: { type: 'integer', minimum: 0, description: 'How far the merchant\'s time is ahead of real time; 0 is real time' },
  mode: { const: 'sandbox', description: 'Only sandbox merchants have a test clock' },
} as const;
const CLOCK_REQUIRED = ['result', 'code', 'description', 'now', 'realNow', 'offsetMs', 'mode'] as const;

const CLOCK_RESPONSE = { type: 'object', properties: CLOCK_PROPERTIES, required: [...CLOCK_REQUIRED] } as const;

const ADVANCE_RESPONSE = {
  type: 'object',
  properties: {
    ...CLOCK_PROPERTIES,
    from: { ...TIME, description: "The merchant's time just before the move" },
    steps: {
      type: 'object',
      additionalProperties: { type: 'integer', minimum: 1 },
      description: 'Workflow steps applied, by the step name status DESCRIPTION shows after each',
    },
    stepsApplied: { type: 'integer', minimum: 0, description: 'All steps applied, the sum of steps' },
    emails: { type: 'integer', minimum: 0, description: 'Customer e-mails handed to SMTP (or the outbox)' },
    webhooks: { type: 'integer', minimum: 0, description: 'Webhook deliveries that had their first attempt' },
  },
  required: [...CLOCK_REQUIRED, 'from', 'steps', 'stepsApplied', 'emails', 'webhooks'],
} as const;

const RESET_RESPONSE = {
  type: 'object',
  properties: { ...CLOCK_PROPERTIES, from: { ...TIME, description: "The merchant's time just before the reset" } },
  required: [...CLOCK_REQUIRED, 'from'],
} as const;

function clockAnswer(description: string, state: TestClockState) {
  return {
    result: 'MSG',
    code: '200',
    description,
    now: state.now.toISOString(),
    realNow: state.realNow.toISOString(),
    offsetMs: state.offsetMs,
    mode: 'sandbox',
  };
}

export function sandboxClockRoutes(app: FastifyInstance, context: V2Context): void {
  registerManagementRoute(app, context, {
    path: '/v2/sandbox/clock',
    summary: "Read a sandbox merchant's test clock",
    tags: ['sandbox'],
    errors: CLOCK_ERRORS,
    body: { properties: CREDENTIAL_PROPERTIES, required: ['billinkUsername', 'billinkID'] },
    response: CLOCK_RESPONSE,
    async handle(merchant, _body, context) {
      return clockAnswer('Test clock', readTestClock(context, merchant));
    },
  });

  registerManagementRoute(app, context, {
    path: '/v2/sandbox/clock/advance',
    summary: "Move a sandbox merchant's test clock forward and run what falls due",
    tags: ['sandbox'],
    errors: CLOCK_ERRORS,
    body: {
      properties: {
        ...CREDENTIAL_PROPERTIES,
        days: { type: ['integer', 'string'], description: 'Whole days forward (above 0)' },
        hours: { type: ['integer', 'string'], description: 'Whole hours forward (above 0)' },
        to: { type: 'string', description: 'ISO 8601 instant or date to move to (without a zone: Amsterdam time)' },
      },
      required: ['billinkUsername', 'billinkID'],
    },
    response: ADVANCE_RESPONSE,
    async handle(merchant, body, context) {
      const move = readClockMove({ days: body.days, hours: body.hours, to: body.to });
      const advance = await advanceTestClock(context, context.clockFollowUp, merchant, move);
      return {
        ...clockAnswer('Test clock advanced', advance),
        from: advance.from.toISOString(),
        steps: advance.steps,
        stepsApplied: Object.values(advance.steps).reduce((sum, count) => sum + count, 0),
        emails: advance.emails,
        webhooks: advance.webhooks,
      };
    },
  });

  registerManagementRoute(app, context, {
    path: '/v2/sandbox/clock/reset',
    summary: 'Return a sandbox merchant to real time',
    tags: ['sandbox'],
    errors: CLOCK_ERRORS,
    body: { properties: CREDENTIAL_PROPERTIES, required: ['billinkUsername', 'billinkID'] },
    response: RESET_RESPONSE,
    async handle(merchant, _body, context) {
      const reset = await resetTestClock(context, merchant);
      return { ...clockAnswer('Test clock reset to real time', reset), from: reset.from.toISOString() };
    },
  });
}
