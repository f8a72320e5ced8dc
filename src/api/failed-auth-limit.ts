/**
 * The failed-authentication limit per source address (docs/security.md): after `perMinute` failed
 * authentications from one address in a minute, every authentication from it is refused until the
 * minute ends, right credentials included, so guessing learns nothing more. Failures are counted
 * in the shared counter (all nodes on PostgreSQL); which sources are refused is remembered per
 * node, so a node learns of a refusal with the first failure it sees itself, at most one more
 * guess per node and minute.
 */
import type { Clock } from '../core/shared/clock.js';
import { authenticate, type MerchantDirectory, type MerchantLookup } from '../core/merchants/authenticate.js';
import type { Merchant } from '../core/merchants/merchant.js';
import { AUTH_ERRORS, type AuthError, isDomainError } from '../core/shared/errors.js';
import { WINDOW_MS, type WindowCounter, windowOf } from '../core/shared/fixed-window-limiter.js';

export class FailedAuthLimit {
  /** Source -> the window in which it is refused. */
  private readonly refused = new Map<string, number>();

  constructor(
    private readonly counter: WindowCounter,
    private readonly perMinute: number,
    private readonly clock: Clock,
    private readonly onRefused: (source: string) => void = () => {},
  ) {}

  /** True while the source is over the limit: answer before looking at its credentials. */
  blocked(source: string): boolean {
    // The common case, nobody refused, costs one size check.
    if (this.refused.size === 0) return false;
    const window = this.refused.get(source);
    if (window === undefined) return false;
    if (window === windowOf(this.clock.now())) return true;
    this.refused.delete(source);
    return false;
  }

  /** Counts one failed authentication; true when the source is now over the limit. */
  async failed(source: string): Promise<boolean> {
    const now = this.clock.now();
    const count = await this.counter.add(`auth:${source}`, now);
    if (count < this.perMinute) return false;
    // The failure that reaches the limit still gets its own answer, but the source is refused from
    // the next authentication on: `perMinute` guesses a minute, not one more with right credentials.
    const window = windowOf(now);
    if (this.refused.get(source) !== window) this.onRefused(source);
    if (this.refused.size > 10_000) this.forgetEnded(window);
    this.refused.set(source, window);
    return count > this.perMinute;
  }

  /** Whole seconds until the current window ends, for Retry-After. */
  retryAfterSeconds(): number {
    const now = this.clock.now().getTime();
    return Math.max(1, Math.ceil((WINDOW_MS - (now % WINDOW_MS)) / 1000));
  }

  private forgetEnded(window: number): void {
    for (const [source, refusedIn] of this.refused) if (refusedIn !== window) this.refused.delete(source);
  }
}

export const LIMITED = 'limited' as const;

declare module 'fastify' {
  interface FastifyRequest {
    /** The merchant the request authenticated as, for the access log (operations/request-hooks.ts). */
    merchantUsername: string | undefined;
  }
}

/** Where an authentication comes from: the request, which also learns whom it authenticated. */
export interface AuthSource {
  readonly ip: string;
  merchantUsername: string | undefined;
}

export function isAuthFailure(error: unknown): boolean {
  return isDomainError(error) && (AUTH_ERRORS as readonly string[]).includes(error.code as AuthError);
}

/**
 * `authenticate` under the limit: LIMITED when the source is refused or this failure took it over
 * the limit; otherwise the merchant, or the authentication error as `authenticate` throws it.
 */
export async function authenticateWithin(
  limit: FailedAuthLimit,
  source: AuthSource,
  directory: MerchantDirectory,
  username: string | undefined,
  clientId: string | undefined,
  lookup?: MerchantLookup,
): Promise<Merchant | typeof LIMITED> {
  if (limit.blocked(source.ip)) return LIMITED;
  try {
    const merchant = await authenticate(directory, username, clientId, lookup);
    source.merchantUsername = merchant.username;
    return merchant;
  } catch (error) {
    if (isAuthFailure(error) && (await limit.failed(source.ip))) return LIMITED;
    throw error;
  }
}

/** The answer of the routes that speak `{status, message}` with HTTP statuses: 429 (RFC 6585 §4). */
export const TOO_MANY_FAILURES = { status: 'error', message: 'Too many failed authentications from this address; try again later' } as const;
