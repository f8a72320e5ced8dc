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

export function settingsPages(app: FastifyInstance, context: DashboardContext, helpers: PageHelpers): void {
  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    problems: string[],
    domainsText?: string,
    saved = false,
    newClientId?: string,
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
    return helpers.page(request, reply, status, { title: text.settings, section: 'settings', main });
  }

  app.get('/dashboard/settings', async (request: FastifyRequest<{ Querystring: { saved?: string } }>, reply) =>
    show(request, reply, 200, [], undefined, request.query.saved === '1'),
  );

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
