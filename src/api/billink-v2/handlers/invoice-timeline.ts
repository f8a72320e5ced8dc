/**
 * POST /v2/client/invoice/timeline (ours; docs/v2-api.md "Invoice timeline"): one invoice's whole
 * life in one read — its amounts, every fact oldest first (workflow steps, e-mails, costs,
 * payments, credits, holds, disputes, settlements, messages, events with their webhook attempts)
 * and the timers still to come, on the merchant's clock. The same answer the dashboard shows.
 */
import type { FastifyInstance } from 'fastify';
import { readInvoiceTimeline } from '../../../core/dashboard/read-invoice-timeline.js';
import { TIMELINE_ERRORS } from '../../billink-common/timeline-errors.js';
import { registerManagementRoute } from '../management-route.js';
import { CREDENTIAL_PROPERTIES, INVOICE_REFERENCE_PROPERTIES } from '../schemas/common.js';
import { timelineWire } from '../timeline-wire.js';
import { text } from '../v2-credentials.js';
import type { V2Context } from '../v2-context.js';

const TEXT = { type: 'string' } as const;
const NULLABLE_TEXT = { type: ['string', 'null'] } as const;
const CENTS = { type: 'integer', description: 'The same amount in integer cents' } as const;
const AMOUNT = { type: 'string', description: 'Euros as a decimal string, e.g. "12.50"' } as const;

const WEBHOOKS = {
  type: 'array',
  description: 'The webhook deliveries the event caused, replays included, with every attempt',
  items: {
    type: 'object',
    properties: {
      id: TEXT,
      event: TEXT,
      url: TEXT,
      state: { enum: ['pending', 'delivered', 'failed'] },
      createdAt: TEXT,
      replayOf: NULLABLE_TEXT,
      attempts: {
        type: 'array',
        items: { type: 'object', properties: { number: { type: 'integer' }, startedAt: TEXT, httpStatus: { type: ['integer', 'null'] }, error: NULLABLE_TEXT } },
      },
    },
  },
} as const;

const ENTRY = {
  type: 'object',
  description: 'One fact; which fields an entry has depends on its kind (docs/v2-api.md "Invoice timeline")',
  properties: {
    kind: {
      enum: ['order_placed', 'workflow_started', 'step', 'mail', 'costs', 'payment', 'credit', 'on_hold', 'resumed', 'dispute_opened', 'dispute_resolved', 'settlement', 'message', 'event'],
    },
    at: { type: 'string', description: "ISO 8601, the merchant's business time of the fact" },
    step: { type: 'string', description: 'step: the step name as Order info describes it, e.g. "Reminder 1"' },
    restarted: { type: 'boolean', description: 'step: the same step sent again after a credit' },
    events: {
      type: 'array',
      description: 'The outbox events written with this fact (the webhook events), each with the deliveries it caused',
      items: { type: 'object', properties: { type: { type: 'string' }, webhooks: WEBHOOKS } },
    },
    webhooks: WEBHOOKS,
    until: { type: ['string', 'null'], description: "on_hold: the hold's end, known for the current hold only" },
    id: { type: 'string', description: 'mail: the e-mail id' },
    mail: { enum: ['invoice', 'reminder', 'final_notice', 'collection', 'receipt'] },
    reminderNumber: { type: ['integer', 'null'] },
    subject: { type: ['string', 'null'], description: 'mail: known once handed over' },
    recipient: TEXT,
    state: { enum: ['pending', 'sent', 'failed'], description: 'mail: how far sending got' },
    channel: { type: ['string', 'null'], description: 'mail: smtp or outbox; payment: platform or merchant' },
    attempts: { type: 'integer' },
    lastError: NULLABLE_TEXT,
    sentAt: NULLABLE_TEXT,
    costs: { enum: ['reminder_fee', 'collection_costs', 'costs_adjustment'] },
    amount: AMOUNT,
    amountCents: CENTS,
    toCosts: { type: 'string', description: 'payment: the part that paid costs first (art. 6:44 BW)' },
    toCostsCents: CENTS,
    description: NULLABLE_TEXT,
    disputeId: TEXT,
    category: { type: 'integer' },
    message: TEXT,
    resolution: NULLABLE_TEXT,
    settlement: { enum: ['payout', 'clawback'] },
    gross: AMOUNT,
    grossCents: CENTS,
    fee: AMOUNT,
    feeCents: CENTS,
    net: AMOUNT,
    netCents: CENTS,
    body: TEXT,
    type: { type: 'string', description: 'event: the webhook event name of an event no other entry accounts for' },
  },
  required: ['kind', 'at'],
} as const;

const INVOICE = {
  type: 'object',
  properties: {
    invoiceNumber: TEXT,
    orderNumber: TEXT,
    workflowNumber: { type: 'integer' },
    orderDate: TEXT,
    dueDate: NULLABLE_TEXT,
    currency: TEXT,
    status: { enum: ['open', 'paid', 'credited'] },
    step: { enum: ['not_started', 'wait_for_payment', 'reminder', 'final_notice', 'collection', 'paid', 'credited'] },
    total: AMOUNT,
    totalCents: CENTS,
    paid: AMOUNT,
    paidCents: CENTS,
    credited: AMOUNT,
    creditedCents: CENTS,
    open: { type: 'string', description: 'Principal still open: total less paid and credited' },
    openCents: CENTS,
    costsOpen: { type: 'string', description: 'Reminder fees and collection costs added and not yet paid' },
    costsOpenCents: CENTS,
    totalOpen: { type: 'string', description: 'Principal open plus costs open: what pays the invoice in full' },
    totalOpenCents: CENTS,
    onHoldUntil: NULLABLE_TEXT,
  },
} as const;

export const TIMELINE_RESPONSE_SCHEMA = {
  type: 'object',
  properties: {
    result: { const: 'MSG' },
    code: { const: '200' },
    invoice: INVOICE,
    now: { type: 'string', description: "The merchant's time now (its test clock in the sandbox)" },
    entries: { type: 'array', items: ENTRY, description: 'Oldest first' },
    upcoming: {
      type: 'array',
      description: 'The timers, soonest first: what happens next and when, unless something else happens first',
      items: {
        type: 'object',
        properties: {
          timer: { enum: ['send_invoice', 'reminder', 'final_notice', 'collection', 'payout', 'hold_end'] },
          at: TEXT,
          reminderNumber: { type: ['integer', 'null'] },
        },
      },
    },
    paused: {
      type: ['object', 'null'],
      description: 'A hold or an open dispute that stops the timers',
      properties: { since: TEXT, holdUntil: NULLABLE_TEXT, dispute: { type: 'boolean' } },
    },
  },
  required: ['result', 'code', 'invoice', 'now', 'entries', 'upcoming', 'paused'],
} as const;

export function invoiceTimelineRoute(app: FastifyInstance, context: V2Context): void {
  registerManagementRoute(app, context, {
    path: '/v2/client/invoice/timeline',
    summary: "One invoice's whole life: every step, e-mail, cost, payment, credit, hold, dispute, payout and webhook, and what happens next",
    errors: TIMELINE_ERRORS,
    body: {
      properties: { ...CREDENTIAL_PROPERTIES, ...INVOICE_REFERENCE_PROPERTIES },
      required: ['billinkUsername', 'billinkID', 'invoiceNumber'],
    },
    response: TIMELINE_RESPONSE_SCHEMA,
    async handle(merchant, body, context) {
      const { invoice, timeline } = await readInvoiceTimeline(context, merchant, { number: text(body.invoiceNumber), workflowNumber: text(body.workflowNumber) });
      return timelineWire(invoice, timeline);
    },
  });
}
