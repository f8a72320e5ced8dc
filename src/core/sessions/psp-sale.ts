/**
 * A sale that a payment service provider's contract starts over a hosted checkout session: the
 * provider's endpoint (which merchant, which workflow, which key signs), the merchant's own
 * reference for the sale, and the session token the app polls with. BillBlend's DAPI sale is the
 * first such contract (docs/billblend.md); checking signatures and tokens is the contract's work,
 * this module only books and finds sales.
 */
import type { CoreContext } from '../context.js';
import type { Merchant } from '../merchants/merchant.js';
import { DomainError } from '../shared/errors.js';
import type { Cents, Currency } from '../shared/money.js';
import { withinTransaction } from './approve-session.js';
import type { CheckoutSession } from './checkout-session.js';
import { createSession, type CreateSessionInput } from './create-session.js';

export const PSP_SALE_ERRORS = ['endpoint_unknown', 'sale_reference_taken'] as const;
export type PspSaleError = (typeof PSP_SALE_ERRORS)[number];

export interface PspEndpoint {
  id: string;
  merchantId: string;
  /** The workflow every sale on this endpoint is booked on. */
  workflowNumber: number;
  /** The secret that signs requests on this endpoint; compared by the contract, never logged. */
  controlKey: string;
}

export interface PspSale {
  endpointId: string;
  /** The merchant's id for the sale (BillBlend's invoiceId); it is also the order number. */
  reference: string;
  /** Handed to the app once; status calls must present it. */
  token: string;
  /** A digest of the access token the sale was started with, made by the contract. */
  accessTokenDigest: string;
  nonce: string;
  sessionId: string;
  createdAt: Date;
}

/**
 * What the store reads with a sale's callback subscription, for the contract that builds the
 * callback (BillBlend's final-status callback, docs/billblend.md "Final-status callback").
 */
export interface PspSaleCallbackDetails {
  reference: string;
  /** The endpoint's key, which the contract hashes into the callback; never sent itself. */
  controlKey: string;
  total: Cents;
  currency: Currency;
}

export interface StartPspSaleInput {
  reference: string;
  accessTokenDigest: string;
  nonce: string;
  /** The order; its workflow and order number come from the endpoint and the reference. */
  order: Omit<CreateSessionInput, 'workflowNumber' | 'orderNumber'>;
}

/** The endpoint and its merchant, or `endpoint_unknown`. */
export async function findPspEndpoint(context: CoreContext, endpointId: string): Promise<{ endpoint: PspEndpoint; merchant: Merchant }> {
  const endpoint = await context.store.read.pspSales.findEndpoint(endpointId);
  const merchant = endpoint && (await context.store.merchants.findById(endpoint.merchantId));
  if (!endpoint || !merchant) throw new DomainError<PspSaleError>('endpoint_unknown');
  return { endpoint, merchant };
}

/**
 * Creates the session and the sale in one transaction. The same start sent again (same nonce and
 * access token, as a client retrying after a lost answer does) gets the same sale back; any other
 * start with a reference already used is refused, and nothing is written.
 */
export async function startPspSale(
  context: CoreContext,
  endpoint: PspEndpoint,
  merchant: Merchant,
  input: StartPspSaleInput,
): Promise<{ sale: PspSale; session: CheckoutSession }> {
  return context.store.transaction(async (tx) => {
    const existing = await tx.pspSales.find(endpoint.id, input.reference);
    if (existing) {
      const session = existing.nonce === input.nonce && existing.accessTokenDigest === input.accessTokenDigest
        ? await tx.sessions.find(existing.sessionId)
        : undefined;
      if (!session) throw new DomainError<PspSaleError>('sale_reference_taken', { reference: input.reference });
      return { sale: existing, session };
    }
    const session = await createSession(withinTransaction(context, tx), merchant, {
      ...input.order,
      workflowNumber: String(endpoint.workflowNumber),
      orderNumber: input.reference,
    });
    const sale: PspSale = {
      endpointId: endpoint.id,
      reference: input.reference,
      token: context.ids.uuid(),
      accessTokenDigest: input.accessTokenDigest,
      nonce: input.nonce,
      sessionId: session.id,
      createdAt: session.createdAt,
    };
    // A start that raced this one to the same reference wins; this one rolls back whole.
    if ((await tx.pspSales.insert(sale)) === 'duplicate') {
      throw new DomainError<PspSaleError>('sale_reference_taken', { reference: input.reference });
    }
    return { sale, session };
  });
}

/** The sale an endpoint and reference name, if any; the contract then checks its tokens. */
export async function findPspSale(context: CoreContext, endpointId: string, reference: string): Promise<PspSale | undefined> {
  return context.store.read.pspSales.find(endpointId, reference);
}

/**
 * Whether the sale's session is being decided at this moment (an approval runs the credit check
 * and the order under a lock on its row): the contract answers "processing" meanwhile.
 */
export async function pspSaleBusy(context: CoreContext, sale: PspSale): Promise<boolean> {
  return context.store.read.pspSales.sessionBusy(sale.sessionId);
}
