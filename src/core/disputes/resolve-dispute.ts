/**
 * Use case: resolve an open dispute (our extension to spec §2.16, docs/v2-api.md "Disputes"). In
 * one transaction with the invoice row locked, the dispute is closed and the life cycle's
 * `dispute_resolve` runs the timers again, moved by the calendar days the dispute lasted (unless
 * a hold still pauses them); its `dispute_resolved` event goes to the outbox.
 */
import type { CoreContext } from '../context.js';
import type { Merchant } from '../merchants/merchant.js';
import { applyToInvoice } from '../invoices/life-cycle/apply-to-invoice.js';
import { merchantNow } from '../shared/merchant-clocks.js';
import { DomainError } from '../shared/errors.js';
import type { Dispute } from './dispute.js';

export const RESOLVE_DISPUTE_ERRORS = ['dispute_id_missing', 'dispute_unknown', 'dispute_already_resolved', 'dispute_resolution_too_long'] as const;
export type ResolveDisputeError = (typeof RESOLVE_DISPUTE_ERRORS)[number];

export const MAX_RESOLUTION_LENGTH = 1000;

export async function resolveDispute(
  context: CoreContext,
  merchant: Merchant,
  input: { id: string | undefined; resolution: string | undefined },
): Promise<Dispute> {
  const fail = (code: ResolveDisputeError): never => {
    throw new DomainError(code);
  };
  const id = input.id ?? fail('dispute_id_missing');
  if ((input.resolution?.length ?? 0) > MAX_RESOLUTION_LENGTH) fail('dispute_resolution_too_long');

  return context.store.transaction(async (tx) => {
    const found = await tx.disputes.find(merchant.id, id);
    if (!found) return fail('dispute_unknown');
    // The invoice row first, as every money change locks it, then the dispute's own row.
    const invoice = await tx.invoices.findForUpdate(merchant.id, found.invoiceNumber);
    const dispute = await tx.disputes.findForUpdate(merchant.id, id);
    if (!invoice || !dispute) return fail('dispute_unknown');
    if (dispute.resolvedAt) fail('dispute_already_resolved');
    const now = merchantNow(context, merchant);
    // An invoice paid or credited in full while disputed has no timers left; its life cycle has
    // still the dispute open, and resolving it only clears that.
    await applyToInvoice(tx, merchant, invoice, { type: 'dispute_resolve' }, now);
    await tx.disputes.resolve(id, now, input.resolution);
    return { ...dispute, resolvedAt: now, resolution: input.resolution };
  });
}
