/**
 * Use case: a new merchant sets its password through the one-time link that merchant creation
 * handed out (spec §2.15 "change password link"). The link works once and for a limited time.
 */
import type { CoreContext } from '../context.js';
import type { PasswordLink } from '../ports.js';
import { DomainError } from '../shared/errors.js';

export const SET_PASSWORD_ERRORS = ['link_unknown', 'link_expired', 'link_used', 'password_too_short', 'password_too_long'] as const;
export type SetPasswordError = (typeof SET_PASSWORD_ERRORS)[number];

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/** Turns a password into what is stored; the caller supplies it so the core stays free of crypto. */
export type PasswordHasher = (password: string) => Promise<string>;

export async function setMerchantPassword(
  context: CoreContext,
  input: { token: string | undefined; password: string | undefined },
  hash: PasswordHasher,
): Promise<void> {
  const fail = (code: SetPasswordError): never => {
    throw new DomainError(code);
  };
  const token = input.token?.trim();
  if (!token || !/^[A-Za-z0-9_-]{16,64}$/.test(token)) fail('link_unknown');
  // The link is checked before the password is hashed: scrypt costs about 100 ms of CPU, and
  // nobody without a live link may make us spend it (docs/security.md "Password route").
  usable(await context.store.read.merchantAccounts.findPasswordLink(token!), context.clock.now());
  const password = input.password ?? '';
  if (password.length < MIN_PASSWORD_LENGTH) fail('password_too_short');
  if (password.length > MAX_PASSWORD_LENGTH) fail('password_too_long');
  const passwordHash = await hash(password);

  // Checked again under the row lock: two requests with one link cannot both set a password.
  await context.store.transaction(async (tx) => {
    const now = context.clock.now();
    const link = usable(await tx.merchantAccounts.findPasswordLinkForUpdate(token!), now);
    await tx.merchantAccounts.setPassword(link, passwordHash, now);
  });
}

function usable(link: PasswordLink | undefined, now: Date): PasswordLink {
  if (!link) throw new DomainError<SetPasswordError>('link_unknown');
  if (link.usedAt) throw new DomainError<SetPasswordError>('link_used');
  if (link.expiresAt.getTime() <= now.getTime()) throw new DomainError<SetPasswordError>('link_expired');
  return link;
}
