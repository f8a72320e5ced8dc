/**
 * What the dashboard's use cases need from storage (docs/dashboard.md). Kept beside them, as the
 * webhook ports are, because no other use case touches dashboard sessions or the invoice search.
 */
import type { Cents, Currency } from '../shared/money.js';
import type { IsoDate } from '../shared/dates.js';
import type { WorkflowStep } from '../workflows/steps.js';
import type { InvoiceFlag } from './invoice-filters.js';
import type { LedgerKind, LifeCycleMail, MailKind, TimerKind } from '../invoices/life-cycle/types.js';
import type { Merchant } from '../merchants/merchant.js';
import type { Invoice } from '../orders/invoice.js';

/** A signed-in browser: a merchant, or the server's operator looking at one merchant (or none yet). */
export interface DashboardSession {
  /** SHA-256 of the cookie's token, hex; the token itself is never stored. */
  tokenHash: string;
  merchantId: string | undefined;
  /** The operator's username when an operator signed in. */
  operator: string | undefined;
  /** Every form of the session carries it back (docs/dashboard.md "CSRF"). */
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface DashboardSessionRepository {
  insert(session: DashboardSession): Promise<void>;
  /** The session unless it expired by `now`. */
  find(tokenHash: string, now: Date): Promise<DashboardSession | undefined>;
  /** The operator's choice of merchant. */
  switchMerchant(tokenHash: string, merchantId: string): Promise<void>;
  delete(tokenHash: string): Promise<void>;
  /** Removes sessions that expired before `now`; answers how many. */
  prune(now: Date): Promise<number>;
}

/** Where a merchant's password is checked: the stored hash, undefined when none was ever set. */
export interface PasswordDirectory {
  passwordHash(username: string): Promise<{ merchantId: string; hash: string } | undefined>;
}

/** The merchants an operator may switch between. */
export interface MerchantListing {
  list(limit: number): Promise<{ id: string; username: string; name: string; mode: 'sandbox' | 'live' }[]>;
}

/** One row of the invoice list. */
export interface InvoiceRow {
  id: string;
  invoiceNumber: string;
  merchantNumber: string;
  customerName: string;
  customerEmail: string;
  orderDate: IsoDate;
  currency: Currency;
  total: Cents;
  paid: Cents;
  credited: Cents;
  status: 'open' | 'paid' | 'credited';
  step: WorkflowStep;
  onHoldUntil: Date | undefined;
}

export interface InvoiceSearch {
  /** Matches invoice and order number prefixes, the whole e-mail address, last-name prefixes. */
  text: string | undefined;
  step: WorkflowStep | undefined;
  flags: readonly InvoiceFlag[];
  /** Keyset paging on the invoice id, newest first: rows after (older than) or before (newer than) it. */
  after: string | undefined;
  before: string | undefined;
  limit: number;
  /** The merchant's time, for "on hold" (a hold that ended is no hold). */
  now: Date;
}

/** One page, newest first, and whether older and newer rows exist beyond it. */
export interface InvoiceRowPage {
  rows: InvoiceRow[];
  older: boolean;
  newer: boolean;
}

export interface InvoiceSearchRepository {
  search(merchantId: string, query: InvoiceSearch): Promise<InvoiceRowPage>;
}

/** One webhook delivery an event caused, with every attempt's answer. */
export interface TimelineDelivery {
  id: string;
  eventId: string;
  event: string;
  url: string;
  state: string;
  createdAt: Date;
  replayOf: string | undefined;
  attempts: { number: number; startedAt: Date; httpStatus: number | undefined; error: string | undefined }[];
}

/** A customer e-mail the life cycle queued, and how far its sending got. */
export interface TimelineMail {
  id: string;
  mail: MailKind;
  reminderNumber: number | undefined;
  /** Known once it was handed over: the subject it went with. */
  subject: string | undefined;
  recipient: string;
  state: 'pending' | 'sent' | 'failed';
  channel: 'smtp' | 'outbox' | undefined;
  attempts: number;
  lastError: string | undefined;
  /** The merchant's business time of the step that queued it. */
  createdAt: Date;
  sentAt: Date | undefined;
}

/** What the timeline shows besides the invoice itself, read as stored. */
export interface TimelineFacts {
  ledger: { kind: LedgerKind; amount: Cents; toCosts: Cents; channel: 'merchant' | 'platform' | undefined; description: string | undefined; at: Date }[];
  messages: { body: string; at: Date }[];
  /** `step` is the step name a life-cycle event was written with. */
  events: { id: string; type: string; step: string | undefined; at: Date }[];
  deliveries: TimelineDelivery[];
  mails: TimelineMail[];
  disputes: { id: string; category: number; message: string; openedAt: Date; resolvedAt: Date | undefined; resolution: string | undefined }[];
  settlements: { kind: 'payout' | 'clawback'; gross: Cents; fee: Cents; net: Cents; at: Date }[];
  timers: { kind: TimerKind; dueAt: Date }[];
}

/** A stored customer e-mail with what it was queued with, to show it again. */
export interface StoredCustomerMail {
  id: string;
  recipient: string;
  mail: LifeCycleMail;
  state: TimelineMail['state'];
  subject: string | undefined;
  /** The text as handed over; undefined before it was. */
  body: string | undefined;
  createdAt: Date;
  sentAt: Date | undefined;
}

/** Every read names the merchant, so one merchant never reads another's invoice or e-mail. */
export interface TimelineRepository {
  facts(merchantId: string, invoiceId: string): Promise<TimelineFacts>;
  mail(merchantId: string, invoiceId: string, mailId: string): Promise<StoredCustomerMail | undefined>;
}

/** Renders a stored e-mail as the customer mail job renders it: subject, text and the PDF it carries. */
export interface CustomerMailRenderer {
  render(merchant: Merchant, invoice: Invoice, mail: StoredCustomerMail, withPdf: boolean): Promise<{ subject: string; text: string; pdf: Uint8Array | undefined }>;
}

/** One settlement of the reconciliation page: a payout or a claw-back, with its invoice. */
export interface PayoutRow {
  invoiceNumber: string;
  merchantNumber: string;
  workflowNumber: number;
  currency: Currency;
  kind: 'payout' | 'clawback';
  gross: Cents;
  fee: Cents;
  net: Cents;
  at: Date;
  /** The fee terms the invoice's life cycle copied at its start; undefined when it kept none. */
  startedTerms: { feeBasisPoints: number; feeFixed: Cents } | undefined;
  /** The invoice's PDF (the same file as the v2 invoice download). */
  fileToken: string;
}

/** Sums of a period, per currency: a merchant may invoice in more than one. */
export interface PayoutTotals {
  currency: Currency;
  count: number;
  gross: Cents;
  fee: Cents;
  net: Cents;
}

export interface PayoutRepository {
  /** Settlements at or after `from` and before `until`, oldest first, and the sums of all of them. */
  period(merchantId: string, from: Date, until: Date, offset: number, limit: number): Promise<{ rows: PayoutRow[]; totals: PayoutTotals[] }>;
}
