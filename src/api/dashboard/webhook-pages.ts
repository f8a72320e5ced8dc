/**
 * GET /dashboard/webhooks: the subscriptions, the v3 secret and the delivery log with each
 * attempt's request and answer; posts set or switch off a webhook, generate the secret (shown
 * once, in the answer to that post only) and replay one or many deliveries. All through the
 * webhook use cases the v2 API calls (core/webhooks), with the merchant's own credentials.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isDomainError } from '../../core/shared/errors.js';
import { readDeliveryLog, replayDelivery } from '../../core/webhooks/delivery-log.js';
import { disableWebhook, generateSecret, setWebhook } from '../../core/webhooks/manage-webhooks.js';
import type { Merchant } from '../../core/merchants/merchant.js';
import type { DashboardContext } from './dashboard-context.js';
import { merchantOf } from './dashboard-context.js';
import { problemText } from './error-messages.js';
import { TEXTS } from './page-text.js';
import { renderWebhooks } from './render-webhooks.js';
import { formOf, type PageHelpers } from './routes.js';

type LogRequest = FastifyRequest<{ Querystring: { state?: string; page?: string; replayed?: string; saved?: string } }>;

const credentials = (merchant: Merchant) => ({ username: merchant.username, clientId: merchant.clientId });

export function webhookPages(app: FastifyInstance, context: DashboardContext, helpers: PageHelpers): void {
  async function show(request: LogRequest, reply: FastifyReply, status: number, extra: { problems?: string[]; secret?: string } = {}) {
    const language = request.dashboard.language;
    const text = TEXTS[language];
    const merchant = merchantOf(request);
    const problems = [...(extra.problems ?? [])];
    const query = { state: request.query.state || undefined, page: request.query.page || undefined, pageSize: undefined };
    let log;
    try {
      log = await readDeliveryLog(context.webhooks, credentials(merchant), query);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      problems.push(problemText(error.code, language));
      log = await readDeliveryLog(context.webhooks, credentials(merchant), { page: undefined, pageSize: undefined, state: undefined });
      status = 400;
    }
    const replayed = /^\d{1,3}$/.test(request.query.replayed ?? '') ? text.replayed(Number(request.query.replayed)) : undefined;
    const main = renderWebhooks({
      text,
      prefix: helpers.prefix(),
      viewer: request.dashboard.viewer!,
      log,
      state: query.state,
      subscriptions: await context.subscriptions(merchant.id),
      hasSecret: (await context.webhooks.settings.secret(merchant.id)) !== undefined,
      newSecret: extra.secret,
      problems,
      notice: replayed ?? (request.query.saved === '1' ? text.done : undefined),
    });
    return helpers.page(request, reply, status, { title: text.webhooks, section: 'webhooks', main });
  }

  app.get('/dashboard/webhooks', async (request: LogRequest, reply) => show(request, reply, 200));

  app.post('/dashboard/webhooks/replay', async (request: LogRequest, reply) => {
    const form = formOf(request);
    const only = form.get('only');
    const ids = only ? [only] : form.getAll('delivery');
    const merchant = merchantOf(request);
    try {
      if (ids.length === 0) await replayDelivery(context.webhooks, credentials(merchant), undefined);
      // Each replay is its own use case and transaction, as through the API; 100 is a page.
      for (const id of ids.slice(0, 100)) await replayDelivery(context.webhooks, credentials(merchant), id);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return show(request, reply, 422, { problems: [problemText(error.code, request.dashboard.language)] });
    }
    return reply.code(303).header('location', `${helpers.prefix()}/dashboard/webhooks?replayed=${Math.min(ids.length, 100)}`).send();
  });

  app.post('/dashboard/webhooks/subscription', async (request: LogRequest, reply) => {
    const form = formOf(request);
    const kind = form.get('kind') === 'session' ? 'session' : 'order';
    const merchant = merchantOf(request);
    try {
      if (form.get('disable') !== null) await disableWebhook(context.webhooks, credentials(merchant), kind);
      else await setWebhook(context.webhooks, credentials(merchant), { kind, signed: form.get('signed') === 'yes', url: form.get('url') ?? undefined });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return show(request, reply, 422, { problems: [problemText(error.code, request.dashboard.language)] });
    }
    return reply.code(303).header('location', `${helpers.prefix()}/dashboard/webhooks?saved=1`).send();
  });

  app.post('/dashboard/webhooks/secret', async (request: LogRequest, reply) => {
    const secret = await generateSecret(context.webhooks, credentials(merchantOf(request)));
    return show(request, reply, 200, { secret });
  });
}
