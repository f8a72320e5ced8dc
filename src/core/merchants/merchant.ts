import type { Cents } from '../shared/money.js';
import type { CustomerType } from '../orders/customer.js';
import type { WorkflowCourseInput } from '../workflows/workflow-definition.js';

/**
 * A workflow is a merchant's product: the payment term, whether Billink guarantees payment, the
 * largest order it takes and which customers may use it (spec §3 "Workflow numbers").
 */
export interface Workflow {
  number: number;
  name: string;
  guaranteed: boolean;
  /** Largest order amount including VAT; null means no maximum. */
  maxAmount: Cents | null;
  /**
   * The customer types the workflow accepts: merchant configuration, both unless the merchant
   * restricted it. A TYPE outside the list is refused (Check 432, Order 402; docs/legacy-api.md).
   */
  customerTypes: readonly CustomerType[];
  paymentTermDays: number;
  /**
   * The rest of the workflow's collection course as the merchant set it (start delay, reminders,
   * final notice, business compensation, payout). A part that is absent takes its default
   * (docs/collection.md "How a workflow is stored"); read it through `definitionOfWorkflow`.
   */
  course?: WorkflowCourseInput;
}

export interface Merchant {
  id: string;
  username: string;
  /** The 40-hex "uid" clients send as CLIENTID / billinkID. */
  clientId: string;
  /** Short code inside Billink invoice numbers: "1" + code + order number (spec §2.2). */
  code: string;
  name: string;
  email: string;
  /**
   * Only a sandbox merchant honours BACKDOOR, the documented decline triggers and a test clock;
   * a live merchant never does (docs/security.md "Sandbox and live merchants").
   */
  mode: MerchantMode;
  /**
   * How far a sandbox merchant's test clock is ahead of real time (0: real time). Read only
   * through `clockFor(merchant)`, which ignores it for a live merchant.
   */
  testClockOffsetMs: number;
  workflows: readonly Workflow[];
}

export type MerchantMode = 'sandbox' | 'live';

export function isSandbox(merchant: Pick<Merchant, 'mode'>): boolean {
  return merchant.mode === 'sandbox';
}

export function findWorkflow(merchant: Merchant, number: number): Workflow | undefined {
  return merchant.workflows.find((workflow) => workflow.number === number);
}
