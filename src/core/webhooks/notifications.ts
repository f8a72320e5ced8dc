/**
 * The notification seam (design: "notifications belong to their contract"). The core decides
 * *that* an event goes to a subscription; each contract folder builds its own body (Billink's
 * order and session webhooks, Buckaroo's push) and signs its own requests; the store only keeps
 * the delivery rows. main.ts hands the contracts' builders to the store and their signers to the
 * delivery job, so neither imports a contract.
 */
import type { DomainEvent } from '../shared/events.js';

/** A subscription of any contract: where one kind of notification of a merchant goes. */
export interface NotificationTarget {
  /** The contract whose builder and signer handle it, e.g. `billink` or `buckaroo`. */
  contract: string;
  /** Billink's `order` or `session` webhook; Buckaroo's `push`; BillBlend's `callback`. */
  kind: string;
  url: string;
  /** Whether requests are signed (Billink's webhook v3; Buckaroo always). */
  signed: boolean;
  /**
   * Facts of the contract's own that the store read with the target, for its builder only: for a
   * Buckaroo push, the transaction it reports; for a BillBlend callback, the sale and its endpoint.
   * Undefined for Billink's webhooks.
   */
  details: unknown;
}

/** The invoice an invoice event is about, as far as notification bodies need it. */
export interface InvoiceFacts {
  invoiceNumber: string;
  merchantNumber: string;
  workflowNumber: number;
  customInvoiceId: string | undefined;
}

export interface BuiltNotification {
  /** The event name shown in the delivery log. */
  event: string;
  /** Frozen when the delivery is created: every attempt sends these bytes. */
  body: string;
  /**
   * Where it goes, when that is not the target's URL as configured: BillBlend's callback is a GET
   * whose parameters ride in the query string (spec billblend.md §7.1).
   */
  url?: string;
}

export interface NotificationBuilder {
  /** The body for this event and target, or undefined when the contract sends nothing for it. */
  build(event: DomainEvent, target: NotificationTarget, invoice: InvoiceFacts | undefined): BuiltNotification | undefined;
}

export type NotificationBuilders = Readonly<Record<string, NotificationBuilder>>;

export interface NotificationDraft extends BuiltNotification {
  contract: string;
  kind: string;
  url: string;
  signed: boolean;
}

/** Kinds of subscription that hear of session changes only: Billink's session webhook and BillBlend's callback. */
const SESSION_KINDS = new Set(['session', 'callback']);

/** Which kinds of subscription an event reaches: session changes the session kinds, invoice events the rest. */
export function reaches(event: DomainEvent, target: NotificationTarget): boolean {
  return (event.type === 'session_status_changed') === SESSION_KINDS.has(target.kind);
}

/** Pure: the deliveries one event causes, one per target that it reaches and whose contract builds a body. */
export function fanOut(
  event: DomainEvent,
  targets: readonly NotificationTarget[],
  invoice: InvoiceFacts | undefined,
  builders: NotificationBuilders,
): NotificationDraft[] {
  const drafts: NotificationDraft[] = [];
  for (const target of targets) {
    if (!reaches(event, target)) continue;
    const built = builders[target.contract]?.build(event, target, invoice);
    if (built) drafts.push({ ...built, contract: target.contract, kind: target.kind, url: built.url ?? target.url, signed: target.signed });
  }
  return drafts;
}

/** What a signer is given for one attempt of one delivery. */
export interface SigningInput {
  merchantId: string;
  url: string;
  body: string;
  /** Stable across attempts and replays, so receivers can de-duplicate (house rule 4). */
  webhookId: string;
  /** The merchant's Billink webhook secret, when it has one. */
  billinkSecret: string | undefined;
  signed: boolean;
}

export interface NotificationSigner {
  /** How the contract's notifications are sent: POST with the body (the default), or GET with none (BillBlend's callback). */
  method?: 'GET' | 'POST';
  /** The request headers of one attempt, signed at `at` when the delivery is signed. */
  headers(input: SigningInput, at: Date): Promise<Record<string, string>>;
}

export type NotificationSigners = Readonly<Record<string, NotificationSigner>>;
