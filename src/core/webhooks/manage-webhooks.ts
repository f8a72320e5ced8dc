/**
 * Use cases: set and disable a merchant's webhooks, and generate the v3 signing secret (spec §4.1,
 * §4.3). Parameters are checked before the merchant is looked up, so a request that is wrong in
 * itself gets the same 400 whoever sends it.
 */
import { authenticate } from '../merchants/authenticate.js';
import { DomainError } from '../shared/errors.js';
import type { WebhookKind } from './payloads.js';
import { classifyAddress, isLocalName, literalAddress } from './target-address.js';
import type { WebhookContext, WebhookTargets } from './webhook-ports.js';

export const WEBHOOK_SET_ERRORS = ['url_missing', 'url_invalid', 'url_not_public', 'secret_missing'] as const;
export type WebhookSetError = (typeof WEBHOOK_SET_ERRORS)[number];

export interface Credentials {
  username: string | undefined;
  clientId: string | undefined;
}

/** Longest URL we store; browsers and proxies agree on about this much. */
export const MAX_WEBHOOK_URL_LENGTH = 2048;

/**
 * An absolute http(s) URL without user name or password (fetch refuses those; a receiver that
 * needs a secret in the URL can put it in the path or query).
 */
export function webhookUrl(text: string | undefined): string {
  if (text === undefined || text.trim() === '') throw new DomainError<WebhookSetError>('url_missing');
  const trimmed = text.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new DomainError<WebhookSetError>('url_invalid');
  }
  const valid =
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.hostname !== '' &&
    url.username === '' &&
    url.password === '' &&
    trimmed.length <= MAX_WEBHOOK_URL_LENGTH;
  if (!valid) throw new DomainError<WebhookSetError>('url_invalid');
  return url.href;
}

/**
 * Sets the merchant's order or session webhook. `signed` is webhook v3, which needs the secret
 * first; the classic order webhook is unsigned. Either replaces the other for that kind.
 */
export async function setWebhook(
  context: WebhookContext,
  credentials: Credentials,
  request: { kind: WebhookKind; signed: boolean; url: string | undefined },
): Promise<void> {
  const url = webhookUrl(request.url);
  if (!context.targets.allowPrivate && !isPublicLiteral(new URL(url).hostname)) throw new DomainError<WebhookSetError>('url_not_public');
  const merchant = await authenticate(context.merchants, credentials.username, credentials.clientId);
  // The look-up comes after authentication, so nobody without credentials can make us resolve names.
  await refuseNonPublicName(context.targets, new URL(url).hostname);
  if (request.signed && !(await context.settings.secret(merchant.id))) throw new DomainError<WebhookSetError>('secret_missing');
  await context.settings.subscribe({ merchantId: merchant.id, kind: request.kind, url, signed: request.signed, at: context.clock.now() });
}

/**
 * A literal address must be public, and localhost is never looked up (RFC 6761 §6.3). A DNS name
 * passes here and is resolved by refuseNonPublicName.
 */
export function isPublicLiteral(hostname: string): boolean {
  if (isLocalName(hostname)) return false;
  const literal = literalAddress(hostname);
  return literal === undefined || classifyAddress(literal) === 'public';
}

/**
 * A name that resolves to any non-public address is refused now. A name that does not resolve
 * (yet) is accepted: DNS may be set up after the webhook, and every delivery resolves the name
 * again and refuses it then (outbound/webhook-target-guard.ts), so this check is a courtesy to the
 * merchant, not the protection.
 */
async function refuseNonPublicName(targets: WebhookTargets, hostname: string): Promise<void> {
  if (targets.allowPrivate || literalAddress(hostname) !== undefined) return;
  let addresses: string[];
  try {
    addresses = await targets.resolve(hostname);
  } catch {
    return;
  }
  if (addresses.some((address) => classifyAddress(address) !== 'public')) throw new DomainError<WebhookSetError>('url_not_public');
}

/**
 * The same rules for a URL that another contract hands us with a request, e.g. Buckaroo's
 * PushURL: true when it must be refused now because it names or resolves to a non-public address.
 * The delivery checks again on every attempt (outbound/webhook-target-guard.ts).
 */
export async function isNonPublicTarget(targets: WebhookTargets, hostname: string): Promise<boolean> {
  if (targets.allowPrivate) return false;
  if (!isPublicLiteral(hostname)) return true;
  try {
    await refuseNonPublicName(targets, hostname);
    return false;
  } catch {
    return true;
  }
}

/** Stops new deliveries of this kind. Succeeds also when none was set, so a retried call is harmless. */
export async function disableWebhook(context: WebhookContext, credentials: Credentials, kind: WebhookKind): Promise<void> {
  const merchant = await authenticate(context.merchants, credentials.username, credentials.clientId);
  await context.settings.unsubscribe(merchant.id, kind);
}

/**
 * A new secret replaces the old one at once for both kinds (spec §4.3: one secret for both);
 * retries of earlier deliveries are signed with the new one.
 */
export async function generateSecret(context: WebhookContext, credentials: Credentials): Promise<string> {
  const merchant = await authenticate(context.merchants, credentials.username, credentials.clientId);
  const secret = context.newSecret();
  await context.settings.saveSecret(merchant.id, secret, context.clock.now());
  return secret;
}
