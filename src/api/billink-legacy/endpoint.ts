import type { CoreContext } from '../../core/context.js';
import type { RateLimiter } from '../../core/invoices/invoice-status.js';
import type { Merchant } from '../../core/merchants/merchant.js';
import type { EndpointErrors } from '../billink-common/wire-error.js';
import type { LegacyRequest } from './xml-request.js';
import type { PublicLinks } from '../public-links.js';
import type { FailedAuthLimit } from '../failed-auth-limit.js';

export interface LegacyContext extends CoreContext {
  statusLimiter: RateLimiter;
  /** Failed authentications per source address (docs/security.md). */
  authLimit: FailedAuthLimit;
  /** Base for links the server hands out, such as invoice PDFs; known once the server listens. */
  links: PublicLinks;
}

/** One legacy action: how to read its request, call the core and write its answer. */
export interface LegacyEndpoint {
  errors: EndpointErrors;
  /**
   * False for an endpoint whose answer never depends on the merchant's time (no `clockFor`):
   * authentication then sends no fresh read of a sandbox merchant's test clock, and the merchant
   * handed to `handle` may carry an offset as old as the node's cached merchant (5 s).
   */
  readsMerchantClock?: false;
  handle(context: LegacyContext, merchant: Merchant, request: LegacyRequest): Promise<string>;
}
