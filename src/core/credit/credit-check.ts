import type { Cents } from '../shared/money.js';
import type { CustomerKeys } from '../orders/customer.js';

/** A positive credit check: its UUID lets exactly one order through (spec §2.1, §2.2). */
export interface CreditCheck {
  uuid: string;
  merchantId: string;
  workflowNumber: number;
  amount: Cents;
  customerKeys: CustomerKeys;
  createdAt: Date;
  expiresAt: Date;
  /** A sandbox backdoor approval is not re-weighed when the order comes in. */
  decidedBy: 'rules' | 'backdoor';
  usedAt: Date | undefined;
  invoiceId: string | undefined;
}
