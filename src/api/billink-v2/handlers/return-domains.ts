/**
 * POST /v2/client/checkout/return-domains/set: our own endpoint (Billink has none) where a
 * merchant lists the domains its checkout return URLs may point at (docs/checkout.md "Return URL
 * domains"). Answers `{status, message, domains}` like the webhook endpoints beside it.
 */
import type { FastifyInstance } from 'fastify';
import { MAX_RETURN_DOMAINS, type ReturnDomainError, setReturnUrlDomains } from '../../../core/merchants/return-url-domains.js';
import type { V2Context } from '../v2-context.js';
import { AUTH_ANSWERS, registerWebhookRoute, type WebhookErrorTable } from './webhooks-route.js';

const ERRORS: WebhookErrorTable<ReturnDomainError> = {
  ...AUTH_ANSWERS,
  domains_invalid: [400, `domains must be a list of at most ${MAX_RETURN_DOMAINS} domain names such as shop.example`],
};

export function returnDomainsRoute(app: FastifyInstance, context: V2Context): void {
  registerWebhookRoute(app, context, {
    path: '/v2/client/checkout/return-domains/set',
    summary: 'Restrict checkout return URLs to your own domains (an empty list lifts the restriction)',
    tags: ['v2', 'checkout'],
    properties: {
      domains: { type: 'array', items: { type: 'string' }, maxItems: MAX_RETURN_DOMAINS, description: 'e.g. ["shop.example"]; subdomains are included' },
    },
    response: {
      type: 'object',
      properties: { status: { const: 'success' }, message: { type: 'string' }, domains: { type: 'array', items: { type: 'string' } } },
      required: ['status', 'message', 'domains'],
    },
    errors: ERRORS,
    failure: 'Could not set return URL domains',
    async handle(credentials, body, context) {
      const domains = await setReturnUrlDomains(context, credentials, body.domains);
      return { status: 'success', message: 'Return URL domains have been set', domains };
    },
  });
}
