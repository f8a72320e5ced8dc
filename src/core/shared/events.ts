/**
 * Facts the core records when something changes, written to the outbox in the same transaction
 * (house rule 4). Invoice events carry Billink's order webhook names (spec §4.1), so whichever
 * contract caused a change, the same event follows; session events feed the session webhook
 * (spec §4.2).
 */
export const BILLINK_INVOICE_EVENTS = [
  'order_placed',
  'order_workflow_started',
  'partial_payment_added',
  'order_paid',
  'partial_credit_added',
  'order_fully_accredited',
  'customer_fully_paid',
  'order_on_hold',
] as const;

/**
 * Our extension (docs/webhooks.md "Life-cycle events"): moments of the collection workflow that
 * Billink publishes no event for. They reach the same order webhooks, with the step and amount.
 */
export const EXTENSION_INVOICE_EVENTS = [
  'order_resumed',
  'invoice_sent',
  'workflow_step_changed',
  'workflow_step_restarted',
  'collection_costs_added',
  'dispute_opened',
  'dispute_resolved',
  'order_paid_out',
] as const;

export const INVOICE_EVENTS = [...BILLINK_INVOICE_EVENTS, ...EXTENSION_INVOICE_EVENTS] as const;

export type InvoiceEventType = (typeof INVOICE_EVENTS)[number];
export type ExtensionInvoiceEventType = (typeof EXTENSION_INVOICE_EVENTS)[number];

export function isExtensionEvent(type: string): type is ExtensionInvoiceEventType {
  return (EXTENSION_INVOICE_EVENTS as readonly string[]).includes(type);
}

export interface InvoiceEvent {
  type: InvoiceEventType;
  merchantId: string;
  invoiceId: string;
  at: Date;
  /** The step name status DESCRIPTION shows after the event (life-cycle events). */
  step?: string | undefined;
  /** The amount the event is about, in cents: a payment, credit, costs added, a payout. */
  amount?: number | undefined;
}

/** The statuses of a hosted checkout session (spec §2.13, §4.2). */
export const SESSION_STATUSES = ['session_active', 'order_created', 'cancelled', 'failed', 'session_expired'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export interface SessionEvent {
  type: 'session_status_changed';
  merchantId: string;
  sessionId: string;
  status: SessionStatus;
  /** The invoice the session created, once it has one. */
  invoiceId: string | undefined;
  /** What the session webhook carries (spec §4.2), frozen when the status changed. */
  orderNumber: string;
  billinkInvoiceNumber: string;
  transactionId: string;
  at: Date;
}

export type DomainEvent = InvoiceEvent | SessionEvent;
