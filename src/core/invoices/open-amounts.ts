/**
 * What the customer still owes on an invoice, as the life cycle keeps it (docs/collection.md "The
 * pay page"): the principal open, the costs added and what of them is paid, and the total open.
 * The pay page, the invoice PDF behind its link and the file link read this one answer, so they
 * show the same amounts that decide status: STATUS turns 1 only when principal and costs are paid.
 */
import type { Invoice } from '../orders/invoice.js';
import type { Cents } from '../shared/money.js';
import { type CostRegime, costRegime } from '../workflows/collection-costs.js';

export interface OpenAmounts {
  /** The rules the costs were charged under: WIK, Book XIX, the B2B compensation, or none. */
  regime: CostRegime;
  principalOpen: Cents;
  /** The collection costs added (WIK costs, Book XIX damages or the B2B compensation). */
  collectionCosts: Cents;
  /** Reminder fees added (Book XIX art. XIX.4 allows 7.50 per further reminder). */
  reminderFees: Cents;
  costsPaid: Cents;
  costsOpen: Cents;
  /** Principal open plus costs open: what pays the invoice in full. */
  totalOpen: Cents;
}

export function openAmountsOf(invoice: Pick<Invoice, 'total' | 'paid' | 'credited' | 'status' | 'customer' | 'lifeCycle'>): OpenAmounts {
  const state = invoice.lifeCycle;
  const principalOpen = Math.max(0, invoice.total - invoice.paid - invoice.credited);
  if (!state) {
    // An invoice never through the life cycle has had no step that adds costs.
    const regime = costRegime(invoice.customer.type, invoice.customer.address.countryCode);
    const open = invoice.status === 'open' ? principalOpen : 0;
    return { regime, principalOpen: open, collectionCosts: 0, reminderFees: 0, costsPaid: 0, costsOpen: 0, totalOpen: open };
  }
  const closed = state.step === 'paid' || state.step === 'credited';
  // A full credit waives the open costs by lowering `costs` alone (life-cycle/money.ts), so on a
  // closed invoice the fees are what remains after the collection costs, never below zero.
  const collectionCosts = Math.min(state.collectionCosts, state.costs);
  const reminderFees = Math.max(0, state.costs - collectionCosts);
  const costsOpen = closed ? 0 : Math.max(0, state.costs - state.costsPaid);
  const open = closed ? 0 : Math.max(0, state.total - state.paid - state.credited);
  return { regime: state.regime, principalOpen: open, collectionCosts, reminderFees, costsPaid: state.costsPaid, costsOpen, totalOpen: open + costsOpen };
}
