export { Billink, BILLINK_LIVE_URL, BILLINK_STAGING_URL } from './client.js';
export {
  BillinkApiError, BillinkConnectionError, BillinkError, BillinkProtocolError, BillinkTimeoutError, WebhookVerificationError,
} from './errors.js';
export { amountText, centsToDecimal, decimalToCents } from './money.js';
export { backoffMs, DEFAULT_RETRY, DEFAULT_TIMEOUT_MS } from './transport.js';
export { V2_PATHS } from './v2.js';
export {
  DEFAULT_TOLERANCE_SECONDS, EXTENSION_EVENTS, ORDER_EVENTS, parseSseBlock, parseWebhook, SESSION_STATUSES, signWebhook, verifyWebhook,
} from './webhooks.js';
export {
  BUCKAROO_DELIVERY_ID_HEADER, BUCKAROO_PUSH_TOLERANCE_SECONDS, signBuckarooPush, verifyBuckarooPush,
} from './buckaroo-push.js';
export { LegacyApi } from './legacy.js';
export { BillBlendApi, BuckarooApi, OrderManagementApi, PartnersApi, ReconciliationApi, SessionsApi } from './v2-api.js';
export { DisputesApi } from './disputes.js';
export { WebhooksApi } from './webhooks.js';
export { RequestsApi, WorkflowsApi, workflowSettingsBody } from './workflows.js';
export { SandboxClockApi } from './sandbox.js';
