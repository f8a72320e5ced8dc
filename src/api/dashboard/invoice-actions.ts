/**
 * POST /dashboard/invoices/:number/<action>: the actions the API offers on an invoice, each through
 * the same core use case as the API (start workflow, payment, credit, hold, resume, message). A
 * done action answers 303 back to the invoice (post, redirect, get); a refused one shows the
 * invoice again with the use case's error as a sentence (error-messages.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { addMessage } from '../../core/invoices/add-message.js';
import { applyCredits } from '../../core/payments/apply-credit.js';
import { registerPayments } from '../../core/payments/register-payment.js';
import { DomainError, isDomainError } from '../../core/shared/errors.js';
import { putOnHold } from '../../core/workflows/put-on-hold.js';
import { resumeWorkflow } from '../../core/workflows/resume-workflow.js';
import { startWorkflows } from '../../core/workflows/start-workflow.js';
import type { DashboardContext } from './dashboard-context.js';
import { merchantOf } from './dashboard-context.js';
import { problemText } from './error-messages.js';
import { invoicePage } from './invoice-pages.js';
import { formOf, type PageHelpers } from './routes.js';

type ActionRequest = FastifyRequest<{ Params: { number: string } }>;

/**
 * A person types amounts as written in their language: `12,50` in Dutch. A comma followed by one
 * or two final digits is a decimal comma here (this is a form, not a wire format that refuses the
 * ambiguity, core/shared/money.ts); the dotted text then goes to the core's parser unchanged.
 */
export function formAmount(text: string | null): string | undefined {
  if (text === null) return undefined;
  const trimmed = text.trim().replace(/\s/g, '');
  const dutch = /^(\d{1,3}(?:\.\d{3})+|\d+),(\d{1,2})$/.exec(trimmed);
  return dutch ? `${dutch[1]!.replaceAll('.', '')}.${dutch[2]}` : trimmed;
}

/** An item outcome other than success becomes the same error a request-level code would. */
function refuse(outcome: string): never {
  throw new DomainError(outcome);
}

const ACTIONS: Record<string, (context: DashboardContext, request: ActionRequest) => Promise<void>> = {
  'start-workflow': async (context, request) => {
    const [item] = await startWorkflows(context, merchantOf(request), [{ number: request.params.number }]);
    if (item && item.result !== 'started') refuse(item.result);
  },
  payment: async (context, request) => {
    const form = formOf(request);
    const [item] = await registerPayments(context, merchantOf(request), undefined, [
      { number: request.params.number, amount: formAmount(form.get('amount')), description: form.get('description')?.trim() || undefined },
    ], 'merchant');
    if (item && item.result.outcome !== 'applied') refuse(item.result.outcome);
  },
  credit: async (context, request) => {
    const form = formOf(request);
    const [item] = await applyCredits(context, merchantOf(request), undefined, [
      { number: request.params.number, amount: formAmount(form.get('amount')), description: form.get('description')?.trim() || undefined },
    ]);
    if (item && item.result.outcome !== 'applied') refuse(item.result.outcome);
  },
  hold: async (context, request) => {
    await putOnHold(context, merchantOf(request), { number: request.params.number, days: formOf(request).get('days') ?? undefined });
  },
  resume: async (context, request) => {
    await resumeWorkflow(context, merchantOf(request), { number: request.params.number });
  },
  message: async (context, request) => {
    await addMessage(context, merchantOf(request), { number: request.params.number, message: formOf(request).get('message') ?? undefined });
  },
};

export function invoiceActions(app: FastifyInstance, context: DashboardContext, helpers: PageHelpers): void {
  app.post('/dashboard/invoices/:number/:action', async (request: FastifyRequest<{ Params: { number: string; action: string } }>, reply: FastifyReply) => {
    const run = Object.hasOwn(ACTIONS, request.params.action) ? ACTIONS[request.params.action] : undefined;
    if (!run) return helpers.notFound(request, reply);
    // The invoice must be the merchant's own before anything runs: another's number is not found.
    const before = await invoicePage(context, request, helpers, [], undefined);
    if (!before) return helpers.notFound(request, reply);
    try {
      await run(context, request);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const page = await invoicePage(context, request, helpers, [problemText(error.code, request.dashboard.language)], undefined);
      return page ? helpers.page(request, reply, 422, page) : helpers.notFound(request, reply);
    }
    const location = `${helpers.prefix()}/dashboard/invoices/${encodeURIComponent(request.params.number)}?done=${request.params.action}#timeline`;
    return reply.code(303).header('location', location).send();
  });
}
