/**
 * Use case: expire sessions after 60 minutes (spec §2.12). Every read checks the clock (lazily),
 * and the session-expiry job sweeps the ones nobody reads, so the session webhook still fires.
 */
import type { CoreContext } from '../context.js';
import { type CheckoutSession, finishSession, isOverdue } from './checkout-session.js';

/** Records the expiry of a session that a read found overdue; any other session comes back as is. */
export async function expireIfOverdue(context: CoreContext, session: CheckoutSession): Promise<CheckoutSession> {
  if (!isOverdue(session, context.clock.now())) return session;
  return context.store.transaction(async (tx) => {
    const locked = await tx.sessions.findForUpdate(session.id);
    if (!locked) return session;
    const now = context.clock.now();
    return isOverdue(locked, now) ? finishSession(tx, locked, 'session_expired', now) : locked;
  });
}

/**
 * Marks up to `batchSize` overdue active sessions expired in one transaction and says how many.
 * Rows another node or an approval holds are skipped, and picked up on a later sweep if still due.
 */
export async function expireOverdueSessions(context: CoreContext, batchSize: number): Promise<number> {
  return context.store.transaction(async (tx) => {
    const now = context.clock.now();
    const overdue = await tx.sessions.lockOverdue(now, batchSize);
    for (const session of overdue) await finishSession(tx, session, 'session_expired', now);
    return overdue.length;
  });
}
