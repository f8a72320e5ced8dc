/**
 * Applies a merchant's due life-cycle steps in a test server through the core use case the timer
 * runner and the sandbox clock use (applyDueSteps), on the server's own store and clock.
 */
import type { Clock } from '../../src/core/shared/clock.js';
import { merchantNow } from '../../src/core/shared/merchant-clocks.js';
import { applyDueSteps } from '../../src/core/invoices/life-cycle/apply-due-steps.js';
import type { AppliedSteps } from '../../src/core/sandbox/clock-follow-up.js';
import { coreContext } from '../../src/main.js';
import type { TestServer } from './test-server.js';

export async function applyDue(server: TestServer, clock: Clock, username: string): Promise<AppliedSteps> {
  const context = coreContext(server.config, server.store, { clock });
  const merchant = await server.store.merchants.findByUsername(username);
  if (!merchant) throw new Error(`no merchant ${username}`);
  return applyDueSteps(context, merchant, merchantNow(context, merchant));
}
