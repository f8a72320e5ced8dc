import { DomainError, type AuthError } from '../shared/errors.js';
import { hasForbiddenCharacter } from '../shared/text-characters.js';
import type { Merchant } from './merchant.js';

export interface MerchantDirectory {
  findByUsername(username: string): Promise<Merchant | undefined>;
}

/**
 * Finds the merchant behind a username and client id. The id is compared in constant time so
 * that response timing does not reveal how much of a guessed id was right (house rule 6).
 */
export async function authenticate(
  directory: MerchantDirectory,
  username: string | undefined,
  clientId: string | undefined,
): Promise<Merchant> {
  // No merchant's name holds a control character, and PostgreSQL could not even look up a NUL:
  // such a name is unknown, answered as any unknown name (docs/security.md "Control characters").
  if (!username || hasForbiddenCharacter(username)) throw new DomainError<AuthError>('username_unknown');
  const merchant = await directory.findByUsername(username);
  if (!merchant) throw new DomainError<AuthError>('username_unknown');
  if (!clientId || !constantTimeEqual(merchant.clientId, clientId.toLowerCase())) {
    throw new DomainError<AuthError>('client_id_wrong');
  }
  return merchant;
}

export function constantTimeEqual(expected: string, given: string): boolean {
  let difference = expected.length ^ given.length;
  for (let i = 0; i < expected.length; i++) {
    difference |= expected.charCodeAt(i) ^ (given.charCodeAt(i % Math.max(given.length, 1)) || 0);
  }
  return difference === 0;
}
