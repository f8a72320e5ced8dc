/**
 * Sets which customer types a merchant's workflow accepts, as an operator does in the `workflows`
 * table ("P,B", "P" or "B"), and drops the merchant from this node's cache so the next call sees it.
 */
import type { RunningServer } from '../../src/main.js';

export async function restrictWorkflow(
  server: Pick<RunningServer, 'store'>,
  username: string,
  workflowNumber: number,
  customerTypes: 'P' | 'B' | 'P,B',
): Promise<void> {
  await server.store.db.query(
    `UPDATE workflows SET customer_types = $3 WHERE number = $2 AND merchant_id = (SELECT id FROM merchants WHERE username = $1)`,
    [username, workflowNumber, customerTypes],
  );
  server.store.merchants.forget(username);
}
