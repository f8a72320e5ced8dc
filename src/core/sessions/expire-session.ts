/**
 * Use case: expire sessions after 60 minutes (spec §2.12). Every read checks the clock (lazily),
 * and the session-expiry job sweeps the ones nobody reads, so the session webhook still fires.
 */
import type { CoreContext } from '../context.js';
import { merchantNow } from '../shared/merchant-clocks.js';
import { type CheckoutSession, finishSession, isOverdue } from './checkout-session.js';

/**
 * A session's times (created, expiry, finished) are its merchant's business time, so a sandbox
 * session on a moved clock expires 60 minutes after it was created on that clock. Read before a
 * transaction starts: PGlite runs one statement at a time.
 */
export async function sessionNow(context: CoreContext, session: Pick<CheckoutSession, 'merchantId'>): Promise<Date> {
  const merchant = await context.store.merchants.findById(session.merchantId);
  return merchant ? merchantNow(context, merchant) : context.clock.now();
}

/** Records the expiry of a session that a read found overdue; any other session comes back as is. */
export async function expireIfOverdue(context: CoreContext, session: CheckoutSession): Promise<CheckoutSession> {
  if (session.status !== 'session_active') return session;
  const now = await sessionNow(context, session);
  if (!isOverdue(session, now)) return session;
  return context.store.transaction(async (tx) => {
    const locked = await tx.sessions.findForUpdate(session.id);
    if (!locked) return session;
    return isOverdue(locked, now) ? finishSession(tx, locked, 'session_expired', now) : locked;
  });
}

/**
 * Marks up to `batchSize` overdue active sessions expired in one transaction and says how many.
 * Rows another node or an approval holds are skipped, and picked up on a later sweep if still due.
 * Each session is overdue on its own merchant's clock; the store adds the test-clock offset of a
 * sandbox merchant to real time and says by how much, so its expiry is dated on that clock.
 */
export async function expireOverdueSessions(context: CoreContext, batchSize: number): Promise<number> {
  return context.store.transaction(async (tx) => {
    const now = context.clock.now();
    const overdue = await tx.sessions.lockOverdue(now, batchSize);
    for (const { session, clockOffsetMs } of overdue) {
      await finishSession(tx, session, 'session_expired', new Date(now.getTime() + clockOffsetMs));
    }
    return overdue.length;
  });
}
