/**
 * Use cases: sign in to the dashboard with a username and password, find the session a cookie
 * names, switch an operator's merchant, sign out (docs/dashboard.md "Sign-in and roles").
 * Hashing, random tokens and digests are supplied by the caller, so the core stays free of crypto.
 */
import type { Merchant, MerchantMode } from '../merchants/merchant.js';
import type { MerchantRepository } from '../ports.js';
import { constantTimeEqual } from '../merchants/authenticate.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { hasForbiddenCharacter } from '../shared/text-characters.js';
import { MAX_PASSWORD_LENGTH } from '../merchants/set-password.js';
import type { DashboardSession, DashboardSessionRepository, MerchantListing, PasswordDirectory } from './dashboard-ports.js';

export const SIGN_IN_ERRORS = ['credentials_wrong', 'merchant_unknown'] as const;
export type SignInError = (typeof SIGN_IN_ERRORS)[number];

/** A working day; after it the browser signs in again. No sliding renewal: simpler to reason about. */
export const SESSION_HOURS = 8;

/** The operator the server's operator configured (OPERATOR_USERNAME, OPERATOR_PASSWORD_HASH). */
export interface OperatorAccount {
  username: string;
  passwordHash: string;
}

export interface DashboardAuth {
  passwords: PasswordDirectory;
  sessions: DashboardSessionRepository;
  merchants: MerchantRepository;
  listing: MerchantListing;
  /** Real time: a session's life is security, not business (docs/dashboard.md). */
  clock: Clock;
  operator: OperatorAccount | undefined;
  /**
   * True when the password matches the hash. Called with undefined for an unknown username too,
   * and must then cost the same, so timing does not tell which usernames exist.
   */
  verify(password: string, hash: string | undefined): Promise<boolean>;
  /** A new unguessable token (at least 128 random bits, URL-safe). */
  newToken(): string;
  /** The SHA-256 of a token, hex. */
  digest(token: string): string;
}

/** Who a session is: the merchant it shows, and whether an operator is behind it. */
export interface SignedIn {
  session: DashboardSession;
  merchant: Merchant | undefined;
  operator: string | undefined;
}

export async function signIn(
  auth: DashboardAuth,
  input: { username: string | undefined; password: string | undefined },
): Promise<{ token: string; session: DashboardSession }> {
  const username = input.username?.trim() ?? '';
  const password = input.password ?? '';
  const wrong = () => new DomainError<SignInError>('credentials_wrong');
  if (username === '' || password === '' || password.length > MAX_PASSWORD_LENGTH || hasForbiddenCharacter(username)) {
    throw wrong();
  }
  const operator = auth.operator && constantTimeEqual(auth.operator.username, username) ? auth.operator : undefined;
  const stored = operator ? undefined : await auth.passwords.passwordHash(username);
  const hash = operator ? operator.passwordHash : stored?.hash;
  if (!(await auth.verify(password, hash)) || (!operator && !stored)) throw wrong();
  const now = auth.clock.now();
  const token = auth.newToken();
  const session: DashboardSession = {
    tokenHash: auth.digest(token),
    merchantId: stored?.merchantId,
    operator: operator?.username,
    csrfToken: auth.newToken(),
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000),
  };
  await auth.sessions.insert(session);
  // Housekeeping where it costs least: ended sessions go when a new one starts (an index scan).
  await auth.sessions.prune(now);
  return { token, session };
}

/** The session a cookie's token names, with its merchant; undefined when signed out or expired. */
export async function currentSession(auth: DashboardAuth, token: string | undefined): Promise<SignedIn | undefined> {
  if (!token || !/^[A-Za-z0-9_-]{22,128}$/.test(token)) return undefined;
  const session = await auth.sessions.find(auth.digest(token), auth.clock.now());
  if (!session) return undefined;
  const merchant = session.merchantId ? await auth.merchants.findById(session.merchantId) : undefined;
  // A merchant's session whose merchant is gone is no session.
  if (!merchant && !session.operator) return undefined;
  return { session, merchant, operator: session.operator };
}

/** Only an operator switches; a merchant's session stays on its own merchant whatever it posts. */
export async function switchMerchant(auth: DashboardAuth, signedIn: SignedIn, merchantId: string | undefined): Promise<Merchant> {
  if (!signedIn.operator) throw new DomainError<SignInError>('merchant_unknown');
  const merchant = merchantId && /^[A-Za-z0-9_-]{1,64}$/.test(merchantId) ? await auth.merchants.findById(merchantId) : undefined;
  if (!merchant) throw new DomainError<SignInError>('merchant_unknown');
  await auth.sessions.switchMerchant(signedIn.session.tokenHash, merchant.id);
  return merchant;
}

/** What the operator's merchant switch offers. */
export async function switchableMerchants(
  auth: DashboardAuth,
  signedIn: SignedIn,
): Promise<{ id: string; username: string; name: string; mode: MerchantMode }[]> {
  return signedIn.operator ? auth.listing.list(1000) : [];
}

export async function signOut(auth: DashboardAuth, signedIn: SignedIn): Promise<void> {
  await auth.sessions.delete(signedIn.session.tokenHash);
}
