/**
 * The customer pay page (docs/collection.md "The pay page"): GET /pay/<token> shows the invoice,
 * what is open, the PDF, the bank transfer with its QR code and, where the payment provider offers
 * it, a form; POST /pay/<token>/pay pays all or part and answers 303 back to the page. The token
 * (128 random bits, migration 020) is the only credential; the page sets no cookie.
 *
 * CSRF: no cookie or other ambient credential exists that a forged cross-site post could ride
 * on, and the token in the path is needed to post at all. Beyond that a post from another site is
 * refused by its Origin or Sec-Fetch-Site header, which every current browser sends.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CoreContext } from '../../core/context.js';
import type { PlatformAccount } from '../../core/customer-side/payment-instructions.js';
import { openAmountsOf } from '../../core/invoices/open-amounts.js';
import type { PaymentProvider, PayOutcome } from '../../core/payments/payment-provider.js';
import type { Cents } from '../../core/shared/money.js';
import { renderDocument, sendPage } from '../checkout/layout.js';
import { chooseLanguage, type Language, TEXTS } from '../checkout/page-text.js';
import { renderTrustText, type TrustSettings } from '../checkout/trust-text.js';
import { invoicePdfUrl } from '../invoice-files/invoice-file-url.js';
import type { PublicLinks } from '../public-links.js';
import { PAY_TEXTS } from './pay-page-text.js';
import { parseTypedAmount, renderPayPage } from './render-pay-page.js';

export interface PayPageSource {
  findByPayToken(token: string): Promise<{ merchantId: string; invoiceNumber: string } | undefined>;
}

export interface PayPageContext extends CoreContext {
  links: PublicLinks;
  source: PayPageSource;
  provider: PaymentProvider;
  platform: PlatformAccount;
  /** The trust text's settings; links resolved against the public URL. */
  trust: () => TrustSettings;
}

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;
type TokenRequest = FastifyRequest<{ Params: { token: string }; Querystring: { lang?: string; paid?: string } }>;

export async function payPageRoutes(app: FastifyInstance, context: PayPageContext): Promise<void> {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4 * 1024 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  app.get('/pay/:token', async (request: TokenRequest, reply) => {
    const language = chooseLanguage(request.query.lang, request.headers['accept-language']);
    const found = await load(request.params.token);
    if (!found) return unknown(reply, language);
    const paid = /^\d{1,12}$/.test(request.query.paid ?? '') ? Number(request.query.paid) : undefined;
    return show(reply, found, language, { justPaid: paid || undefined });
  });

  app.post('/pay/:token/pay', async (request: TokenRequest, reply) => {
    const form = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
    const language = chooseLanguage(typeof form.lang === 'string' ? form.lang : undefined, request.headers['accept-language']);
    if (!sameOrigin(request)) return reply.code(403).type('text/plain; charset=utf-8').send('Forbidden');
    const found = await load(request.params.token);
    if (!found) return unknown(reply, language);
    const typed = typeof form.amount === 'string' ? form.amount.slice(0, 40) : '';
    const amount = parseTypedAmount(typed);
    const outcome: PayOutcome = amount === undefined || amount === 0 ? { ok: false, reason: 'amount_invalid' } : await context.provider.pay(found.merchant, found.invoice.invoiceNumber, amount);
    if (!outcome.ok) return show(reply, found, language, { problem: outcome.reason, typedAmount: typed, status: 422 });
    return reply.code(303).header('location', `${pagePath(request.params.token)}?lang=${language}&paid=${outcome.amount}`).send();
  });

  async function load(token: string) {
    if (!TOKEN.test(token)) return undefined;
    const ref = await context.source.findByPayToken(token);
    const merchant = ref && (await context.store.merchants.findById(ref.merchantId));
    const invoice = merchant && ref && (await context.store.read.invoices.find(merchant.id, ref.invoiceNumber));
    return merchant && invoice ? { merchant, invoice, token } : undefined;
  }

  async function show(
    reply: FastifyReply,
    found: NonNullable<Awaited<ReturnType<typeof load>>>,
    language: Language,
    options: { justPaid?: Cents | undefined; problem?: Exclude<PayOutcome, { ok: true }>['reason']; typedAmount?: string; status?: number },
  ) {
    const { merchant, invoice, token } = found;
    const main = await renderPayPage({
      invoice,
      merchantName: merchant.name,
      language,
      platform: context.platform,
      amounts: openAmountsOf(invoice),
      pdfUrl: `${invoicePdfUrl(prefix(), invoice)}?lang=${language}`,
      formAction: `${pagePath(token)}/pay`,
      onlinePayment: context.provider.offersOnlinePayment(merchant),
      justPaid: options.justPaid,
      problem: options.problem,
      typedAmount: options.typedAmount,
      trust: renderTrustText(context.trust(), merchant.name, language, { creditCheck: false }),
    });
    const title = `${options.problem ? `${PAY_TEXTS[language].errorTitle}: ` : ''}${PAY_TEXTS[language].title(invoice.invoiceNumber)} – ${merchant.name}`;
    const switchHref = `${pagePath(token)}?lang=${TEXTS[language].otherLanguage.code}`;
    return sendPage(reply, options.status ?? 200, renderDocument({ language, title, prefix: prefix(), brand: { name: merchant.name, logoUrl: undefined }, switchHref, main }));
  }

  function unknown(reply: FastifyReply, language: Language) {
    const text = PAY_TEXTS[language];
    const main = `<h1>${text.unknownTitle}</h1>\n<p>${text.unknownBody}</p>`;
    return sendPage(reply, 404, renderDocument({ language, title: text.unknownTitle, prefix: prefix(), brand: undefined, switchHref: undefined, main }));
  }

  /** Root-relative paths, so the page also works behind a proxy that serves us under a path. */
  function prefix(): string {
    try {
      return new URL(context.links.baseUrl).pathname.replace(/\/+$/, '');
    } catch {
      return '';
    }
  }

  function pagePath(token: string): string {
    return `${prefix()}/pay/${encodeURIComponent(token)}`;
  }

  /**
   * A post from this site. Sec-Fetch-Site decides where the browser sends it (same-origin, or
   * none for one the user started); otherwise an Origin of this host or the public URL. Our pages
   * send no referrer, so Chromium posts their forms with `Origin: null`, which proves nothing.
   */
  function sameOrigin(request: FastifyRequest): boolean {
    const site = request.headers['sec-fetch-site'];
    if (site !== undefined) return site === 'same-origin' || site === 'none';
    const origin = request.headers.origin;
    if (origin === undefined || origin === 'null') return true;
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return false;
    }
    const publicHost = (() => {
      try {
        return new URL(context.links.baseUrl).host;
      } catch {
        return undefined;
      }
    })();
    return host === request.headers.host || host === publicHost;
  }
}
