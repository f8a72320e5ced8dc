/**
 * The client. The base URL is the only switch between Billink and Achteraf: the same calls,
 * the same XML and JSON, the same answers.
 */
import { LegacyApi } from './legacy.js';
import { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS } from './transport.js';
import { DisputesApi } from './disputes.js';
import { BillBlendApi, BuckarooApi, OrderManagementApi, PartnersApi, ReconciliationApi, SessionsApi } from './v2-api.js';
import { V2Transport } from './v2.js';
import { WebhooksApi } from './webhooks.js';
import { RequestsApi, WorkflowsApi } from './workflows.js';

/** Billink's own hosts for the v2 API and the legacy API v1 (spec §1.1). */
export const BILLINK_LIVE_URL = 'https://api.billink.nl';
export const BILLINK_STAGING_URL = 'https://api-staging.billink.nl';

export class Billink {
  constructor(options) {
    if (!options || typeof options.baseUrl !== 'string') throw new TypeError('baseUrl is required, e.g. https://api.billink.nl or http://localhost:8080');
    const baseUrl = options.baseUrl.replace(/\/+$/, '');
    const username = options.username;
    const clientId = options.clientId;
    const resolved = Object.freeze({
      baseUrl,
      legacyBaseUrl: (options.legacyBaseUrl ?? baseUrl).replace(/\/+$/, ''),
      // Billink serves the legacy XML API under /v1/client on the same host as v2 (spec §1.1);
      // Achteraf answers there and under /api. The old host (client.billink.nl) needs '/api'.
      legacyPath: options.legacyPath ?? '/v1/client',
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      retry: Object.freeze({ ...DEFAULT_RETRY, ...options.retry }),
      retryWrites: options.retryWrites === true,
      fetch: options.fetch,
      credentials: () => {
        if (!username || !clientId) throw new TypeError('username and clientId are required for merchant calls');
        return { username, clientId };
      },
    });
    const transport = new V2Transport(resolved);
    this.legacy = new LegacyApi(resolved);
    this.v2 = new OrderManagementApi(transport);
    this.sessions = new SessionsApi(transport);
    this.webhooks = new WebhooksApi(transport, resolved);
    this.reconciliation = new ReconciliationApi(transport);
    this.partners = new PartnersApi(transport);
    this.workflows = new WorkflowsApi(transport);
    this.requests = new RequestsApi(transport);
    this.disputes = new DisputesApi(transport);
    this.buckaroo = new BuckarooApi(transport);
    this.billblend = new BillBlendApi(transport);
    this.baseUrl = baseUrl;
  }
}
