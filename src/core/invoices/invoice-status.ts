/**
 * Use case: the status of up to 100 invoices (spec §2.4). Reads only; decides nothing about money,
 * so it reads outside a transaction.
 */
import type { CoreContext } from '../context.js';
import type { Dispute } from '../disputes/dispute.js';
import { openDisputeOf } from '../disputes/read-disputes.js';
import { findWorkflow, type Merchant } from '../merchants/merchant.js';
import type { InvoiceStatusFacts } from '../ports.js';
import { DomainError } from '../shared/errors.js';
import { stepDescription } from '../workflows/steps.js';
import type { InvoiceReference } from './invoice-reference.js';
import { workflowMatches } from './invoice-reference.js';

export const STATUS_ERRORS = ['invoices_missing', 'invoices_too_many', 'rate_limited'] as const;
export type StatusError = (typeof STATUS_ERRORS)[number];

export const MAX_INVOICES_PER_STATUS = 100;

export interface InvoiceStatus {
  number: string;
  /** -1 not found, 0 unpaid, 1 paid (spec §2.4). 2 ("pending direct debit") needs mandates we do not take. */
  status: -1 | 0 | 1;
  description: string;
  paidOut: boolean | undefined;
  /** The invoice's open dispute (spec §2.16), read only when asked for: v2 order info shows it. */
  dispute?: Dispute | undefined;
}

/** Limits requests per merchant (Status 111); shared by all nodes on PostgreSQL (docs/operations.md). */
export interface RateLimiter {
  allow(key: string, now: Date): boolean | Promise<boolean>;
  /** True when this node has refused the key in the window that holds `now`. */
  refusedLately?(key: string, now: Date): boolean;
}

export async function invoiceStatuses(
  context: CoreContext & { statusLimiter: RateLimiter },
  merchant: Merchant,
  references: readonly InvoiceReference[],
  options: { disputes?: boolean } = {},
): Promise<InvoiceStatus[]> {
  const now = context.clock.now();
  const counted = context.statusLimiter.allow(merchant.id, now);
  // An entry without a readable number is answered, not refused: Billink answered lower-case
  // <invoicenumber> children with one entry, INVOICENUMBER empty and STATUS -1 (spec §2.4 [R]).
  const numbers = references.map((reference) => reference.number?.trim() ?? '');
  const readFacts = () => context.store.read.invoices.findStatusFacts(merchant.id, numbers.filter(Boolean));
  // On PostgreSQL the count is a statement of its own (the shared upsert): the read is sent beside
  // it instead of after its answer, so a request waits for one round trip, not two. The answers
  // and their order of refusals stay as before; a refused request's read is dropped unread, and
  // once this node has refused the merchant in a window it waits for the count again, so a
  // merchant over its limit costs at most the reads already on their way (docs/benchmarks.md
  // "Status of ten, in one wait").
  const answerable = references.length > 0 && references.length <= MAX_INVOICES_PER_STATUS;
  const readAhead = typeof counted !== 'boolean' && answerable && !context.statusLimiter.refusedLately?.(merchant.id, now) ? readFacts() : undefined;
  readAhead?.catch(() => {});
  if (!(await counted)) throw new DomainError<StatusError>('rate_limited');
  if (references.length === 0) throw new DomainError<StatusError>('invoices_missing');
  if (references.length > MAX_INVOICES_PER_STATUS) throw new DomainError<StatusError>('invoices_too_many');

  const found = await (readAhead ?? readFacts());
  const statuses = references.map((reference, index): InvoiceStatus & { invoiceId?: string; disputeOpen?: boolean } => {
    const number = numbers[index]!;
    const invoice = found.find((candidate) => candidate.merchantNumber === number || candidate.invoiceNumber === number);
    if (!number || !invoice || !workflowMatches(reference, invoice.workflowNumber)) {
      return { number, status: -1, description: 'Order not found', paidOut: undefined };
    }
    return {
      number,
      status: invoice.status === 'open' ? 0 : 1,
      description: stepDescription(invoice.step, invoice.reminderNumber),
      paidOut: invoice.paidOut ?? legacyPaidOut(merchant, invoice),
      invoiceId: invoice.id,
      disputeOpen: invoice.disputeOpen,
    };
  });
  return Promise.all(
    statuses.map(async ({ invoiceId, disputeOpen, ...status }) => {
      // The life cycle's dispute_open column, kept in the same transaction as the dispute row,
      // tells which invoices to look up: no read at all for the many without one.
      if (!options.disputes || !disputeOpen || !invoiceId) return status;
      const dispute = await openDisputeOf(context, invoiceId);
      return dispute ? { ...status, dispute } : status;
    }),
  );
}

/**
 * PAIDOUT of an invoice whose life cycle was never stored (docs/collection.md "Invoices from
 * before the life cycle"), as status answered before payouts were booked: a guaranteed invoice
 * once its workflow started, a non-guaranteed one once paid in full. The start is read from its
 * timestamp, not from the step: an invoice credited in full before any start has nothing to pay
 * out. Every other invoice answers the life cycle's `isPaidOut`, stored with its row.
 *
 * The guarantee is the workflow's current one on purpose: an invoice whose state was never stored
 * has no copied course (the start stores the state with the copy), so its workflow is the only
 * record of its terms. A started invoice with a course never reaches this function; its PAIDOUT
 * was computed on that course when its state was written.
 */
export function legacyPaidOut(merchant: Merchant, invoice: Pick<InvoiceStatusFacts, 'workflowNumber' | 'workflowStartedAt' | 'status'>): boolean {
  const guaranteed = findWorkflow(merchant, invoice.workflowNumber)?.guaranteed ?? false;
  if (guaranteed && invoice.workflowStartedAt !== undefined) return true;
  return invoice.status === 'paid';
}
