import type { Cents, Currency } from '../shared/money.js';
import type { IsoDate } from '../shared/dates.js';
import type { VatBasisPoints } from '../shared/vat.js';
import type { WorkflowStep } from '../workflows/steps.js';
import type { LifeCycleState } from '../invoices/life-cycle/types.js';
import type { Customer, CustomerKeys } from './customer.js';

export interface InvoiceLine {
  code: string | undefined;
  description: string;
  quantity: number;
  unitPriceInclusive: Cents;
  vatRate: VatBasisPoints;
  totalInclusive: Cents;
}

/** An order is an invoice from the moment it is accepted; both words mean this record. */
export interface Invoice {
  id: string;
  merchantId: string;
  workflowNumber: number;
  /** The merchant's own number (ORDERNUMBER), exactly as sent. */
  merchantNumber: string;
  /** Billink's public number: "1" + merchant code + order number with dots as dashes. */
  invoiceNumber: string;
  orderDate: IsoDate;
  currency: Currency;
  customer: Customer;
  customerKeys: CustomerKeys;
  lines: InvoiceLine[];
  total: Cents;
  vat: Cents;
  paid: Cents;
  credited: Cents;
  status: 'open' | 'paid' | 'credited';
  step: WorkflowStep;
  workflowStartedAt: Date | undefined;
  dueDate: IsoDate | undefined;
  onHoldUntil: Date | undefined;
  /** Hold days granted so far; a guaranteed workflow allows 14 in all (spec §2.7). */
  holdDaysUsed: number;
  sandbox: boolean;
  additionalText: string | undefined;
  trackAndTrace: string | undefined;
  /** Secret part of the invoice PDF's URL. */
  fileToken: string;
  createdAt: Date;
  checkUuid: string | undefined;
  /** The merchant's own reference from a checkout session, echoed in webhooks (spec §4.1). */
  customInvoiceId: string | undefined;
  /**
   * The stored life-cycle state; undefined until the invoice has been through the life cycle
   * (invoices/life-cycle/invoice-life-cycle.ts `lifeCycleOf` derives it from the row then).
   */
  lifeCycle?: LifeCycleState | undefined;
}

export function openAmount(invoice: Pick<Invoice, 'total' | 'paid' | 'credited'>): Cents {
  return invoice.total - invoice.paid - invoice.credited;
}

/** Spec §2.2: `O2014.05.28.2443` at merchant `TST` becomes `1TSTO2014-05-28-2443`. */
export function billinkInvoiceNumber(merchantCode: string, orderNumber: string): string {
  return `1${merchantCode}${orderNumber.replaceAll('.', '-')}`;
}
