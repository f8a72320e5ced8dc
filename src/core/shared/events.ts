/**
 * Facts the core records when an invoice changes. The names are Billink's order webhook events
 * (spec §4.1), so whichever contract caused a change, the same event follows.
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

export interface DomainEvent {
  type: InvoiceEventType;
  merchantId: string;
  invoiceId: string;
  at: Date;
}
