/**
 * GET /dashboard/settings: the webshop settings plugins read (spec §2.14; read-only, as no use
 * case changes them yet), the checkout return URL domains (set through the same use case as the
 * v2 API) and the Billink client id (rotated, the new one shown once). Webhook URLs are on the
 * webhook page.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setReturnUrlDomains } from '../../core/merchants/return-url-domains.js';
import { rotateClientId } from '../../core/merchants/rotate-client-id.js';
import { webshopSettings } from '../../core/merchants/webshop-settings.js';
import { isDomainError } from '../../core/shared/errors.js';
import type { DashboardContext } from './dashboard-context.js';
import { merchantOf } from './dashboard-context.js';
import { problemText } from './error-messages.js';
import { TEXTS } from './page-text.js';
import { renderSettings } from './render-settings.js';
import { formOf, type PageHelpers } from './routes.js';
import { renderWorkflows, type WorkflowSectionInput } from './render-workflows.js';
import { invalidFormFields, postedFormValues, readWorkflowForm, workflowFieldSentences } from './workflow-form.js';
import { changeWorkflow } from '../../core/workflows/change-workflow.js';

export function settingsPages(app: FastifyInstance, context: DashboardContext, helpers: PageHelpers): void {
  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    problems: string[],
    domainsText?: string,
    saved = false,
    newClientId?: string,
    workflow?: WorkflowSectionInput['current'],
  ) {
    const text = TEXTS[request.dashboard.language];
    const merchant = merchantOf(request);
    const main = renderSettings({
      text,
      prefix: helpers.prefix(),
      viewer: request.dashboard.viewer!,
      merchant,
      settings: await webshopSettings(context, merchant),
      domainsText: domainsText ?? (await context.store.read.merchantAccounts.returnUrlDomains(merchant.id)).join('\n'),
      problems,
      saved,
      newClientId,
    });
    const workflows = renderWorkflows({ language: request.dashboard.language, prefix: helpers.prefix(), viewer: request.dashboard.viewer!, workflows: merchant.workflows, current: workflow });
    return helpers.page(request, reply, status, { title: text.settings, section: 'settings', main: main + workflows });
  }

  app.get('/dashboard/settings', async (request: FastifyRequest<{ Querystring: { saved?: string; workflow?: string } }>, reply) => {
    const saved = Number(request.query.workflow);
    const workflow = Number.isInteger(saved) ? { number: saved, problems: [], saved: true } : undefined;
    return show(request, reply, 200, [], undefined, request.query.saved === '1', undefined, workflow);
  });

  // The same use case and checks as POST /v2/client/workflow/set; a refusal shows the form again
  // with what was typed and a sentence per refused field, and changes nothing.
  app.post('/dashboard/settings/workflow', async (request, reply) => {
    const merchant = merchantOf(request);
    const form = formOf(request);
    const numberText = form.get('number') ?? '';
    const number = /^\d{1,9}$/.test(numberText.trim()) ? Number(numberText) : undefined;
    const values = postedFormValues(form);
    const { settings, reminderRows } = readWorkflowForm(values);
    try {
      await changeWorkflow(context, merchant, number, settings);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const language = request.dashboard.language;
      if (error.code !== 'workflow_settings_invalid' || number === undefined) return helpers.showProblem(request, reply, 404, error.code);
      const fields = error.params.fields ?? '';
      const problems = workflowFieldSentences(fields, language, reminderRows, problemText(error.code, language));
      const invalid = invalidFormFields(fields, reminderRows);
      return show(request, reply, 422, [], undefined, false, undefined, { number, values, problems, saved: false, invalid });
    }
    return reply.code(303).header('location', `${helpers.prefix()}/dashboard/settings?workflow=${number}#workflow-${number}`).send();
  });

  app.post('/dashboard/settings/return-domains', async (request, reply) => {
    const merchant = merchantOf(request);
    const given = formOf(request).get('domains') ?? '';
    const domains = given.split(/[\s,]+/).filter(Boolean);
    try {
      await setReturnUrlDomains(context, { username: merchant.username, clientId: merchant.clientId }, domains);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return show(request, reply, 422, [problemText(error.code, request.dashboard.language)], given);
    }
    return reply.code(303).header('location', `${helpers.prefix()}/dashboard/settings?saved=1`).send();
  });

  // The new id is in this answer only (no redirect, no-store): shown once.
  app.post('/dashboard/settings/client-id', async (request, reply) => {
    try {
      const clientId = await rotateClientId(context, merchantOf(request));
      return show(request, reply, 200, [], undefined, false, clientId);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return show(request, reply, 422, [problemText(error.code, request.dashboard.language)]);
    }
  });
}
