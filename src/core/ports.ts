/**
 * What the core needs from storage. The store implements these with SQL; the core only sees
 * the interfaces, so it stays free of I/O (dependency rule in docs/architecture.md).
 */
import type { EndpointCallback } from './psp/notification-urls.js';
import type { Dispute, NewDispute } from './disputes/dispute.js';
import type { LifeCycleMail, LifeCycleState, TimerKind, Transition } from './invoices/life-cycle/types.js';
import type { LifeCycleColumns } from './invoices/life-cycle/invoice-life-cycle.js';
import type { Merchant, Workflow } from './merchants/merchant.js';
import type { MerchantLookup } from './merchants/authenticate.js';
import type { CustomerKeys } from './orders/customer.js';
import type { Invoice } from './orders/invoice.js';
import type { Cents } from './shared/money.js';
import type { CreditCheck } from './credit/credit-check.js';
import type { DomainEvent } from './shared/events.js';
import type { CheckoutSession } from './sessions/checkout-session.js';
import type { SessionStatus } from './shared/events.js';
import type { IsoDate } from './shared/dates.js';
import type { MerchantProfile } from './merchants/create-merchant.js';
import type { WebshopSettings } from './merchants/webshop-settings.js';
import type { PspEndpoint, PspSale } from './sessions/psp-sale.js';
import type { PspCredentialPair } from './psp/psp-credentials.js';

export interface MerchantRepository {
  findByUsername(username: string, lookup?: MerchantLookup): Promise<Merchant | undefined>;
  findById(id: string): Promise<Merchant | undefined>;
  /** Drops whatever is remembered about a username, once a change to it has committed. */
  forget(username: string): void;
}

/** A merchant as a partner registers it (spec §2.15): the account, its settings and its details. */
export interface NewMerchantAccount {
  merchant: Merchant;
  settings: WebshopSettings;
  profile: MerchantProfile;
  createdAt: Date;
  /** A one-time link where the merchant sets its own password. */
  passwordLink: { token: string; expiresAt: Date } | undefined;
}

export interface MerchantAccountRepository {
  /** Serialises registrations until the transaction ends, so two cannot take one code or username. */
  lockRegistrations(): Promise<void>;
  usernameTaken(username: string): Promise<boolean>;
  codeTaken(code: string): Promise<boolean>;
  insert(account: NewMerchantAccount): Promise<void>;
  /** The merchant's stored webshop settings; undefined when none were ever stored. */
  settings(merchantId: string): Promise<WebshopSettings | undefined>;
  /** The merchant's checkout return URL domains; empty when it set none (return-url-domains.ts). */
  returnUrlDomains(merchantId: string): Promise<readonly string[]>;
  /** Replaces that list; an empty one lifts the restriction. */
  saveReturnUrlDomains(merchantId: string, domains: readonly string[], at: Date): Promise<void>;
  /** Locks one workflow's row until the transaction ends and reads it as it is then. */
  findWorkflowForUpdate(merchantId: string, number: number): Promise<Workflow | undefined>;
  /** Stores a workflow's name, columns and course (docs/collection.md "How a workflow is stored"). */
  saveWorkflow(merchantId: string, workflow: Workflow): Promise<void>;
  /** A change-password link as it is now, without a lock. */
  findPasswordLink(token: string): Promise<PasswordLink | undefined>;
  /** Locks a change-password link's row until the transaction ends. */
  findPasswordLinkForUpdate(token: string): Promise<PasswordLink | undefined>;
  /** Stores the password hash and marks the link used. */
  setPassword(link: PasswordLink, passwordHash: string, at: Date): Promise<void>;
  /** Replaces the merchant's client id (core/merchants/rotate-client-id.ts). */
  saveClientId(merchantId: string, clientId: string): Promise<void>;
}

export interface PasswordLink {
  token: string;
  merchantId: string;
  expiresAt: Date;
  usedAt: Date | undefined;
}

/** What the reconciliation list shows of an invoice (spec §2.11). */
export type InvoiceSummary = Pick<
  Invoice,
  | 'invoiceNumber' | 'merchantNumber' | 'workflowNumber' | 'orderDate' | 'dueDate' | 'currency' | 'total' | 'paid'
  | 'credited' | 'status' | 'step' | 'customInvoiceId' | 'createdAt' | 'workflowStartedAt'
> & {
  reminderNumber: number;
  /** Reminder fees and collection costs added, and the part of them paid. */
  costs: Cents;
  costsPaid: Cents;
  /** PAIDOUT as the life cycle keeps it; undefined for an invoice whose state was never stored. */
  paidOut: boolean | undefined;
  /** The merchant's payouts and claw-backs of this invoice, oldest first. */
  settlements: SettlementRecord[];
};

export interface SettlementRecord {
  kind: 'payout' | 'clawback';
  gross: Cents;
  fee: Cents;
  net: Cents;
  at: Date;
}

export interface InvoiceListFilter {
  /** First and last invoice date to include; undefined means no bound. */
  from: IsoDate | undefined;
  to: IsoDate | undefined;
}

export interface InvoiceListRepository {
  /** One page of the merchant's invoices in invoice-date order, and how many match in all. */
  page(
    merchantId: string,
    filter: InvoiceListFilter,
    offset: number,
    limit: number,
  ): Promise<{ invoices: InvoiceSummary[]; total: number }>;
}

export interface Exposure {
  /** What the customer still owes on open invoices. */
  open: Cents;
  /** Whether any of those invoices has reached the collection step. */
  inCollection: boolean;
}

export interface CheckRepository {
  insert(check: CreditCheck): Promise<void>;
  find(merchantId: string, uuid: string): Promise<CreditCheck | undefined>;
  /** Locks the check's row until the transaction ends, so one UUID feeds one order. */
  findForUpdate(merchantId: string, uuid: string): Promise<CreditCheck | undefined>;
}

export type InvoiceStatusFacts = Pick<
  Invoice,
  'id' | 'merchantNumber' | 'invoiceNumber' | 'workflowNumber' | 'status' | 'step' | 'workflowStartedAt'
> & {
  /** The reminder a `reminder` step is at (1-based). */
  reminderNumber: number;
  /** PAIDOUT as the life cycle keeps it; undefined for an invoice whose state was never stored. */
  paidOut: boolean | undefined;
  disputeOpen: boolean;
};

export type InvoiceChange = Pick<
  Invoice,
  'paid' | 'credited' | 'status' | 'step' | 'workflowStartedAt' | 'dueDate' | 'onHoldUntil'
>;

export interface InvoiceRepository {
  /**
   * Inserts the invoice; 'duplicate' when the merchant already has this order number. With
   * `usedCheck`, that credit check is marked used by the new invoice in the same statement.
   */
  insert(invoice: Omit<Invoice, 'id'>, usedCheck?: { uuid: string; at: Date }): Promise<{ id: string } | 'duplicate'>;
  /** Looks an invoice up by the merchant's number or by Billink's number. */
  find(merchantId: string, number: string): Promise<Invoice | undefined>;
  /** What a status answer needs of many invoices, without customer and lines (the hot read). */
  findStatusFacts(merchantId: string, numbers: readonly string[]): Promise<InvoiceStatusFacts[]>;
  /** Locks the invoice's row until the transaction ends (house rule 5). */
  findForUpdate(merchantId: string, number: string): Promise<Invoice | undefined>;
  /**
   * Locks every invoice of the merchant whose own or Billink number is among `numbers`, with one
   * statement and in id order, so batches that name the same invoices cannot deadlock.
   */
  findManyForUpdate(merchantId: string, numbers: readonly string[]): Promise<Invoice[]>;
  update(id: string, change: InvoiceChange): Promise<void>;
  /** Sets or clears the hold and the hold days counted against the invoice. */
  setHold(id: string, until: Date | undefined, holdDaysUsed: number): Promise<void>;
  numberTaken(merchantId: string, merchantNumber: string, invoiceNumber: string): Promise<boolean>;
  /** Serialises credit decisions per customer until the transaction ends. */
  lockCustomer(keys: CustomerKeys): Promise<void>;
  exposure(keys: CustomerKeys, sandbox: boolean): Promise<Exposure>;
}

export interface LedgerEntry {
  invoiceId: string;
  kind: 'payment' | 'credit' | 'reminder_fee' | 'collection_costs' | 'costs_adjustment';
  /** Positive, except a costs adjustment, which lowers the costs. */
  amount: Cents;
  description: string | undefined;
  at: Date;
  /** A payment's part that paid costs (art. 6:44 BW), and who received it. */
  toCosts?: Cents | undefined;
  channel?: 'merchant' | 'platform' | undefined;
}

export interface LedgerRepository {
  insert(entry: LedgerEntry): Promise<void>;
}

export interface MessageRepository {
  insert(message: { invoiceId: string; body: string; at: Date }): Promise<void>;
}

/**
 * Events are written in the same transaction as the change that causes them (house rule 4);
 * jobs deliver them afterwards.
 */
export interface EventRepository {
  append(event: DomainEvent): Promise<void>;
}

export interface SessionRepository {
  insert(session: CheckoutSession): Promise<void>;
  find(id: string): Promise<CheckoutSession | undefined>;
  /** Locks the session's row until the transaction ends, so a session is decided once. */
  findForUpdate(id: string): Promise<CheckoutSession | undefined>;
  /** The merchant's session for a Billink invoice number: the one that placed the order, else the newest. */
  findByInvoiceNumber(merchantId: string, invoiceNumber: string): Promise<CheckoutSession | undefined>;
  finish(id: string, change: { status: SessionStatus; finishedAt: Date; invoiceId: string | undefined }): Promise<void>;
  /**
   * Locks up to `limit` active sessions past their expiry on their merchant's clock (real time
   * `now` plus a sandbox merchant's test-clock offset), skipping rows another transaction holds.
   */
  lockOverdue(now: Date, limit: number): Promise<Array<{ session: CheckoutSession; clockOffsetMs: number }>>;
}

/** Sales that a payment service provider's contract started over checkout sessions (sessions/psp-sale.ts). */
export interface PspSaleRepository {
  findEndpoint(endpointId: string): Promise<PspEndpoint | undefined>;
  find(endpointId: string, reference: string): Promise<PspSale | undefined>;
  /** 'duplicate' when the endpoint already has a sale with this reference. */
  insert(sale: PspSale): Promise<'duplicate' | undefined>;
  /** Whether another transaction holds the session's row right now (an approval being decided). */
  sessionBusy(sessionId: string): Promise<boolean>;
  /** The merchant's BillBlend endpoints, by id. */
  endpointsOf(merchantId: string): Promise<PspEndpoint[]>;
  /** Replaces the control key of the merchant's endpoint; undefined when the merchant has no such endpoint. */
  replaceControlKey(merchantId: string, endpointId: string, controlKey: string): Promise<PspEndpoint | undefined>;
  /** The merchant's endpoints and their callback URLs, by endpoint id. */
  callbackUrlsOf(merchantId: string): Promise<EndpointCallback[]>;
  /** Sets or (null) removes an endpoint's callback URL; false when the merchant has no such endpoint. */
  setCallbackUrl(merchantId: string, endpointId: string, url: string | null): Promise<boolean>;
}

/**
 * An e-mail to the customer that a life-cycle step decided on (`LifeCycleMail`), queued in the
 * step's transaction (house rule 4); the customer mail job renders and sends it afterwards.
 */
export interface QueuedCustomerMail {
  merchantId: string;
  invoiceId: string;
  recipient: string;
  mail: LifeCycleMail;
  /** The merchant's business time of the step. */
  at: Date;
}

export interface CustomerMailRepository {
  enqueue(mail: QueuedCustomerMail): Promise<void>;
}

/** A merchant's PSP credential pair (Buckaroo's website key and secret key). */
export interface PspCredentialRepository {
  /**
   * Gives the merchant this pair, replacing the one it had (its push URL stays); refused when
   * another merchant holds the website key.
   */
  save(merchantId: string, pair: PspCredentialPair, at: Date): Promise<'website_key_taken' | undefined>;
  /** The configured push URL: null when none is set, undefined when the merchant has no pair. */
  pushUrl(merchantId: string): Promise<string | null | undefined>;
  /** Sets or (null) removes the push URL; false when the merchant has no pair. */
  setPushUrl(merchantId: string, url: string | null): Promise<boolean>;
}

/** A sandbox merchant's test-clock offset (migration 011), for the clock use cases. */
/** Disputes (migration 023, spec §2.16). */
export interface DisputeRepository {
  /** Inserts an open dispute; false when the invoice already has an open one (unique index). */
  insert(dispute: NewDispute): Promise<boolean>;
  /** The merchant's dispute by public id, locked for update. */
  findForUpdate(merchantId: string, id: string): Promise<Dispute | undefined>;
  find(merchantId: string, id: string): Promise<Dispute | undefined>;
  /** The open dispute of an invoice, if any. */
  findOpen(invoiceId: string): Promise<Dispute | undefined>;
  /** The merchant's disputes, newest first, at most `limit`. */
  list(merchantId: string, filter: { invoiceNumber?: string | undefined; status?: 'open' | 'resolved' | undefined }, limit: number): Promise<Dispute[]>;
  resolve(id: string, at: Date, resolution: string | undefined): Promise<void>;
}

export interface TestClockRepository {
  /** Locks the merchant's row (FOR UPDATE) and reads its offset: advances of one merchant queue here. */
  lockOffset(merchantId: string): Promise<number>;
  setOffset(merchantId: string, offsetMs: number): Promise<void>;
}
/** One transition of an invoice's life cycle, persisted in the transaction that locked its row. */
export interface PersistedTransition {
  merchantId: string;
  invoice: Pick<Invoice, 'id' | 'customer'>;
  transition: Pick<Transition, 'state' | 'timers' | 'events' | 'mails' | 'ledger' | 'settlements'>;
  columns: LifeCycleColumns;
  /** The merchant's business time of the transition (its e-mails are stamped with it). */
  at: Date;
  /** The ledger description the merchant gave a payment or credit, if any. */
  description?: string | undefined;
}

/** A timer row that fell due, claimed (locked) by the transaction that will apply it. */
export interface DueTimer {
  invoiceId: string;
  merchantId: string;
  kind: TimerKind;
  dueAt: Date;
}

export interface LifeCycleRepository {
  /**
   * Writes a transition: the invoice row and its state, the timers it cancels and schedules, its
   * ledger and settlement rows, its events (with their webhooks) and its customer e-mails.
   */
  persist(record: PersistedTransition): Promise<void>;
  /**
   * Writes several transitions, in their order, as `persist` one after the other would: the timer
   * runner's batch. Several transitions of one invoice are allowed; the later one wins its row.
   */
  persistAll(records: readonly PersistedTransition[]): Promise<void>;
  /**
   * Locks up to `limit` of the merchant's timer rows due at or before `until`, earliest first,
   * skipping rows another transaction holds (FOR UPDATE SKIP LOCKED).
   */
  claimDue(options: { merchantId: string; until: Date; limit: number }): Promise<DueTimer[]>;
  /**
   * Merchants with a timer due at their own time (real time plus a sandbox merchant's offset) or
   * a started invoice whose state was never stored; at most `limit`, without locking anything.
   */
  merchantsWithDueWork(realNow: Date, limit: number): Promise<string[]>;
  /** Deletes a claimed timer row that applies nothing (stale: moved, cancelled, or already applied). */
  drop(timer: DueTimer): Promise<void>;
  /** Locks the invoices by id, in id order. */
  lockInvoices(ids: readonly string[]): Promise<Invoice[]>;
  /**
   * Locks up to `limit` started, open invoices whose state was never stored (from before the life
   * cycle), so their derived state and timers can be written once.
   */
  claimUnadopted(options: { merchantId?: string; limit: number }): Promise<Invoice[]>;
}

export type { LifeCycleState };

/** Repositories bound to one transaction. */
export interface Repositories {
  checks: CheckRepository;
  invoices: InvoiceRepository;
  ledger: LedgerRepository;
  messages: MessageRepository;
  events: EventRepository;
  sessions: SessionRepository;
  merchantAccounts: MerchantAccountRepository;
  invoiceLists: InvoiceListRepository;
  pspSales: PspSaleRepository;
  customerMails: CustomerMailRepository;
  pspCredentials: PspCredentialRepository;
  testClocks: TestClockRepository;
  lifeCycles: LifeCycleRepository;
  disputes: DisputeRepository;
}

export interface Store {
  merchants: MerchantRepository;
  /** Repositories outside any transaction, for reads that decide nothing about money. */
  read: Repositories;
  /** Runs one use case in one transaction (house rule 4). */
  transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;
}
