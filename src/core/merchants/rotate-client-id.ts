/**
 * Use case: a merchant replaces its Billink client id (the 40-hex uid every API request carries,
 * spec §5), for example after it leaked. The new id works at once on this node and within the
 * merchant cache's few seconds on others (store/merchant-repository.ts); the old one stops with it.
 * The caller shows the new id once: it is not shown again.
 */
import type { CoreContext } from '../context.js';
import { DomainError } from '../shared/errors.js';
import { newClientId } from './create-merchant.js';
import { isSandbox, type Merchant } from './merchant.js';

export const ROTATE_CLIENT_ID_ERRORS = ['client_id_fixed'] as const;
export type RotateClientIdError = (typeof ROTATE_CLIENT_ID_ERRORS)[number];

export async function rotateClientId(context: CoreContext, merchant: Merchant): Promise<string> {
  // A sandbox merchant's id is published with its username (spec §5, the README): clients' own
  // test suites send it, so it stays.
  if (isSandbox(merchant)) throw new DomainError<RotateClientIdError>('client_id_fixed');
  const clientId = newClientId(context.ids);
  await context.store.transaction((tx) => tx.merchantAccounts.saveClientId(merchant.id, clientId));
  context.store.merchants.forget(merchant.username);
  return clientId;
}
