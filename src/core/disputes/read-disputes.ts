/** Use cases: read one of the merchant's disputes, or the merchant's disputes newest first (spec §2.16). */
import type { CoreContext } from '../context.js';
import type { Merchant } from '../merchants/merchant.js';
import { DomainError } from '../shared/errors.js';
import type { Dispute } from './dispute.js';

export const READ_DISPUTE_ERRORS = ['dispute_unknown', 'dispute_status_invalid'] as const;
export type ReadDisputeError = (typeof READ_DISPUTE_ERRORS)[number];

/** One page is enough for a support desk; older disputes are found by invoice number. */
export const DISPUTE_LIST_LIMIT = 200;

export async function readDispute(context: CoreContext, merchant: Merchant, id: string | undefined): Promise<Dispute> {
  const dispute = id === undefined ? undefined : await context.store.read.disputes.find(merchant.id, id);
  if (!dispute) throw new DomainError<ReadDisputeError>('dispute_unknown');
  return dispute;
}

export async function listDisputes(
  context: CoreContext,
  merchant: Merchant,
  filter: { invoiceNumber?: string | undefined; status?: string | undefined },
): Promise<Dispute[]> {
  const status = filter.status;
  if (status !== undefined && status !== 'open' && status !== 'resolved') throw new DomainError<ReadDisputeError>('dispute_status_invalid');
  return context.store.read.disputes.list(merchant.id, { invoiceNumber: filter.invoiceNumber, status }, DISPUTE_LIST_LIMIT);
}

/** Whether the invoice has an open dispute, for order info. */
export async function openDisputeOf(context: CoreContext, invoiceId: string): Promise<Dispute | undefined> {
  return context.store.read.disputes.findOpen(invoiceId);
}
