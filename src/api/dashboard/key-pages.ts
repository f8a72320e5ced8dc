/**
 * GET /dashboard/keys and POST /dashboard/keys/buckaroo: the merchant's Buckaroo website key, and
 * a new pair through the same rotation use case as POST /v2/client/buckaroo/credentials/rotate
 * (docs/buckaroo.md "Credentials"), and POST /dashboard/keys/billblend: a new control key for one
 * BillBlend endpoint (docs/billblend.md "Endpoints and control keys"). The old pair stops working with the commit, so the form asks
 * for a ticked confirmation first; the new secret is in the answer only (no redirect, no-store).
 * POST /dashboard/keys/push-url and /dashboard/keys/callback-url set or remove where the PSP
 * contracts notify the merchant, through the use cases of POST /v2/client/buckaroo/push-url/set and
 * /v2/client/billblend/callback-url/set (core/psp/notification-urls.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { rotatePspCredentials, type PspCredentialPair } from '../../core/psp/psp-credentials.js';
import { isDomainError } from '../../core/shared/errors.js';
import { isSandbox } from '../../core/merchants/merchant.js';
import { rotateControlKey } from '../../core/psp/billblend-control-keys.js';
import type { PspEndpoint } from '../../core/sessions/psp-sale.js';
import { readBillblendCallbackUrls, readBuckarooPushUrl, setBillblendCallbackUrl, setBuckarooPushUrl } from '../../core/psp/notification-urls.js';
import type { Merchant } from '../../core/merchants/merchant.js';
import type { TypedUrl } from './render-notification-urls.js';
import type { DashboardContext } from './dashboard-context.js';
import { merchantOf } from './dashboard-context.js';
import { problemText } from './error-messages.js';
import { TEXTS } from './page-text.js';
import { renderKeys } from './render-keys.js';
import { formOf, type PageHelpers } from './routes.js';
import { TOOL_TEXTS } from './sandbox-text.js';

const credentials = (merchant: Merchant) => ({ username: merchant.username, clientId: merchant.clientId });

/** The notices a saved or removed URL answers with, by the redirect's `saved` value. */
const SAVED_NOTICES = { 'push-url': 'pushUrlSaved', 'push-url-removed': 'pushUrlRemoved', 'callback-url': 'callbackUrlSaved', 'callback-url-removed': 'callbackUrlRemoved' } as const;

interface ShowExtra {
  newPair?: PspCredentialPair;
  newControlKey?: PspEndpoint;
  typed?: TypedUrl & { url: string };
  notice?: string;
}

export function keyPages(app: FastifyInstance, context: DashboardContext, helpers: PageHelpers): void {
  async function show(request: FastifyRequest, reply: FastifyReply, status: number, problems: string[], extra: ShowExtra = {}) {
    const language = request.dashboard.language;
    const words = TOOL_TEXTS[language];
    const merchant = merchantOf(request);
    const credential = extra.newPair ? undefined : await context.pspCredentials.findByMerchantId(merchant.id);
    const text = TEXTS[language];
    const main = renderKeys({
      text,
      words,
      prefix: helpers.prefix(),
      viewer: request.dashboard.viewer!,
      websiteKey: credential?.websiteKey,
      problems,
      newPair: extra.newPair,
      endpoints: await context.store.read.pspSales.endpointsOf(merchant.id),
      sandbox: isSandbox(merchant),
      newControlKey: extra.newControlKey,
      notice: extra.notice,
      notificationUrls: {
        text,
        words,
        prefix: helpers.prefix(),
        viewer: request.dashboard.viewer!,
        pushUrl: await pushUrlOf(merchant),
        callbacks: await readBillblendCallbackUrls(context, credentials(merchant)),
        typed: extra.typed,
      },
    });
    return helpers.page(request, reply, status, { title: words.keys, section: 'keys', main });
  }

  /** The stored push URL, or undefined while the merchant has no Buckaroo pair to hold one. */
  async function pushUrlOf(merchant: Merchant): Promise<string | null | undefined> {
    try {
      return await readBuckarooPushUrl(context, credentials(merchant));
    } catch (error) {
      if (isDomainError(error) && error.code === 'psp_credentials_missing') return undefined;
      throw error;
    }
  }

  /**
   * A URL form's post: Remove sends null whatever the field holds; an empty field without Remove is
   * the use case's url_missing (it never takes an empty url for a removal), answered with a
   * sentence that names Remove. A refusal shows the page again with what was typed and changes nothing.
   */
  async function setUrl(request: FastifyRequest, reply: FastifyReply, typed: TypedUrl, save: (url: string | null) => Promise<string | null>) {
    const form = formOf(request);
    const language = request.dashboard.language;
    const given = form.get('url') ?? '';
    const removing = form.get('remove') === 'yes';
    const kind = typed.form === 'push' ? 'push-url' : 'callback-url';
    try {
      await save(removing ? null : given);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const code = error.code === 'url_missing' ? 'notification_url_missing' : error.code;
      return show(request, reply, 422, [problemText(code, language)], { typed: { ...typed, url: given } });
    }
    const anchor = typed.form === 'push' ? 'push-url' : 'callback-urls';
    return reply
      .code(303)
      .header('location', `${helpers.prefix()}/dashboard/keys?saved=${kind}${removing ? '-removed' : ''}#${anchor}`)
      .send();
  }

  app.get('/dashboard/keys', async (request: FastifyRequest<{ Querystring: { saved?: string } }>, reply) => {
    const saved = request.query.saved ?? '';
    const notice = Object.hasOwn(SAVED_NOTICES, saved) ? TOOL_TEXTS[request.dashboard.language][SAVED_NOTICES[saved as keyof typeof SAVED_NOTICES]] : undefined;
    return show(request, reply, 200, [], { notice });
  });

  app.post('/dashboard/keys/push-url', async (request, reply) => {
    const merchant = merchantOf(request);
    return setUrl(request, reply, { form: 'push' }, (url) => setBuckarooPushUrl(context, context.webhooks.targets, credentials(merchant), url));
  });

  // The endpoint id comes from the form as sent: the use case finds it within the signed-in
  // merchant only, so another merchant's id is endpoint_unknown and changes nothing.
  app.post('/dashboard/keys/callback-url', async (request, reply) => {
    const merchant = merchantOf(request);
    const endpointId = formOf(request).get('endpointId') ?? '';
    return setUrl(request, reply, { form: 'callback', endpointId }, (url) =>
      setBillblendCallbackUrl(context, context.webhooks.targets, credentials(merchant), { endpointId, url }),
    );
  });

  app.post('/dashboard/keys/buckaroo', async (request, reply) => {
    const language = request.dashboard.language;
    if (formOf(request).get('confirm') !== 'yes') return show(request, reply, 422, [problemText('keys_unconfirmed', language)]);
    const merchant = merchantOf(request);
    try {
      const pair = await rotatePspCredentials(context, { username: merchant.username, clientId: merchant.clientId });
      return show(request, reply, 200, [], { newPair: pair });
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
      return show(request, reply, 200, [], { newControlKey: endpoint });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return show(request, reply, 422, [problemText(error.code, language)]);
    }
  });
}
