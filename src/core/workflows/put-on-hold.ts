/**
 * Use case: pause the collection workflow of one invoice for some days (spec §2.7). A guaranteed
 * workflow allows at most 14 days (On hold 403).
 */
import { merchantNow } from '../shared/merchant-clocks.js';
import type { CoreContext } from '../context.js';
import type { Merchant } from '../merchants/merchant.js';
import { type InvoiceReference, workflowMatches } from '../invoices/invoice-reference.js';
import { DAY } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { applyToInvoice } from '../invoices/life-cycle/apply-to-invoice.js';
import { courseOfInvoice } from '../invoices/life-cycle/invoice-life-cycle.js';

export const ON_HOLD_ERRORS = ['invoice_number_missing', 'invoice_unknown', 'on_hold_too_long', 'on_hold_not_possible'] as const;
export type OnHoldError = (typeof ON_HOLD_ERRORS)[number];

export const MAX_GUARANTEED_HOLD_DAYS = 14;
/** Without a guarantee the merchant bears the risk; a quarter is still a sane upper bound. */
export const MAX_HOLD_DAYS = 90;
export const DEFAULT_HOLD_DAYS = 14;

export interface OnHoldInput extends InvoiceReference {
  days?: string | undefined;
}

export async function putOnHold(context: CoreContext, merchant: Merchant, input: OnHoldInput): Promise<{ until: Date }> {
  const fail = (code: OnHoldError): never => {
    throw new DomainError(code);
  };
  const number = input.number?.trim();
  if (!number) fail('invoice_number_missing');
  const daysText = input.days?.trim() ?? String(DEFAULT_HOLD_DAYS);
  const days = /^\d{1,4}$/.test(daysText) ? Number(daysText) : undefined;

  return context.store.transaction(async (tx) => {
    const invoice = await tx.invoices.findForUpdate(merchant.id, number!);
    if (!invoice || !workflowMatches(input, invoice.workflowNumber)) return fail('invoice_unknown');
    const now = merchantNow(context, merchant);
    // The guarantee of the course the invoice started on: a workflow changed since does not
    // lengthen or shorten the hold its invoices may get.
    const guaranteed = courseOfInvoice(merchant, invoice).guaranteed;
    // A new hold replaces a running one, so the days it has left are given back first; what is
    // counted is every hold day granted, so repeated holds cannot stretch the 14-day maximum.
    const holdDaysUsed = invoice.holdDaysUsed - remainingHoldDays(invoice.onHoldUntil, now, Math.ceil) + (days ?? 0);
    if (days !== undefined && guaranteed && holdDaysUsed > MAX_GUARANTEED_HOLD_DAYS) fail('on_hold_too_long');
    if (days === undefined || days < 1 || days > MAX_HOLD_DAYS) fail('on_hold_not_possible');
    // Only a running workflow can be paused; a closed invoice has nothing left to collect.
    if (invoice.status !== 'open' || invoice.step === 'not_started') fail('on_hold_not_possible');

    const until = new Date(now.getTime() + days! * DAY);
    // The life cycle pauses every timer until `until` and schedules the hold's end (hold_end).
    const applied = await applyToInvoice(tx, merchant, invoice, { type: 'hold', until }, now);
    if (!applied.ok) fail('on_hold_not_possible');
    await tx.invoices.setHold(invoice.id, until, holdDaysUsed);
    return { until };
  });
}

/** Whole days a hold still has to run at `now` (rounded by `round`), zero when none runs. */
export function remainingHoldDays(until: Date | undefined, now: Date, round: (days: number) => number): number {
  if (!until || until.getTime() <= now.getTime()) return 0;
  return round((until.getTime() - now.getTime()) / DAY);
}
