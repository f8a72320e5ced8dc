/**
 * BillBlend's DAPI sale over our hosted checkout sessions (spec §3.1, §4, §6, §8; seed 004):
 * `POST /checkout/dapi/v1/sale/{endpointId}/{invoiceId}` starts a pay-later sale and answers the
 * session token; `POST …/status` answers its state; `GET /checkout/dapi/v1/finished` is where the
 * payment page sends the customer afterwards. Authentication is in the body only, as the official
 * SDKs send it (spec §2): the signed sale start, then the access token and session token.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/swagger';
import type { CoreContext } from '../../core/context.js';
import { findPspEndpoint, findPspSale, pspSaleBusy, startPspSale } from '../../core/sessions/psp-sale.js';
import { openSession } from '../../core/sessions/session-status.js';
import { isDomainError } from '../../core/shared/errors.js';
import { forbiddenCharacterPath } from '../../core/shared/text-characters.js';
import { checkoutPageUrl } from '../checkout/checkout-url.js';
import { sendPage } from '../checkout/layout.js';
import { chooseLanguage } from '../checkout/page-text.js';
import type { PublicLinks } from '../public-links.js';
import { type DapiError, dapiErrorFor, failBody, httpStatusOf, REQUEST_ERRORS, SALE_START_ERRORS } from './errors.js';
import { finishedResult, renderFinished } from './finished-page.js';
import { saleStatusBody } from './mapping.js';
import { isFieldProblem, offersCard, readSaleStart, readStatusRequest } from './sale-request.js';
import { FAIL, SALE_BODY, SALE_PARAMS, SALE_SUCCESS, STATUS_BODY, STATUS_SUCCESS } from './schemas.js';
import { accessTokenDigest, sameText, saleSignatureMatches } from './signatures.js';

export interface BillBlendContext extends CoreContext {
  links: PublicLinks;
}

/** A sale start holds one order of up to 500 items; nothing near this size is a DAPI request. */
const MAX_BODY_BYTES = 256 * 1024;
const BASE = '/checkout/dapi/v1';

type SaleRequest = FastifyRequest<{ Params: { endpointId: string; invoiceId: string } }>;

export async function billBlendRoutes(app: FastifyInstance, context: BillBlendContext): Promise<void> {
  // Schemas document the wire (OpenAPI); bad input gets the DAPI fail body, never Fastify's.
  app.setValidatorCompiler(() => () => true);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.removeAllContentTypeParsers();
  // The SDKs send application/json; read any type as JSON, as a client with a missing header means it.
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_BODY_BYTES }, (_request, body, done) => {
    try {
      done(null, String(body).trim() === '' ? undefined : JSON.parse(String(body)));
    } catch {
      done(Object.assign(new Error('Body is not valid JSON'), { statusCode: 400 }), undefined);
    }
  });
  app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    const clientError = error.statusCode !== undefined && error.statusCode < 500;
    if (!clientError) request.log.error({ err: error }, 'unexpected error in BillBlend API');
    const invoiceId = (request.params as { invoiceId?: string } | undefined)?.invoiceId ?? '';
    return fail(reply, clientError ? REQUEST_ERRORS.body_not_json : REQUEST_ERRORS.internal, invoiceId);
  });

  const response = { 200: SALE_SUCCESS, 400: FAIL, 500: FAIL };

  app.post(`${BASE}/sale/:endpointId/:invoiceId`, {
    schema: { summary: 'BillBlend DAPI: start a pay-later sale', tags: ['billblend'], params: SALE_PARAMS, body: SALE_BODY, response },
  }, async (request: SaleRequest, reply) => {
    const { endpointId, invoiceId } = request.params;
    return answer(request, reply, invoiceId, async () => {
      const { endpoint, merchant } = await findPspEndpoint(context, endpointId);
      if (!isObject(request.body)) return REQUEST_ERRORS.body_not_json;
      if (offersCard(request.body)) return REQUEST_ERRORS.source_not_pay_later;
      // Text XML 1.0 or PostgreSQL cannot hold is the caller's field error (docs/security.md).
      const forbidden = forbiddenCharacterPath(request.body);
      if (forbidden) return fieldError(forbidden);
      const start = readSaleStart(request.body, { endpointId, invoiceId }, finishedUrls(context.links.baseUrl));
      if (isFieldProblem(start)) return fieldError(start.field);
      if (!saleSignatureMatches(endpoint.controlKey, start.signed, start.signature)) return REQUEST_ERRORS.signature_mismatch;
      const { sale } = await startPspSale(context, endpoint, merchant, {
        reference: invoiceId,
        accessTokenDigest: accessTokenDigest(start.signed.accessToken),
        nonce: start.signed.nonce,
        order: start.order,
      });
      return { invoiceId: sale.reference, session: { token: sale.token } };
    });
  });

  app.post(`${BASE}/sale/:endpointId/:invoiceId/status`, {
    schema: {
      summary: 'BillBlend DAPI: sale status', tags: ['billblend'], params: SALE_PARAMS, body: STATUS_BODY,
      response: { ...response, 200: STATUS_SUCCESS },
    },
  }, async (request: SaleRequest, reply) => {
    const { endpointId, invoiceId } = request.params;
    return answer(request, reply, invoiceId, async () => {
      const forbidden = forbiddenCharacterPath(request.body);
      if (forbidden) return fieldError(forbidden);
      const asked = readStatusRequest(request.body);
      if (isFieldProblem(asked)) return fieldError(asked.field);
      const sale = await findPspSale(context, endpointId, invoiceId);
      // The token is compared in constant time; an unknown endpoint, invoice or token look alike.
      if (!sale || !sameText(sale.token, asked.token)) return REQUEST_ERRORS.sale_unknown;
      if (!sameText(sale.accessTokenDigest, accessTokenDigest(asked.accessToken))) return REQUEST_ERRORS.access_token_wrong;
      const session = await openSession(context, sale.sessionId);
      if (!session) throw new Error(`Session of sale ${endpointId}/${invoiceId} disappeared`);
      const deciding = session.status === 'session_active' && (await pspSaleBusy(context, sale));
      return saleStatusBody({ sale, session, pageUrl: checkoutPageUrl(context.links.baseUrl, session.id), deciding });
    });
  });

  app.get(`${BASE}/finished`, async (request: FastifyRequest<{ Querystring: { result?: string; lang?: string } }>, reply) => {
    const language = chooseLanguage(request.query.lang, request.headers['accept-language']);
    const result = finishedResult(request.query.result);
    const other = language === 'nl' ? 'en' : 'nl';
    const switchHref = `${prefix()}${BASE}/finished?${new URLSearchParams({ ...(result ? { result } : {}), lang: other })}`;
    return sendPage(reply, 200, renderFinished(result, language, prefix(), switchHref));
  });

  /** Runs a handler; a DapiError it returns, or a core error it throws, becomes the fail body. */
  async function answer(request: FastifyRequest, reply: FastifyReply, invoiceId: string, work: () => Promise<object>): Promise<unknown> {
    try {
      const result = await work();
      return isDapiError(result) ? fail(reply, result, invoiceId) : result;
    } catch (error) {
      const known = isDomainError(error) ? dapiErrorFor(SALE_START_ERRORS, error.code, error.params) : undefined;
      if (!known || known.cause === 'INTERNAL_ERROR') request.log.error({ err: error }, 'unexpected error in BillBlend API');
      return fail(reply, known ?? REQUEST_ERRORS.internal, invoiceId);
    }
  }

  function prefix(): string {
    try {
      return new URL(context.links.baseUrl).pathname.replace(/\/+$/, '');
    } catch {
      return '';
    }
  }
}

/** Where the payment page sends the customer after each outcome: our own finished page. */
export function finishedUrls(baseUrl: string): { success: string; fail: string; cancel: string } {
  const url = (result: string) => `${baseUrl}${BASE}/finished?result=${result}`;
  return { success: url('success'), fail: url('fail'), cancel: url('cancel') };
}

function fieldError(field: string): DapiError {
  return dapiErrorFor(REQUEST_ERRORS, 'field_invalid', { field })!;
}

function fail(reply: FastifyReply, error: DapiError, invoiceId: string): FastifyReply {
  return reply.code(httpStatusOf(error)).send(failBody(error, invoiceId));
}

function isDapiError(value: object): value is DapiError {
  return Object.hasOwn(value, 'cause') && Object.hasOwn(value, 'code');
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
