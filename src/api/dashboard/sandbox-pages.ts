/**
 * GET /dashboard/sandbox, POST /dashboard/sandbox/advance and /dashboard/sandbox/reset: the test
 * clock of a sandbox merchant, through the same use cases and ClockFollowUp as POST
 * /v2/sandbox/clock… (docs/collection.md "Test clocks"). A live merchant has no test clock, so
 * for it these paths do not exist (404), as an unknown page.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Merchant } from '../../core/merchants/merchant.js';
import { isSandbox } from '../../core/merchants/merchant.js';
import { readClockMove, type ClockMoveInput } from '../../core/sandbox/clock-move.js';
import { advanceTestClock, readTestClock, resetTestClock, type ClockAdvance, type TestClockState } from '../../core/sandbox/test-clock.js';
import { isDomainError } from '../../core/shared/errors.js';
import type { DashboardContext } from './dashboard-context.js';
import { merchantOf } from './dashboard-context.js';
import { problemText } from './error-messages.js';
import { TEXTS } from './page-text.js';
import { renderSandbox, type SandboxInput } from './render-sandbox.js';
import { formOf, type PageHelpers } from './routes.js';
import { TOOL_TEXTS } from './sandbox-text.js';

interface Shown {
  clock?: TestClockState;
  problems?: string[];
  advance?: ClockAdvance;
  reset?: boolean;
  given?: SandboxInput['given'];
}

/** The form's fields as the use case reads them: amount and unit make days or hours, or a `to`. */
function moveInput(form: URLSearchParams): ClockMoveInput {
  const input: ClockMoveInput = {};
  const amount = form.get('amount');
  if (amount !== null) {
    const unit = form.get('unit');
    // An unknown unit is no move at all: the use case answers that one of days, hours or to is needed.
    if (unit === 'hours') input.hours = amount;
    else if (unit === 'days' || unit === null) input.days = amount;
  }
  const to = form.get('to');
  if (to !== null) input.to = to;
  return input;
}

export function sandboxPages(app: FastifyInstance, context: DashboardContext, helpers: PageHelpers): void {
  function show(request: FastifyRequest, reply: FastifyReply, status: number, merchant: Merchant, shown: Shown) {
    const language = request.dashboard.language;
    const words = TOOL_TEXTS[language];
    const main = renderSandbox({
      text: TEXTS[language],
      words,
      prefix: helpers.prefix(),
      viewer: request.dashboard.viewer!,
      clock: shown.clock ?? readTestClock(context, merchant),
      problems: shown.problems ?? [],
      advance: shown.advance,
      reset: shown.reset ?? false,
      given: shown.given ?? { amount: '', unit: 'days', to: '' },
    });
    return helpers.page(request, reply, status, { title: words.sandbox, section: 'sandbox', main });
  }

  /** The signed-in merchant when it is a sandbox one; a live one gets the not-found page. */
  function sandboxMerchant(request: FastifyRequest): Merchant | undefined {
    const merchant = merchantOf(request);
    return isSandbox(merchant) ? merchant : undefined;
  }

  app.get('/dashboard/sandbox', async (request, reply) => {
    const merchant = sandboxMerchant(request);
    if (!merchant) return helpers.notFound(request, reply);
    return show(request, reply, 200, merchant, {});
  });

  // The report is in this answer (no redirect): it tells what this one advance did.
  app.post('/dashboard/sandbox/advance', async (request, reply) => {
    const merchant = sandboxMerchant(request);
    if (!merchant) return helpers.notFound(request, reply);
    const form = formOf(request);
    try {
      const advance = await advanceTestClock(context, context.clockFollowUp, merchant, readClockMove(moveInput(form)));
      return show(request, reply, 200, merchant, { clock: advance, advance });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const given = { amount: form.get('amount') ?? '', unit: form.get('unit') ?? 'days', to: form.get('to') ?? '' };
      return show(request, reply, 422, merchant, { problems: [problemText(error.code, request.dashboard.language)], given });
    }
  });

  app.post('/dashboard/sandbox/reset', async (request, reply) => {
    const merchant = sandboxMerchant(request);
    if (!merchant) return helpers.notFound(request, reply);
    const reset = await resetTestClock(context, merchant);
    return show(request, reply, 200, merchant, { clock: reset, reset: true });
  });
}
