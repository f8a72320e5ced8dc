/** What the dashboard's routes are handed by main.ts: the core context and the dashboard's ports. */
import type { FastifyRequest } from 'fastify';
import type { CoreContext } from '../../core/context.js';
import type { CustomerMailRenderer, InvoiceSearchRepository, PayoutRepository, TimelineRepository } from '../../core/dashboard/dashboard-ports.js';
import type { DashboardAuth, SignedIn } from '../../core/dashboard/sign-in.js';
import type { Merchant } from '../../core/merchants/merchant.js';
import type { PspCredentialDirectory } from '../../core/psp/psp-transactions.js';
import type { ClockFollowUp } from '../../core/sandbox/clock-follow-up.js';
import type { FailedAuthLimit } from '../failed-auth-limit.js';
import type { WebhookContext } from '../../core/webhooks/webhook-ports.js';
import type { PublicLinks } from '../public-links.js';
import type { Language } from './page-text.js';
import type { Viewer } from './layout.js';

export interface DashboardContext extends CoreContext {
  links: PublicLinks;
  auth: DashboardAuth;
  invoiceSearch: InvoiceSearchRepository;
  timeline: TimelineRepository;
  /** A customer e-mail's text and PDF, rendered as the customer mail job renders them. */
  customerMails: CustomerMailRenderer;
  /** The settlements of a period, for the reconciliation page. */
  payouts: PayoutRepository;
  webhooks: WebhookContext;
  /** Failed sign-ins per source address and per username, in the shared window counter. */
  signInLimit: FailedAuthLimit;
  /** The merchant's Billink webhook subscriptions, for the webhook page. */
  subscriptions(merchantId: string): Promise<{ kind: 'order' | 'session'; url: string; signed: boolean }[]>;
  /** What a test-clock advance runs before it answers, the same as the v2 endpoint's. */
  clockFollowUp: ClockFollowUp;
  /** The merchant's Buckaroo pair, for the keys page (the website key only is shown). */
  pspCredentials: PspCredentialDirectory;
}

/** What the session hook learned about a request. */
export interface DashboardRequest {
  language: Language;
  signedIn: SignedIn | undefined;
  viewer: Viewer | undefined;
}

declare module 'fastify' {
  interface FastifyRequest {
    dashboard: DashboardRequest;
  }
}

/** The merchant a signed-in request works on; routes behind the session hook have one. */
export function merchantOf(request: FastifyRequest): Merchant {
  const merchant = request.dashboard.signedIn?.merchant;
  if (!merchant) throw new Error('dashboard route without a merchant');
  return merchant;
}
