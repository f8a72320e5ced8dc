/** The merchant's Billink webhook subscriptions as the dashboard shows them. */
import type { Queryable } from './database.js';

export async function billinkSubscriptions(
  db: Queryable,
  merchantId: string,
): Promise<{ kind: 'order' | 'session'; url: string; signed: boolean }[]> {
  return db.query(
    "SELECT kind, url, signed FROM webhook_subscriptions WHERE merchant_id = $1 AND contract = 'billink' ORDER BY kind",
    [merchantId],
  );
}
