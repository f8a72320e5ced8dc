/**
 * Use case: a new merchant sets its password through the one-time link that merchant creation
 * handed out (spec §2.15 "change password link"). The link works once and for a limited time.
 */
import type { CoreContext } from '../context.js';
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
  const password = input.password ?? '';
  if (password.length < MIN_PASSWORD_LENGTH) fail('password_too_short');
  if (password.length > MAX_PASSWORD_LENGTH) fail('password_too_long');
  const passwordHash = await hash(password);

  await context.store.transaction(async (tx) => {
    const link = await tx.merchantAccounts.findPasswordLinkForUpdate(token!);
    if (!link) return fail('link_unknown');
    if (link.usedAt) fail('link_used');
    const now = context.clock.now();
    if (link.expiresAt.getTime() <= now.getTime()) fail('link_expired');
    await tx.merchantAccounts.setPassword(link, passwordHash, now);
  });
}
