/**
 * The hosted checkout pages behind `sessionURL` (spec §4.4): GET shows the session, POST approve
 * and POST cancel decide it and answer 303 to the shop's return URL, verbatim. Plain forms and
 * redirects, so the flow needs no JavaScript.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CoreContext } from '../../core/context.js';
import { findWorkflow } from '../../core/merchants/merchant.js';
import { approveSession, type FieldProblem } from '../../core/sessions/approve-session.js';
import { cancelSession } from '../../core/sessions/cancel-session.js';
import type { CheckoutSession, PageOutcome } from '../../core/sessions/checkout-session.js';
import { openSession } from '../../core/sessions/session-status.js';
import type { PublicLinks } from '../public-links.js';
import { renderDocument, sendPage } from './layout.js';
import { chooseLanguage, type Language, TEXTS } from './page-text.js';
import { renderClosed, renderUnknown } from './render-closed.js';
import { type FormValues, renderForm } from './render-form.js';
import { renderTrustText, type TrustSettings } from './trust-text.js';

export interface CheckoutContext extends CoreContext {
  links: PublicLinks;
  /** The platform's name and its terms and privacy links (docs/checkout.md "Trust text"). */
  trust: () => TrustSettings;
}

const STYLESHEET = readFileSync(new URL('./checkout.css', import.meta.url), 'utf8');
/** Forms here hold a few short fields; anything bigger is not ours. */
const MAX_FORM_BYTES = 16 * 1024;
/** Session ids are base64url tokens; anything else is not looked up. */
const SESSION_ID = /^[A-Za-z0-9_-]{16,64}$/;

type SessionRequest = FastifyRequest<{ Params: { id: string }; Querystring: { lang?: string } }>;

export async function checkoutRoutes(app: FastifyInstance, context: CheckoutContext): Promise<void> {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: MAX_FORM_BYTES }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  app.get('/checkout/assets/checkout.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').header('x-content-type-options', 'nosniff').send(STYLESHEET),
  );

  app.get('/checkout/:id', async (request: SessionRequest, reply) => {
    const language = chooseLanguage(request.query.lang, request.headers['accept-language']);
    const id = request.params.id;
    const session = SESSION_ID.test(id) ? await openSession(context, id) : undefined;
    if (!session) return showUnknown(reply, id, language);
    return showSession(reply, session, language, [], { terms: false }, 200);
  });

  app.post('/checkout/:id/approve', async (request: SessionRequest, reply) => {
    const form = formFields(request);
    const language = chooseLanguage(form.lang, request.headers['accept-language']);
    const id = request.params.id;
    if (!SESSION_ID.test(id)) return showUnknown(reply, id, language);
    const values: FormValues = { birthDate: form.birthDate, phone: form.phone, sex: form.sex, terms: form.terms === 'yes' };
    const outcome = await approveSession(context, id, {
      birthDate: values.birthDate,
      phone: values.phone,
      sex: values.sex,
      termsAccepted: values.terms,
      customerIp: request.ip,
    });
    if (outcome.kind === 'invalid') return showSession(reply, outcome.session, language, outcome.problems, values, 422);
    return follow(reply, outcome, id, language);
  });

  app.post('/checkout/:id/cancel', async (request: SessionRequest, reply) => {
    const language = chooseLanguage(formFields(request).lang, request.headers['accept-language']);
    const id = request.params.id;
    if (!SESSION_ID.test(id)) return showUnknown(reply, id, language);
    return follow(reply, await cancelSession(context, id), id, language);
  });

  /** Root-relative paths, so the pages also work behind a proxy that serves us under a path. */
  function prefix(): string {
    try {
      return new URL(context.links.baseUrl).pathname.replace(/\/+$/, '');
    } catch {
      return '';
    }
  }

  function pagePath(id: string): string {
    return `${prefix()}/checkout/${encodeURIComponent(id)}`;
  }

  /** A decided session sends the customer to the shop; one that closed meanwhile shows its page. */
  function follow(reply: FastifyReply, outcome: PageOutcome, id: string, language: Language): FastifyReply {
    if (outcome.kind === 'unknown') return showUnknown(reply, id, language);
    const location = outcome.kind === 'redirect' ? outcome.url : `${pagePath(id)}?lang=${language}`;
    // Set as given: the shop's URL must come back byte for byte (spec §4.4, Magento's txn).
    return reply.code(303).header('location', location).send();
  }

  async function showSession(
    reply: FastifyReply,
    session: CheckoutSession,
    language: Language,
    problems: readonly FieldProblem[],
    values: FormValues,
    status: number,
  ): Promise<FastifyReply> {
    const merchant = await context.store.merchants.findById(session.merchantId);
    const merchantName = merchant?.name ?? '';
    const text = TEXTS[language];
    const path = pagePath(session.id);
    const frame = {
      language,
      prefix: prefix(),
      brand: { name: merchantName, logoUrl: session.logoUrl },
      switchHref: `${path}?lang=${text.otherLanguage.code}`,
    };
    if (session.status !== 'session_active') {
      const title = `${text.closed[session.status].title} – ${merchantName}`;
      const main = renderClosed(session, session.status, merchantName, language);
      return sendPage(reply, 200, renderDocument({ ...frame, title, main }), session.logoUrl);
    }
    const paymentTermDays = (merchant && findWorkflow(merchant, session.workflowNumber)?.paymentTermDays) ?? 14;
    const trust = renderTrustText(context.trust(), merchantName, language, { creditCheck: true });
    const main = renderForm({ session, merchantName, paymentTermDays, language, pagePath: path, problems, values, trust });
    const title = `${problems.length > 0 ? `${text.errorTitle}: ` : ''}${text.heading} – ${merchantName}`;
    return sendPage(reply, status, renderDocument({ ...frame, title, main }), session.logoUrl);
  }

  function showUnknown(reply: FastifyReply, id: string, language: Language): FastifyReply {
    const text = TEXTS[language];
    const path = SESSION_ID.test(id) ? pagePath(id) : `${prefix()}/checkout/unknown`;
    const main = renderUnknown(language);
    const document = renderDocument({
      language,
      title: text.unknownTitle,
      prefix: prefix(),
      brand: undefined,
      switchHref: `${path}?lang=${text.otherLanguage.code}`,
      main,
    });
    return sendPage(reply, 404, document);
  }
}

function formFields(request: FastifyRequest): Record<string, string | undefined> {
  const body = request.body;
  if (typeof body !== 'object' || body === null) return {};
  const fields = body as Record<string, unknown>;
  const read = (name: string) => (Object.hasOwn(fields, name) && typeof fields[name] === 'string' ? (fields[name] as string) : undefined);
  return { lang: read('lang'), birthDate: read('birthDate'), phone: read('phone'), sex: read('sex'), terms: read('terms') };
}
