/**
 * What a sandbox clock advance does after moving the merchant's time, in this order, before it
 * answers (docs/collection.md "Test clocks"): apply every life-cycle step that fell due, hand the
 * e-mails they queued to SMTP (or the local outbox), and make the first delivery attempt of the
 * webhooks they caused. Each part is a job's work run at once for one merchant; main.ts wires them.
 */
import type { Merchant } from '../merchants/merchant.js';

export interface AppliedSteps {
  /** How many steps were applied, by the step name status DESCRIPTION shows after each. */
  steps: Record<string, number>;
}

export interface ClockFollowUp {
  /** Applies every timer of the merchant's invoices due up to `until`, earliest first. */
  applyDueSteps(merchant: Merchant, until: Date): Promise<AppliedSteps>;
  /** Sends every pending customer e-mail of the merchant now; how many were handed over. */
  sendCustomerMails(merchantId: string): Promise<number>;
  /** Makes the first attempt of every pending webhook delivery of the merchant; how many. */
  deliverWebhooks(merchantId: string): Promise<number>;
}
