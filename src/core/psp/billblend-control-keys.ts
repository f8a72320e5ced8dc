/**
 * Use case: a merchant replaces the control key of one of its BillBlend endpoints (docs/billblend.md
 * "Endpoints and control keys"), the secret that signs every sale start on it. The new key is a
 * GUID, because BillBlend derives the HMAC key by hex-decoding the control key without its dashes
 * (spec §6.2). The old key stops working with the update; the answer is the only place the new key
 * is shown. A sandbox merchant's endpoints keep their keys: those are published with the sandbox
 * (docs/billblend.md, the README), and other people's apps and the documented examples sign with them.
 */
import type { CoreContext } from '../context.js';
import { authenticate } from '../merchants/authenticate.js';
import { isSandbox } from '../merchants/merchant.js';
import { DomainError } from '../shared/errors.js';
import type { Ids } from '../shared/ids.js';
import type { PspEndpoint } from '../sessions/psp-sale.js';

export const ROTATE_CONTROL_KEY_ERRORS = ['endpoint_id_missing', 'endpoint_unknown', 'control_key_fixed'] as const;
export type RotateControlKeyError = (typeof ROTATE_CONTROL_KEY_ERRORS)[number];

/** 32 upper-case hex digits in the 8-4-4-4-12 groups of a GUID, 122 of them random (a v4 UUID). */
export function newControlKey(ids: Ids): string {
  return ids.uuid().toUpperCase();
}

export async function rotateControlKey(
  context: CoreContext,
  credentials: { username: string | undefined; clientId: string | undefined },
  endpointId: string | undefined,
): Promise<PspEndpoint> {
  const merchant = await authenticate(context.store.merchants, credentials.username, credentials.clientId);
  const id = endpointId?.trim();
  if (!id) throw new DomainError<RotateControlKeyError>('endpoint_id_missing');
  // Asked before the sandbox rule, so the answer never tells whether another merchant has this id.
  const endpoints = await context.store.read.pspSales.endpointsOf(merchant.id);
  if (!endpoints.some((endpoint) => endpoint.id === id)) throw new DomainError<RotateControlKeyError>('endpoint_unknown', { endpointId: id });
  if (isSandbox(merchant)) throw new DomainError<RotateControlKeyError>('control_key_fixed');
  const replaced = await context.store.read.pspSales.replaceControlKey(merchant.id, id, newControlKey(context.ids));
  if (!replaced) throw new DomainError<RotateControlKeyError>('endpoint_unknown', { endpointId: id });
  return replaced;
}
