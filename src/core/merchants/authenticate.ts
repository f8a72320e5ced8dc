import { DomainError, type AuthError } from '../shared/errors.js';
import { hasForbiddenCharacter } from '../shared/text-characters.js';
import type { Merchant } from './merchant.js';

/** What a caller needs of the merchant it authenticates beyond its credentials. */
export interface MerchantLookup {
  /**
   * False when the caller never reads the merchant's time (`clockFor`): a sandbox merchant's
   * test-clock offset may then be as old as the node's cached merchant (5 s), and no read is sent
   * for it. Fresh by default: whatever writes or decides by the merchant's time needs the offset an
   * advance through any node has just set (docs/collection.md "Every node sees an advance at once").
   */
  freshClock?: boolean;
}

export interface MerchantDirectory {
  findByUsername(username: string, lookup?: MerchantLookup): Promise<Merchant | undefined>;
}

/**
 * Finds the merchant behind a username and client id. The id is compared in constant time so
 * that response timing does not reveal how much of a guessed id was right (house rule 6).
 */
export async function authenticate(
  directory: MerchantDirectory,
  username: string | undefined,
  clientId: string | undefined,
  lookup?: MerchantLookup,
): Promise<Merchant> {
  // No merchant's name holds a control character, and PostgreSQL could not even look up a NUL:
  // such a name is unknown, answered as any unknown name (docs/security.md "Control characters").
  if (!username || hasForbiddenCharacter(username)) throw new DomainError<AuthError>('username_unknown');
  const merchant = await directory.findByUsername(username, lookup);
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
