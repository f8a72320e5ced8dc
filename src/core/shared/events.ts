/**
 * Facts the core records when something changes, written to the outbox in the same transaction
 * (house rule 4). Invoice events carry Billink's order webhook names (spec §4.1), so whichever
 * contract caused a change, the same event follows; session events feed the session webhook
 * (spec §4.2).
 */
export const INVOICE_EVENTS = [
  'order_placed',
  'order_workflow_started',
  'partial_payment_added',
  'order_paid',
  'partial_credit_added',
  'order_fully_accredited',
  'customer_fully_paid',
  'order_on_hold',
] as const;

export type InvoiceEventType = (typeof INVOICE_EVENTS)[number];

export interface InvoiceEvent {
  type: InvoiceEventType;
  merchantId: string;
  invoiceId: string;
  at: Date;
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
