/**
 * The v2 JSON surface under /v2 (spec §2.5, §2.11–2.17). Route schemas describe the wire for the
 * OpenAPI document at /v2/openapi.json; they do not reject requests, because Billink answers bad
 * input with its own codes, which the core decides.
 */
import type { FastifyInstance } from 'fastify';
import { forbiddenCharacterPath } from '../../core/shared/text-characters.js';
import { badBodyMessage, forbiddenCharacterMessage, GENERIC_MANAGEMENT_ERROR, managementError, statusError } from './v2-errors.js';
import type { V2Context } from './v2-context.js';
import { creditRoute } from './handlers/credit.js';
import { changePasswordRoutes } from './handlers/change-password.js';
import { checkRoute } from './handlers/check.js';
import { merchantCreateRoute } from './handlers/merchant-create.js';
import { messageRoute } from './handlers/message.js';
import { onHoldRoutes } from './handlers/on-hold.js';
import { disputeRoutes } from './handlers/disputes.js';
import { orderRoute } from './handlers/order.js';
import { orderInfoRoute } from './handlers/order-info.js';
import { invoiceTimelineRoute } from './handlers/invoice-timeline.js';
import { paymentRoute } from './handlers/payment.js';
import { reconciliationRoutes } from './handlers/reconciliation.js';
import { startWorkflowRoute } from './handlers/start-workflow.js';
import { webshopSettingsRoute } from './handlers/webshop-settings.js';
import { sessionRoutes } from './handlers/sessions.js';
import { webhookRoutes } from './handlers/webhooks.js';
import { webhookLogRoutes } from './handlers/webhooks-log.js';
import { returnDomainsRoute } from './handlers/return-domains.js';
import { buckarooCredentialsRoute } from './handlers/buckaroo-credentials.js';
import { billBlendControlKeyRoute } from './handlers/billblend-control-key.js';
import { pspNotificationUrlRoutes } from './handlers/psp-notification-urls.js';
import { webhookStreamRoute } from './webhook-stream.js';
import { sandboxClockRoutes } from './handlers/sandbox-clock.js';
import { workflowRoutes } from './handlers/workflows.js';
import { requestLogRoute } from './handlers/request-log.js';
import { idempotentWrites } from './idempotent-writes.js';

export const MAX_JSON_BODY_BYTES = 1024 * 1024;

/** Paths of the session and webhook family, which answer `{status, message}` with HTTP statuses. */
export function isStatusFamily(url: string): boolean {
  return (
    url.startsWith('/v2/session/') ||
    url.startsWith('/v2/client/webhook') ||
    url.startsWith('/v2/client/checkout/') ||
    url.startsWith('/v2/client/buckaroo/') ||
    // Reconciliation, partner and password routes answer {status, message} too (docs/v2-api.md).
    /^\/v2\/client\/(invoices|invoice\/download)(\?|$)/.test(url) ||
    url.startsWith('/v2/partner/') ||
    url.startsWith('/v2/merchant/')
  );
}

/**
 * JSON can carry, as escapes, characters no text field may hold (core/shared/text-characters.ts):
 * `\u0000`, a lone `\ud800`, `\uffff`. Such a body is refused like one that is not JSON, on every
 * v2 route, naming the field (docs/security.md "Control characters"). Raw control characters are
 * not valid JSON already, so bodies without a suspicious escape (`\u0001`, `\b`, `\f`, `\ud800`, …)
 * or a raw U+FFFE/U+FFFF skip the walk.
 */
function forbiddenCharacterIn(text: string, parsed: unknown): string | undefined {
  if (!/\\(u(00[01]|d[89a-f]|fff[ef])|[bf])|[\ufffe\uffff]/i.test(text)) return undefined;
  return forbiddenCharacterPath(parsed);
}

export async function v2Routes(app: FastifyInstance, context: V2Context): Promise<void> {
  app.setValidatorCompiler(() => () => true);
  // Plain JSON.stringify: a response schema documents the answer and must never drop a field.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.removeAllContentTypeParsers();
  // Clients post JSON with application/json, some with no or another type (curl --data): read all as JSON.
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_JSON_BODY_BYTES }, (_request, body, done) => {
    const text = String(body).trim();
    if (text === '') return done(null, {});
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return done(Object.assign(new Error('Body is not valid JSON'), { statusCode: 400, invalidJson: true }), undefined);
    }
    const bad = forbiddenCharacterIn(text, parsed);
    if (bad !== undefined) return done(Object.assign(new Error(forbiddenCharacterMessage(bad)), { statusCode: 400, invalidJson: true, badCharacter: bad }), undefined);
    done(null, parsed);
  });
  app.setErrorHandler((error: { statusCode?: number; invalidJson?: boolean; badCharacter?: string }, request, reply) => {
    const clientError = error.statusCode !== undefined && error.statusCode < 500;
    if (!clientError) request.log.error({ err: error }, 'unexpected error in v2 API');
    const message = badBodyMessage(error);
    if (isStatusFamily(request.url)) return reply.code(clientError ? 400 : 500).send(statusError(clientError ? message : 'Internal error'));
    return reply.code(200).send(clientError ? managementError('601', message) : GENERIC_MANAGEMENT_ERROR);
  });

  // Before the routes: it wraps each write as it is registered.
  idempotentWrites(app, context);
  creditRoute(app, context);
  checkRoute(app, context);
  orderRoute(app, context);
  startWorkflowRoute(app, context);
  paymentRoute(app, context);
  onHoldRoutes(app, context);
  disputeRoutes(app, context);
  orderInfoRoute(app, context);
  invoiceTimelineRoute(app, context);
  messageRoute(app, context);
  webshopSettingsRoute(app, context);
  workflowRoutes(app, context);
  requestLogRoute(app, context);
  reconciliationRoutes(app, context);
  merchantCreateRoute(app, context);
  changePasswordRoutes(app, context);
  sessionRoutes(app, context);
  webhookRoutes(app, context);
  webhookLogRoutes(app, context);
  returnDomainsRoute(app, context);
  buckarooCredentialsRoute(app, context);
  billBlendControlKeyRoute(app, context);
  pspNotificationUrlRoutes(app, context);
  webhookStreamRoute(app, context);
  sandboxClockRoutes(app, context);
}
