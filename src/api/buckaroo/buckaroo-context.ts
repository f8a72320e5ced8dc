import type { CoreContext } from '../../core/context.js';
import type { NonceRegistry, PspCredentialDirectory, PspTransactionRepository } from '../../core/psp/psp-transactions.js';
import type { Clock } from '../../core/shared/clock.js';
import type { WebhookTargets } from '../../core/webhooks/webhook-ports.js';

/** What the Buckaroo-compatible gateway needs beside the core, wired in main.ts. */
export interface BuckarooContext extends CoreContext {
  credentials: PspCredentialDirectory;
  nonces: NonceRegistry;
  transactions: PspTransactionRepository;
  /** Real time for the signature window, also when the core runs on a test clock. */
  requestClock: Clock;
  /**
   * Runs `work` in one database transaction, handing it this context with its store and
   * transactions bound to that transaction (store/joinable-transactions.ts `inOneTransaction`):
   * every use case and repository call made through the context it is given joins it, and a
   * `oneTransaction` inside is a savepoint, so several steps commit or roll back together.
   */
  oneTransaction<T>(work: (context: BuckarooContext) => Promise<T>): Promise<T>;
  /** Where a request's PushURL may point: the webhooks' rules (docs/security.md "Webhook SSRF"). */
  pushTargets: WebhookTargets;
}

/** Transaction keys: 32 upper-case hexadecimal characters, as in every published example (§5.1). */
export function newTransactionKey(context: Pick<CoreContext, 'ids'>): string {
  return context.ids.uuid().replaceAll('-', '').toUpperCase();
}
