/**
 * The delivery-time half of the webhook SSRF rule (docs/security.md "Webhook SSRF"). A URL that
 * passed when it was set may resolve elsewhere now (DNS rebinding), so every connection resolves
 * the name itself, checks each address, and connects to exactly the address it checked: the
 * `lookup` handed to node:http is the only resolver the socket uses. Literal IP hosts never reach
 * a `lookup` (node:net connects to them directly), so they are checked before the request.
 */
import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { classifyAddress, isLocalName, literalAddress } from '../core/webhooks/target-address.js';
import type { WebhookTargets } from '../core/webhooks/webhook-ports.js';

/** What the operating system's resolver says, every address, in its own order. */
export function systemResolve(hostname: string): Promise<string[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses.map((entry) => entry.address)))),
  );
}

/**
 * The same resolver, giving up after `ms`: setting a webhook waits for DNS, and a resolver that
 * does not answer must not hold the request for the operating system's full retry time. A name
 * that does not resolve in time is accepted then and checked again at every delivery.
 */
export function systemResolveWithin(ms: number): (hostname: string) => Promise<string[]> {
  return (hostname) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(Object.assign(new Error(`DNS look-up of ${hostname} timed out`), { code: 'ETIMEOUT' })), ms);
      systemResolve(hostname).then(resolve, reject).finally(() => clearTimeout(timer));
    });
}

export class TargetRefused extends Error {
  override name = 'TargetRefused';
  readonly code = 'ETARGETREFUSED';
}

const REFUSAL = 'refused: the webhook host is or resolves to a loopback, private or reserved address (WEBHOOK_ALLOW_PRIVATE is off)';

/** A refusal message for a URL whose host is a literal address or a local name, checked without DNS. */
export function literalRefusal(targets: WebhookTargets, url: URL): string | undefined {
  if (targets.allowPrivate) return undefined;
  if (isLocalName(url.hostname)) return REFUSAL;
  const literal = literalAddress(url.hostname);
  return literal !== undefined && classifyAddress(literal) !== 'public' ? REFUSAL : undefined;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for node:http that resolves through `targets` and hands the socket only checked
 * addresses. When any address of a name is not public the name is refused whole: picking the
 * public one would still let a rebinding name win on the next connection's order.
 */
export function guardedLookup(targets: WebhookTargets) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    targets.resolve(hostname).then(
      (resolved) => {
        const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : options.family;
        const addresses = resolved
          .map((address) => ({ address, family: isIP(address) }))
          .filter((entry) => entry.family !== 0 && (!family || entry.family === family));
        if (addresses.length === 0) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '');
        if (!targets.allowPrivate && addresses.some((entry) => classifyAddress(entry.address) !== 'public')) {
          return callback(new TargetRefused(REFUSAL), '');
        }
        if (options.all) return callback(null, addresses);
        callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}
