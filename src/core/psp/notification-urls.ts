/**
 * Use cases: read and set where the PSP contracts notify a merchant (docs/buckaroo.md "Push URL",
 * docs/billblend.md "Callback URL"): the website's configured Buckaroo push URL (spec buckaroo.md
 * §11.1, used when a request names no PushURL) and the callback URL of a BillBlend endpoint (spec
 * billblend.md §7.1, "specified on endpoint level"). A URL obeys the webhook URL rules: absolute
 * http(s), no user name or password, at most 2,048 characters, and no loopback, private,
 * link-local or other internal address (docs/security.md "Webhook SSRF"). `null` removes the URL.
 */
import type { CoreContext } from '../context.js';
import { authenticate } from '../merchants/authenticate.js';
import { DomainError } from '../shared/errors.js';
import { type Credentials, isNonPublicTarget, isPublicLiteral, webhookUrl } from '../webhooks/manage-webhooks.js';
import type { WebhookTargets } from '../webhooks/webhook-ports.js';

export const PUSH_URL_ERRORS = ['url_missing', 'url_invalid', 'url_not_public', 'psp_credentials_missing'] as const;
export type PushUrlError = (typeof PUSH_URL_ERRORS)[number];

export const CALLBACK_URL_ERRORS = ['url_missing', 'url_invalid', 'url_not_public', 'endpoint_missing', 'endpoint_unknown'] as const;
export type CallbackUrlError = (typeof CALLBACK_URL_ERRORS)[number];

/** A BillBlend endpoint of the merchant, as the callback URL read shows it. */
export interface EndpointCallback {
  endpointId: string;
  workflowNumber: number;
  callbackUrl: string | null;
}

/**
 * The URL a set request asks for, checked before anything is looked up: `null` removes it; an
 * absent or empty url is url_missing, so a client that forgot the field removes nothing. A literal
 * internal address is refused here, a name only after authentication (resolveAfterAuthentication).
 */
function requestedUrl(url: unknown, targets: WebhookTargets): string | null {
  if (url === null) return null;
  const checked = webhookUrl(typeof url === 'string' ? url : url === undefined ? undefined : String(url));
  if (!targets.allowPrivate && !isPublicLiteral(new URL(checked).hostname)) throw new DomainError('url_not_public');
  return checked;
}

/** Nobody without credentials can make us resolve names, so the look-up comes after authentication. */
async function resolveAfterAuthentication(targets: WebhookTargets, url: string | null): Promise<void> {
  if (url !== null && (await isNonPublicTarget(targets, new URL(url).hostname))) throw new DomainError('url_not_public');
}

/** The merchant's configured Buckaroo push URL, null when none is set. */
export async function readBuckarooPushUrl(context: CoreContext, credentials: Credentials): Promise<string | null> {
  const merchant = await authenticate(context.store.merchants, credentials.username, credentials.clientId);
  const url = await context.store.read.pspCredentials.pushUrl(merchant.id);
  if (url === undefined) throw new DomainError<PushUrlError>('psp_credentials_missing');
  return url;
}

/**
 * Sets (or with null removes) the push URL. It takes effect with its commit: pushes queued after
 * it go there; a push already queued keeps the URL it was queued with (its body and URL are frozen).
 */
export async function setBuckarooPushUrl(context: CoreContext, targets: WebhookTargets, credentials: Credentials, url: unknown): Promise<string | null> {
  const wanted = requestedUrl(url, targets);
  const merchant = await authenticate(context.store.merchants, credentials.username, credentials.clientId);
  await resolveAfterAuthentication(targets, wanted);
  const saved = await context.store.transaction((tx) => tx.pspCredentials.setPushUrl(merchant.id, wanted));
  if (!saved) throw new DomainError<PushUrlError>('psp_credentials_missing');
  return wanted;
}

/** The merchant's BillBlend endpoints with their callback URLs, by endpoint id. */
export async function readBillblendCallbackUrls(context: CoreContext, credentials: Credentials): Promise<EndpointCallback[]> {
  const merchant = await authenticate(context.store.merchants, credentials.username, credentials.clientId);
  return context.store.read.pspSales.callbackUrlsOf(merchant.id);
}

/** Sets (or with null removes) one endpoint's callback URL; an endpoint of another merchant is unknown. */
export async function setBillblendCallbackUrl(
  context: CoreContext,
  targets: WebhookTargets,
  credentials: Credentials,
  request: { endpointId: unknown; url: unknown },
): Promise<string | null> {
  const endpointId = typeof request.endpointId === 'string' || typeof request.endpointId === 'number' ? String(request.endpointId).trim() : '';
  if (endpointId === '') throw new DomainError<CallbackUrlError>('endpoint_missing');
  const wanted = requestedUrl(request.url, targets);
  const merchant = await authenticate(context.store.merchants, credentials.username, credentials.clientId);
  await resolveAfterAuthentication(targets, wanted);
  const saved = await context.store.transaction((tx) => tx.pspSales.setCallbackUrl(merchant.id, endpointId, wanted));
  if (!saved) throw new DomainError<CallbackUrlError>('endpoint_unknown');
  return wanted;
}
