/**
 * Use case: a merchant restricts where checkout sessions may send its customers back (its
 * success, fail, cancel and back URLs) to domains of its own (docs/checkout.md "Return URL
 * domains"). Without a list every http(s) URL is accepted, as Billink does; with one, a leaked
 * pair of credentials cannot make our page redirect customers to a look-alike shop.
 */
import type { CoreContext } from '../context.js';
import { DomainError } from '../shared/errors.js';
import { authenticate } from './authenticate.js';

export const RETURN_DOMAIN_ERRORS = ['domains_invalid'] as const;
export type ReturnDomainError = (typeof RETURN_DOMAIN_ERRORS)[number];

export const MAX_RETURN_DOMAINS = 20;

/** A DNS name of letters, digits and hyphens in dot-separated labels (RFC 1123 §2.1), lower case. */
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * Replaces the merchant's list; an empty list lifts the restriction. Each entry is a domain name
 * such as `shop.example`, which also allows its subdomains (`pay.shop.example`). Internationalised
 * names are given in their ASCII (punycode) form, as URL hosts are.
 */
export async function setReturnUrlDomains(
  context: CoreContext,
  credentials: { username: string | undefined; clientId: string | undefined },
  given: unknown,
): Promise<string[]> {
  const domains = readDomains(given);
  const merchant = await authenticate(context.store.merchants, credentials.username, credentials.clientId);
  await context.store.transaction((tx) => tx.merchantAccounts.saveReturnUrlDomains(merchant.id, domains, context.clock.now()));
  return domains;
}

function readDomains(given: unknown): string[] {
  if (!Array.isArray(given) || given.length > MAX_RETURN_DOMAINS) throw new DomainError<ReturnDomainError>('domains_invalid');
  const domains = given.map((entry) => (typeof entry === 'string' ? entry.trim().toLowerCase().replace(/\.$/, '') : ''));
  if (!domains.every((domain) => DOMAIN.test(domain))) throw new DomainError<ReturnDomainError>('domains_invalid');
  return [...new Set(domains)];
}

/** True when there is no list, or the URL's host is a listed domain or one of its subdomains. */
export function returnUrlAllowed(url: string, domains: readonly string[]): boolean {
  if (domains.length === 0) return true;
  const host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  return domains.some((domain) => host === domain || host.endsWith(`.${domain}`));
}
