/**
 * The merchant dashboard under /dashboard (docs/dashboard.md): sign-in, the session hook that
 * every other page passes, CSRF on every post, and the page groups in their own files.
 * Server-rendered HTML and plain forms; no page needs JavaScript.
 */
import { readFileSync } from 'node:fs';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { currentSession, signIn, signOut, switchableMerchants, switchMerchant } from '../../core/dashboard/sign-in.js';
import { isSandbox } from '../../core/merchants/merchant.js';
import { isDomainError } from '../../core/shared/errors.js';
import { forbiddenCharacterPath } from '../../core/shared/text-characters.js';
import type { DashboardContext } from './dashboard-context.js';
import { originAllowed, tokenMatches } from './csrf.js';
import { problemText } from './error-messages.js';
import { type Frame, renderPage, sendHtml, type Viewer } from './layout.js';
import { chooseLanguage, type Language, TEXTS } from './page-text.js';
import { renderNotFound, renderSignIn } from './render-sign-in.js';
import { clearSessionCookie, LANGUAGE_COOKIE, sessionToken, setLanguageCookie, setSessionCookie } from './session-cookie.js';
import { invoicePages } from './invoice-pages.js';
import { mailPages } from './mail-pages.js';
import { invoiceActions } from './invoice-actions.js';
import { webhookPages } from './webhook-pages.js';
import { settingsPages } from './settings-pages.js';
import { reconciliationPages } from './reconciliation-pages.js';
import { sandboxPages } from './sandbox-pages.js';
import { keyPages } from './key-pages.js';

const STYLESHEET = readFileSync(new URL('./dashboard.css', import.meta.url), 'utf8');
/** Forms here hold a few fields; a message of 5000 characters is the largest. */
const MAX_FORM_BYTES = 64 * 1024;
/** Paths a signed-out browser may reach. */
const OPEN_PATHS = new Set(['/dashboard', '/dashboard/', '/dashboard/sign-in', '/dashboard/language', '/dashboard/assets/dashboard.css']);

export async function dashboardRoutes(app: FastifyInstance, context: DashboardContext): Promise<void> {
  await app.register(cookie);
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: MAX_FORM_BYTES }, (_request, body, done) => {
    done(null, new URLSearchParams(String(body)));
  });
  app.decorateRequest('dashboard', undefined as never);

  const prefix = (): string => {
    try {
      return new URL(context.links.baseUrl).pathname.replace(/\/+$/, '');
    } catch {
      return '';
    }
  };

  app.addHook('preHandler', async (request, reply) => {
    const language = chooseLanguage(request.cookies[LANGUAGE_COOKIE], request.headers['accept-language']);
    request.dashboard = { language, signedIn: undefined, viewer: undefined };
    const path = request.url.split('?')[0]!;
    const signedIn = await currentSession(context.auth, sessionToken(request));
    if (signedIn) {
      const merchants = signedIn.operator ? await switchableMerchants(context.auth, signedIn) : [];
      request.dashboard.signedIn = signedIn;
      request.dashboard.viewer = {
        merchantName: signedIn.merchant?.name,
        operator: signedIn.operator,
        username: signedIn.merchant?.username,
        csrfToken: signedIn.session.csrfToken,
        merchants,
        merchantId: signedIn.merchant?.id,
        sandbox: signedIn.merchant !== undefined && isSandbox(signedIn.merchant),
      };
    }
    // Text no page may hold (a NUL, a lone surrogate) is refused before anything reads it: the
    // database could not even look it up (docs/security.md "Control characters").
    const form = request.body instanceof URLSearchParams ? [...request.body.entries()] : [];
    if (forbiddenCharacterPath([request.query, request.params, form]) !== undefined) return showProblem(request, reply, 400, 'text_invalid');
    if (OPEN_PATHS.has(path)) return;
    if (!signedIn) return reply.code(303).header('location', `${prefix()}/dashboard`).send();
    if (request.method === 'POST' && !csrfPasses(request)) return showProblem(request, reply, 403, 'csrf_failed');
    // An operator who chose no merchant yet sees the choice first; the switch itself needs none.
    if (!signedIn.merchant && path !== '/dashboard/merchant' && path !== '/dashboard/sign-out') {
      return page(request, reply, 200, { title: TEXTS[language].dashboard, section: undefined, main: `<h1>${TEXTS[language].noMerchant}</h1>` });
    }
  });

  app.setErrorHandler(async (error: { statusCode?: number }, request, reply) => {
    if (error.statusCode && error.statusCode < 500) return showProblem(request, reply, error.statusCode, 'unexpected');
    request.log.error({ err: error }, 'unexpected error');
    return showProblem(request, reply, 500, 'unexpected');
  });

  function csrfPasses(request: FastifyRequest): boolean {
    const token = request.dashboard.signedIn?.session.csrfToken;
    const form = request.body instanceof URLSearchParams ? request.body : undefined;
    return Boolean(token && form && originAllowed(request, context.links) && tokenMatches(token, form.get('csrf') ?? undefined));
  }

  function page(request: FastifyRequest, reply: FastifyReply, status: number, parts: Pick<Frame, 'title' | 'section' | 'main'>): FastifyReply {
    const { language, viewer } = request.dashboard ?? { language: 'nl' as Language, viewer: undefined };
    return sendHtml(reply, status, renderPage({ ...parts, language, prefix: prefix(), path: request.url, viewer }));
  }

  function showProblem(request: FastifyRequest, reply: FastifyReply, status: number, code: string): FastifyReply {
    const language = request.dashboard?.language ?? 'nl';
    const text = TEXTS[language];
    const main = `<h1>${text.problemHeading}</h1><p role="alert">${problemText(code, language)}</p><p><a href="${prefix()}/dashboard/invoices">${text.back}</a></p>`;
    return page(request, reply, status, { title: text.problemHeading, section: undefined, main });
  }

  const helpers: PageHelpers = {
    prefix,
    page,
    notFound: (request, reply) => page(request, reply, 404, renderNotFound(TEXTS[request.dashboard.language], prefix())),
    showProblem,
  };

  app.get('/dashboard/assets/dashboard.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').header('x-content-type-options', 'nosniff').send(STYLESHEET),
  );

  app.get('/dashboard', async (request, reply) => {
    if (request.dashboard.signedIn) return reply.code(303).header('location', `${prefix()}/dashboard/invoices`).send();
    return page(request, reply, 200, renderSignIn(TEXTS[request.dashboard.language], prefix(), [], ''));
  });
  app.get('/dashboard/', async (_request, reply) => reply.code(301).header('location', `${prefix()}/dashboard`).send());

  app.post('/dashboard/sign-in', async (request, reply) => {
    const text = TEXTS[request.dashboard.language];
    const form = request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
    const username = form.get('username') ?? '';
    // Signing in has no session yet: the Origin check alone guards it (a forged sign-in could
    // only sign the victim in as the forger), and SameSite keeps the new cookie first-party.
    if (!originAllowed(request, context.links)) return page(request, reply, 403, renderSignIn(text, prefix(), [problemText('csrf_failed', request.dashboard.language)], username));
    // Failed sign-ins are counted per source address and per username (docs/dashboard.md "Sign-in
    // limit"); once either is over the limit every attempt is refused, the right password too.
    const sources = [`dashboard:ip:${request.ip}`, `dashboard:user:${username.trim().toLowerCase()}`];
    const limited = () => {
      reply.header('retry-after', String(context.signInLimit.retryAfterSeconds()));
      return page(request, reply, 429, renderSignIn(text, prefix(), [problemText('rate_limited', request.dashboard.language)], username));
    };
    if (sources.some((source) => context.signInLimit.blocked(source))) return limited();
    try {
      const { token } = await signIn(context.auth, { username, password: form.get('password') ?? undefined });
      setSessionCookie(request, reply, token);
      return reply.code(303).header('location', `${prefix()}/dashboard/invoices`).send();
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const over = await Promise.all(sources.map((source) => context.signInLimit.failed(source)));
      if (over.some(Boolean)) return limited();
      return page(request, reply, 401, renderSignIn(text, prefix(), [problemText(error.code, request.dashboard.language)], username));
    }
  });

  app.post('/dashboard/sign-out', async (request, reply) => {
    await signOut(context.auth, request.dashboard.signedIn!);
    clearSessionCookie(request, reply);
    return reply.code(303).header('location', `${prefix()}/dashboard`).send();
  });

  app.post('/dashboard/merchant', async (request, reply) => {
    const form = request.body as URLSearchParams;
    try {
      await switchMerchant(context.auth, request.dashboard.signedIn!, form.get('merchantId') ?? undefined);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      return showProblem(request, reply, 404, error.code);
    }
    return reply.code(303).header('location', `${prefix()}/dashboard/invoices`).send();
  });

  app.get('/dashboard/language', async (request: FastifyRequest<{ Querystring: { to?: string; back?: string } }>, reply) => {
    const to = request.query.to === 'en' ? 'en' : 'nl';
    setLanguageCookie(request, reply, to);
    // Only a path of our own is followed back, never another site.
    const back = typeof request.query.back === 'string' && /^\/dashboard(\/|\?|$)/.test(request.query.back) ? request.query.back : '/dashboard';
    return reply.code(303).header('location', `${prefix()}${back}`).send();
  });

  invoicePages(app, context, helpers);
  mailPages(app, context, helpers);
  invoiceActions(app, context, helpers);
  webhookPages(app, context, helpers);
  settingsPages(app, context, helpers);
  reconciliationPages(app, context, helpers);
  sandboxPages(app, context, helpers);
  keyPages(app, context, helpers);
}

export interface PageHelpers {
  prefix(): string;
  page(request: FastifyRequest, reply: FastifyReply, status: number, parts: Pick<Frame, 'title' | 'section' | 'main'>): FastifyReply;
  notFound(request: FastifyRequest, reply: FastifyReply): FastifyReply;
  showProblem(request: FastifyRequest, reply: FastifyReply, status: number, code: string): FastifyReply;
}

/** A posted form; the content-type parser hands URLSearchParams, anything else reads as empty. */
export function formOf(request: FastifyRequest): URLSearchParams {
  return request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
}

export type { Viewer };
