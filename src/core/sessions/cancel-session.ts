/**
 * Use case: the customer cancels on the checkout page (spec §4.4): status `cancelled`, back to the
 * shop's cancelURL. Cancelling again sends them there again; a session already decided otherwise
 * is not touched.
 */
import type { CoreContext } from '../context.js';
import { finishSession, isOverdue, type PageOutcome } from './checkout-session.js';
import { sessionNow } from './expire-session.js';

export async function cancelSession(context: CoreContext, sessionId: string): Promise<PageOutcome> {
  const found = await context.store.read.sessions.find(sessionId);
  if (!found) return { kind: 'unknown' };
  const now = await sessionNow(context, found);
  return context.store.transaction(async (tx) => {
    const session = await tx.sessions.findForUpdate(sessionId);
    if (!session) return { kind: 'unknown' };
    if (isOverdue(session, now)) return { kind: 'closed', session: await finishSession(tx, session, 'session_expired', now) };
    if (session.status === 'cancelled') return { kind: 'redirect', url: session.returnUrls.cancel, session };
    if (session.status !== 'session_active') return { kind: 'closed', session };
    const cancelled = await finishSession(tx, session, 'cancelled', now);
    return { kind: 'redirect', url: session.returnUrls.cancel, session: cancelled };
  });
}
