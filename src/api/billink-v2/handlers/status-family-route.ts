/**
 * Authentication for the v2 routes that answer `{status: "error", message}` with HTTP statuses
 * (reconciliation; spec §2.11 shows 404 `{message, status}`). Wording as Billink's webhook-v3
 * errors (spec §4.3): 400 "… parameter missing", 404 "Client not found".
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticateWithin, LIMITED, TOO_MANY_FAILURES } from '../../failed-auth-limit.js';
import type { Merchant } from '../../../core/merchants/merchant.js';
import { isDomainError } from '../../../core/shared/errors.js';
import type { V2Context } from '../v2-context.js';
import { readCredentials } from '../v2-credentials.js';
import { statusError } from '../v2-errors.js';

/** The merchant, or undefined after the error answer has been sent. */
export async function authenticateOrRefuse(
  context: V2Context,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Merchant | undefined> {
  const { username, clientId } = readCredentials(request.body);
  if (!username) return void reply.code(400).send(statusError('billinkUsername parameter missing'));
  if (!clientId) return void reply.code(400).send(statusError('billinkId parameter missing'));
  try {
    const merchant = await authenticateWithin(context.authLimit, request, context.store.merchants, username, clientId);
    if (merchant !== LIMITED) return merchant;
    return void reply.code(429).header('retry-after', context.authLimit.retryAfterSeconds()).send(TOO_MANY_FAILURES);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return void reply.code(404).send(statusError('Client not found'));
  }
}
