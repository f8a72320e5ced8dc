/**
 * The `webhooks` section of the OpenAPI document: what Achteraf posts to a merchant, one entry per
 * event. The examples are built by the same functions that build real deliveries
 * (core/webhooks/payloads.ts), so they cannot drift from what receivers get.
 */
import { INVOICE_EVENTS, isExtensionEvent, SESSION_STATUSES } from '../../core/shared/events.js';
import { orderWebhookBodyOf, sessionWebhookBody } from '../../core/webhooks/payloads.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, WEBHOOK_ID_HEADER } from '../../core/webhooks/signature.js';

const EXAMPLE_AT = new Date('2026-11-21T10:15:00Z');

const ORDER_EVENT_SCHEMA = {
  type: 'object',
  properties: {
    order_id: { type: 'integer', description: "Billink's id of the invoice" },
    invoice_number: { type: 'string', description: "Billink's invoice number, e.g. 1TSTKRKND-0001" },
    invoice_number_clean: { type: 'string', description: "The merchant's own order number" },
    workflow_id: { type: 'integer', description: 'The workflow (product) number' },
    event: { enum: [...INVOICE_EVENTS] },
    timestamp: { type: 'string', description: 'Amsterdam local time, Y-m-d H:i:s' },
    custom_invoice_id: { type: 'string', description: 'Only when the session set one' },
  },
  required: ['order_id', 'invoice_number', 'invoice_number_clean', 'workflow_id', 'event', 'timestamp'],
} as const;

const EXTENSION_EVENT_SCHEMA = {
  type: 'object',
  properties: {
    ...ORDER_EVENT_SCHEMA.properties,
    workflow_step: { type: 'string', description: 'The step status DESCRIPTION shows after the event, e.g. Reminder 1' },
    amount: { type: 'string', description: 'Events about money: the amount, e.g. 45.00 (costs added, a payout)' },
  },
  required: [...ORDER_EVENT_SCHEMA.required, 'workflow_step'],
} as const;

const SESSION_EVENT_SCHEMA = {
  type: 'object',
  properties: {
    status: { enum: [...SESSION_STATUSES] },
    invoiceNumber: { type: 'string', description: "The merchant's order number" },
    transactionId: { type: 'string', description: 'The session id' },
    billinkInvoiceNumber: { type: 'string', description: "Billink's invoice number" },
  },
  required: ['status', 'invoiceNumber', 'transactionId', 'billinkInvoiceNumber'],
} as const;

const SIGNED_HEADERS = [
  { name: WEBHOOK_ID_HEADER, in: 'header', required: true, description: 'Stable per event: receivers de-duplicate by it', schema: { type: 'string' } },
  { name: TIMESTAMP_HEADER, in: 'header', required: false, description: 'v3 webhooks: Unix seconds of the attempt', schema: { type: 'string' } },
  {
    name: SIGNATURE_HEADER,
    in: 'header',
    required: false,
    description: 'v3 webhooks: lower-case hex HMAC-SHA256 of the timestamp followed by the raw body, keyed with the secret (docs/webhooks.md)',
    schema: { type: 'string' },
  },
];

const RECEIVED = { 200: { description: 'Any 2xx answer counts as delivered; anything else is retried (docs/webhooks.md)' } };

function webhook(summary: string, description: string, schema: object, example: unknown) {
  return {
    post: {
      operationId: summary.replace(/[^A-Za-z0-9]+(.)?/g, (_m, next: string | undefined) => (next ?? '').toUpperCase()).replace(/^./, (c) => c.toLowerCase()),
      summary,
      description,
      tags: ['webhooks'],
      security: [],
      parameters: SIGNED_HEADERS,
      requestBody: { required: true, content: { 'application/json': { schema, example } } },
      responses: RECEIVED,
    },
  };
}

export function webhookEvents(): Record<string, unknown> {
  const events: Record<string, unknown> = {};
  for (const event of INVOICE_EVENTS) {
    const body = orderWebhookBodyOf({
      event,
      step: 'Reminder 1',
      amount: event === 'order_paid_out' || event === 'collection_costs_added' ? 4500 : undefined,
      at: EXAMPLE_AT,
      invoiceId: '4711',
      invoiceNumber: '1TSTKRKND-0001',
      merchantNumber: 'KRKND-0001',
      workflowNumber: 1,
      customInvoiceId: undefined,
    });
    const description = isExtensionEvent(event)
      ? "Achteraf's extension, not Billink's (docs/webhooks.md \"Life-cycle events\"): posted to the order webhook like Billink's events, with `workflow_step` and, for money, `amount`."
      : 'Posted to the order webhook (classic or v3, spec §4.1).';
    events[event] = webhook(`Order event ${event}`, description, isExtensionEvent(event) ? EXTENSION_EVENT_SCHEMA : ORDER_EVENT_SCHEMA, JSON.parse(body));
  }
  // A session is created active; only the changes away from it are posted.
  for (const status of SESSION_STATUSES.filter((status) => status !== 'session_active')) {
    const body = sessionWebhookBody({ status, orderNumber: 'KRKND-0001', transactionId: 'ses_4f2a9c', billinkInvoiceNumber: '1TSTKRKND-0001' });
    events[status.startsWith('session_') ? status : `session_${status}`] = webhook(`Session event ${status}`, 'Posted to the session webhook (spec §4.2).', SESSION_EVENT_SCHEMA, JSON.parse(body));
  }
  return events;
}
