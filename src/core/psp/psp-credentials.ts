/**
 * A merchant's own pair of PSP credentials: the website key its Buckaroo client puts in the
 * Authorization header and the secret key that signs requests, answers and pushes (spec
 * buckaroo.md §2). Partner-created merchants get one at creation; any merchant can replace its
 * pair, and the old one stops working with the commit (docs/buckaroo.md "Credentials").
 */
import type { CoreContext } from '../context.js';
import { authenticate } from '../merchants/authenticate.js';
import type { Ids } from '../shared/ids.js';

export interface PspCredentialPair {
  /** Ten upper-case letters and digits, like Buckaroo's website keys. */
  websiteKey: string;
  /** Shown once, when the pair is made; stored as it is, like the sandbox pairs. */
  secretKey: string;
}

const WEBSITE_KEY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A fresh pair from the injected random source: a website key of 10 characters from a 32-letter
 * alphabet (50 bits; the store refuses the rare clash and the use case draws again) and a secret
 * of two tokens (256 bits).
 */
export function newPspCredentialPair(ids: Ids): PspCredentialPair {
  const hex = ids.uuid().replaceAll('-', '') + ids.uuid().replaceAll('-', '');
  let websiteKey = '';
  for (let i = 0; i < 10; i++) websiteKey += WEBSITE_KEY_ALPHABET[Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16) % WEBSITE_KEY_ALPHABET.length];
  return { websiteKey, secretKey: `${ids.token()}${ids.token()}` };
}

/** Draws until the store accepts a website key no merchant has (a clash is one in 2^50). */
export async function issuePspCredentials(
  ids: Ids,
  save: (pair: PspCredentialPair) => Promise<'website_key_taken' | undefined>,
): Promise<PspCredentialPair> {
  for (;;) {
    const pair = newPspCredentialPair(ids);
    if ((await save(pair)) === undefined) return pair;
  }
}

/** Use case: the merchant replaces its pair (or gets its first); the answer is the only copy of the new secret. */
export async function rotatePspCredentials(context: CoreContext, credentials: { username: string | undefined; clientId: string | undefined }): Promise<PspCredentialPair> {
  const merchant = await authenticate(context.store.merchants, credentials.username, credentials.clientId);
  const at = context.clock.now();
  return context.store.transaction((tx) => issuePspCredentials(context.ids, (pair) => tx.pspCredentials.save(merchant.id, pair, at)));
}
