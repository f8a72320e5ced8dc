/**
 * GET /dashboard/keys and POST /dashboard/keys/buckaroo: the merchant's Buckaroo website key, and
 * a new pair through the same rotation use case as POST /v2/client/buckaroo/credentials/rotate
 * (docs/buckaroo.md "Credentials"), and POST /dashboard/keys/billblend: a new control key for one
 * BillBlend endpoint (docs/billblend.md "Endpoints and control keys"). The old pair stops working with the commit, so the form asks
 * for a ticked confirmation first; the new secret is in the answer only (no redirect, no-store).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { rotatePspCredentials, type PspCredentialPair } from '../../core/psp/psp-credentials.js';
import { isDomainError } from '../../core/shared/errors.js';
import { isSandbox } from '../../core/merchants/merchant.js';
import { rotateControlKey } from '../../core/psp/billblend-control-keys.js';
import type { PspEndpoint } from '../../core/sessions/psp-sale.js';
import type { DashboardContext } from './dashboard-context.js';
import { merchantOf } from './dashboard-context.js';
import { problemText } from './error-messages.js';
import { TEXTS } from './page-text.js';
import { renderKeys } from './render-keys.js';
import { formOf, type PageHelpers } from './routes.js';
import { TOOL_TEXTS } from './sandbox-text.js';

export function keyPages(app: FastifyInstance, context: DashboardContext, helpers: PageHelpers): void {
  async function show(request: FastifyRequest, reply: FastifyReply, status: number, problems: string[], newPair?: PspCredentialPair, newControlKey?: PspEndpoint) {
    const language = request.dashboard.language;
    const words = TOOL_TEXTS[language];
    const merchant = merchantOf(request);
    const credential = newPair ? undefined : await context.pspCredentials.findByMerchantId(merchant.id);
    const main = renderKeys({
      text: TEXTS[language],
      words,
      prefix: helpers.prefix(),
      viewer: request.dashboard.viewer!,
      websiteKey: credential?.websiteKey,
      problems,
      newPair,
      endpoints: await context.store.read.pspSales.endpointsOf(merchant.id),
      sandbox: isSandbox(merchant),
      newControlKey,
    });
    return helpers.page(request, reply, status, { title: words.keys, section: 'keys', main });
  }

  app.get('/dashboard/keys', async (request, reply) => show(request, reply, 200, []));

  app.post('/dashboard/keys/buckaroo', async (request, reply) => {
    const language = request.dashboard.language;
    if (formOf(request).get('confirm') !== 'yes') return show(request, reply, 422, [problemText('keys_unconfirmed', language)]);
    const merchant = merchantOf(request);
    try {
      const pair = await rotatePspCredentials(context, { username: merchant.username, clientId: merchant.clientId });
      return show(request, reply, 200, [], pair);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return show(request, reply, 422, [problemText(error.code, language)]);
    }
  });

  // The same use case as POST /v2/client/billblend/control-key/rotate; the new key is in this answer only.
  app.post('/dashboard/keys/billblend', async (request, reply) => {
    const language = request.dashboard.language;
    const form = formOf(request);
    if (form.get('confirm') !== 'yes') return show(request, reply, 422, [problemText('keys_unconfirmed', language)]);
    const merchant = merchantOf(request);
    try {
      const endpoint = await rotateControlKey(context, { username: merchant.username, clientId: merchant.clientId }, form.get('endpointId') ?? undefined);
      return show(request, reply, 200, [], undefined, endpoint);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return show(request, reply, 422, [problemText(error.code, language)]);
    }
  });
}
