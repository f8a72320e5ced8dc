/**
 * Types of @achteraf/billink. Field names are the wire's own; test/sdk checks the v2 ones against
 * the server's OpenAPI document and the legacy XML against golden requests.
 */

/** Money in: a decimal string with at most two decimals ("10.50", "-5") or integer cents. Never a float. */
export type Amount = string | { cents: number };
/** A numeric wire value that may be sent as text or as an integer. */
export type Int = number | string;

export interface RetryOptions {
  /** Retries after the first attempt (default 2). */
  maxRetries?: number;
  /** Backoff ceiling of the first retry; doubles each time (default 500). */
  baseDelayMs?: number;
  /** Largest wait between attempts (default 8000). */
  maxDelayMs?: number;
}

export interface BillinkOptions {
  /** https://api.billink.nl, https://api-staging.billink.nl, or an Achteraf server. */
  baseUrl: string;
  username?: string;
  /** The 40-hex client id ("uid", CLIENTID, billinkID). */
  clientId?: string;
  /** Host of the legacy XML API when it is not baseUrl (e.g. https://client.billink.nl). */
  legacyBaseUrl?: string;
  /** '/v1/client' (default) or '/api'. */
  legacyPath?: '/v1/client' | '/api';
  /** Time limit of one attempt (default 30000). */
  timeoutMs?: number;
  retry?: RetryOptions;
  /**
   * Retry v2 writes too, each call carrying a generated Idempotency-Key. Only for servers that
   * honour the key (Achteraf); Billink does not document it.
   */
  retryWrites?: boolean;
  fetch?: typeof globalThis.fetch;
}

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Sent as Idempotency-Key on v2 writes; makes the write safe to retry. Ignored on reads and on the XML API. */
  idempotencyKey?: string;
}

export interface Customer {
  type: 'P' | 'B';
  workflowNumber: Int;
  companyName?: string;
  chamberOfCommerce?: string;
  vatNumber?: string;
  firstName?: string;
  initials?: string;
  lastName: string;
  sex?: 'M' | 'V' | 'F' | 'O';
  street?: string;
  houseNumber: Int;
  houseExtension?: string;
  postalCode: string;
  city?: string;
  countryCode?: string;
  phoneNumber?: string;
  birthDate?: string;
  email: string;
  email2?: string;
  ip?: string;
  deliveryStreet?: string;
  deliveryHouseNumber?: Int;
  deliveryHouseExtension?: string;
  deliveryPostalCode?: string;
  deliveryCity?: string;
  deliveryCountryCode?: string;
  deliveryAddressCompanyName?: string;
  deliveryAddressFirstName?: string;
  deliveryAddressLastName?: string;
}

export interface CheckInput extends Customer {
  orderAmount: Amount;
  /** Sandbox trigger: 1 approves, 2 declines; ignored for live merchants. */
  backdoor?: Int | boolean;
  payTrustScore?: Int;
}

export interface CheckResult {
  /** false for a decline (501 Advies=0): a result, not an error. */
  approved: boolean;
  code: string;
  description: string;
  /** Present when approved; pass it to order() as checkUuid. */
  uuid?: string;
}

export interface OrderItem {
  code?: string;
  description: string;
  quantity?: Int;
  /** Unit price including VAT (may be negative for a discount). */
  priceIncl?: Amount;
  priceExcl?: Amount;
  /** VAT percentage, e.g. 21 or "21". */
  vatRate: Int;
}

export interface OrderInput extends Customer {
  orderNumber: string;
  /** dd-mm-yyyy or yyyy-mm-dd. */
  date: string;
  checkUuid: string;
  currency?: 'EUR' | 'USD' | 'GBP';
  additionalText?: string;
  trackAndTrace?: string;
  bankAccountNumber?: string;
  bankAccountHolder?: string;
  mandateId?: string;
  mandateType?: string;
  /** Check everything, write nothing. */
  validateOrder?: boolean;
  items: OrderItem[];
}

export interface OrderResult {
  code: string;
  description: string;
  /** Billink's invoice number, e.g. 1TSTORDER-1; absent after validateOrder. */
  invoiceNumber?: string;
}

export type InvoiceRef = string | { invoiceNumber: string; workflowNumber?: Int };

export interface ItemResult {
  invoiceNumber: string;
  /** The item's wire code: 500 started, 200 applied, -1 unknown, 70x refused (docs/legacy-api.md). */
  code: number;
  message: string;
  ok: boolean;
}

export interface ItemResults {
  code: string;
  items: ItemResult[];
}

export interface StartWorkflowInput {
  workflowNumber?: Int;
  invoices: InvoiceRef[];
}

export interface PaymentInput {
  workflowNumber?: Int;
  invoices: { invoiceNumber: string; amount: Amount; description?: string; workflowNumber?: Int }[];
}

export interface CreditInput {
  workflowNumber?: Int;
  invoices: { invoiceNumber: string; amount: Amount; description?: string; workflowNumber?: Int }[];
}

export interface InvoiceStatus {
  invoiceNumber: string;
  /** -1 not found, 0 open, 1 paid or credited. */
  status: number;
  description?: string;
  paidOut?: boolean;
  /** Achteraf's extension (v2 order info only): the open dispute that pauses the collection. */
  dispute?: OpenDisputeSummary;
}

export interface OpenDisputeSummary {
  id: string;
  category: number;
  /** In the dispute's locale. */
  categoryName: string;
  /** When it was opened, ISO 8601. */
  createdAt: string;
  message: string;
}

/** Achteraf's dispute categories (docs/v2-api.md "Dispute categories"). */
export type DisputeCategory = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 99;

export interface OpenDisputeInput {
  /** The merchant's invoice (order) number. */
  invoice: string;
  category: DisputeCategory;
  customerEmail: string;
  customerName: string;
  /** nl or en; nl when absent. */
  locale?: 'nl' | 'en';
  message: string;
  /** png, pdf, jpg, jpeg, doc, docx or heic; needed with `file`. */
  fileName?: string;
  /** The attachment: bytes (sent as base64) or base64 text; at most 5 MiB decoded. */
  file?: Uint8Array | string;
}

/** The dispute object of spec §2.16. */
export interface Dispute {
  id: string;
  invoice: string;
  status: 'open' | 'resolved';
  resolved: boolean;
  steps: { step: 'open' | 'resolved'; date: string; note?: string }[];
  category: number;
  categoryName: string;
  customerEmail: string;
  customerName: string;
  locale: 'nl' | 'en';
  message: string;
  fileName: string | null;
  /** Decoded bytes. */
  fileSize: number | null;
  createdAt: string;
  resolvedAt: string | null;
  resolution: string | null;
}

export declare class DisputesApi {
  /** Opens a dispute; the invoice's collection pauses until it is resolved. */
  open(input: OpenDisputeInput, call?: CallOptions): Promise<Dispute>;
  /** Newest first, at most 200. */
  list(filter?: { invoice?: string; status?: 'open' | 'resolved' }, call?: CallOptions): Promise<Dispute[]>;
  get(id: string, call?: CallOptions): Promise<Dispute>;
  /** Achteraf's extension: the collection runs again, moved by the days disputed. */
  resolve(input: { id: string; resolution?: string }, call?: CallOptions): Promise<Dispute>;
}

export declare class BuckarooApi {
  /** A new pair for the Buckaroo-compatible gateway; the old one stops working at once. */
  rotateCredentials(call?: CallOptions): Promise<{ websiteKey: string; secretKey: string }>;
  /** Where pushes go when a transaction names no PushURL; null when none is set. */
  pushUrl(call?: CallOptions): Promise<string | null>;
  /** Sets the push URL (a public http(s) URL), or removes it with null. */
  setPushUrl(url: string | null, call?: CallOptions): Promise<string | null>;
}

export declare class BillBlendApi {
  /** A new control key for one of the merchant's DAPI endpoints; the old one stops working at once. */
  rotateControlKey(input: { endpointId: string }, call?: CallOptions): Promise<{ endpointId: string; workflowNumber: number; controlKey: string }>;
  /** Each of the merchant's endpoints with its final-status callback URL (null when none is set). */
  callbackUrls(call?: CallOptions): Promise<{ endpointId: string; workflowNumber: number; callbackUrl: string | null }[]>;
  /** Sets one endpoint's callback URL (a public http(s) URL), or removes it with null. */
  setCallbackUrl(input: { endpointId: string; url: string | null }, call?: CallOptions): Promise<{ endpointId: string; callbackUrl: string | null }>;
}

export interface Described {
  code: string;
  description: string;
}

export interface OnHoldInput {
  invoiceNumber: string;
  workflowNumber?: Int;
  days?: Int;
}

export interface InvoiceInput {
  invoiceNumber: string;
  workflowNumber?: Int;
}

export interface MessageInput extends InvoiceInput {
  message: string;
}

export declare class LegacyApi {
  check(input: CheckInput, call?: CallOptions): Promise<CheckResult>;
  order(input: OrderInput, call?: CallOptions): Promise<OrderResult>;
  startWorkflow(input: StartWorkflowInput, call?: CallOptions): Promise<ItemResults>;
  status(input: { invoices: InvoiceRef[] }, call?: CallOptions): Promise<{ code: string; invoices: InvoiceStatus[] }>;
  payment(input: PaymentInput, call?: CallOptions): Promise<ItemResults>;
  credit(input: CreditInput, call?: CallOptions): Promise<ItemResults>;
  onHold(input: OnHoldInput, call?: CallOptions): Promise<Described>;
  resume(input: InvoiceInput, call?: CallOptions): Promise<Described>;
  message(input: MessageInput, call?: CallOptions): Promise<Described>;
  file(input: InvoiceInput, call?: CallOptions): Promise<Described & { url: string }>;
  /** The XML a check or order would send. */
  buildRequest(service: 'check', input: CheckInput): string;
  buildRequest(service: 'order', input: OrderInput): string;
}

export interface WebshopSettings {
  minimum_paid_orders: number;
  period: number;
  total_amount_higher_than: string;
  whitelist: string[];
}

export interface SandboxClockState {
  /** The merchant's business time. */
  now: Date;
  realNow: Date;
  /** How far the merchant's time is ahead of real time; 0 is real time. */
  offsetMs: number;
  mode: 'sandbox';
}

export interface SandboxClockAdvance extends SandboxClockState {
  /** The merchant's time just before the move. */
  from: Date;
  /** Workflow steps applied, by the step name status DESCRIPTION shows after each. */
  steps: Record<string, number>;
  stepsApplied: number;
  /** Customer e-mails handed to SMTP (or the outbox). */
  emails: number;
  /** Webhook deliveries that had their first attempt. */
  webhooks: number;
}

/** Whole days or hours (above 0), or an instant (`to`; ISO 8601 text without a zone is Amsterdam time). */
export type SandboxClockMove = { days: Int } | { hours: Int } | { to: Date | string };

/** Achteraf's sandbox test clock (docs/collection.md "Test clocks"); live merchants are refused (code 401). */
export declare class SandboxClockApi {
  clock(call?: CallOptions): Promise<SandboxClockState>;
  /** Never retried and sent without an idempotency key: an advance sent twice moves twice. */
  advance(move: SandboxClockMove, call?: CallOptions): Promise<SandboxClockAdvance>;
  reset(call?: CallOptions): Promise<SandboxClockState & { from: Date }>;
}

export declare class OrderManagementApi {
  readonly sandbox: SandboxClockApi;
  check(input: CheckInput, call?: CallOptions): Promise<CheckResult>;
  order(input: OrderInput, call?: CallOptions): Promise<OrderResult>;
  startWorkflow(input: StartWorkflowInput, call?: CallOptions): Promise<ItemResults>;
  payment(input: PaymentInput, call?: CallOptions): Promise<ItemResults>;
  /** A workflowNumber, at the top or per invoice, must match each invoice's workflow. */
  credit(input: CreditInput, call?: CallOptions): Promise<ItemResults>;
  onHold(input: OnHoldInput, call?: CallOptions): Promise<Described>;
  resume(input: InvoiceInput, call?: CallOptions): Promise<Described>;
  orderInfo(input: { invoices: InvoiceRef[] }, call?: CallOptions): Promise<{ code: string; invoices: InvoiceStatus[] }>;
  /** Achteraf's own read: the invoice's whole timeline (docs/v2-api.md "Invoice timeline"). Unknown invoices throw (code 402). */
  invoiceTimeline(input: InvoiceInput, call?: CallOptions): Promise<InvoiceTimeline>;
  message(input: MessageInput, call?: CallOptions): Promise<Described>;
  webshopSettings(call?: CallOptions): Promise<WebshopSettings>;
}

/** ISO 8601 text in UTC, as the wire sends it. */
export type IsoDateTime = string;

export interface TimelineWebhookAttempt {
  number: number;
  startedAt: IsoDateTime;
  httpStatus: number | null;
  error: string | null;
}

export interface TimelineWebhook {
  id: string;
  event: string;
  url: string;
  state: 'pending' | 'delivered' | 'failed';
  createdAt: IsoDateTime;
  replayOf: string | null;
  attempts: TimelineWebhookAttempt[];
}

/** An outbox event written with a fact, with the webhook deliveries it caused. */
export interface TimelineEvent {
  type: string;
  webhooks: TimelineWebhook[];
}

interface Fact<K extends string> {
  kind: K;
  at: IsoDateTime;
  events: TimelineEvent[];
}

/** One fact of the timeline; the fields besides kind and at depend on the kind. Money as decimal text and cents. */
export type TimelineEntry =
  | Fact<'order_placed'>
  | Fact<'workflow_started'>
  | Fact<'resumed'>
  | (Fact<'step'> & { step: string; restarted: boolean })
  | (Fact<'on_hold'> & { until: IsoDateTime | null })
  | (Fact<'costs'> & { costs: 'reminder_fee' | 'collection_costs' | 'costs_adjustment'; amount: string; amountCents: number })
  | (Fact<'payment'> & { amount: string; amountCents: number; toCosts: string; toCostsCents: number; channel: 'merchant' | 'platform' | null; description: string | null })
  | (Fact<'credit'> & { amount: string; amountCents: number; description: string | null })
  | (Fact<'dispute_opened'> & { disputeId: string; category: number; message: string })
  | (Fact<'dispute_resolved'> & { disputeId: string; resolution: string | null })
  | (Fact<'settlement'> & {
      settlement: 'payout' | 'clawback';
      gross: string;
      grossCents: number;
      fee: string;
      feeCents: number;
      net: string;
      netCents: number;
    })
  | {
      kind: 'mail';
      at: IsoDateTime;
      id: string;
      mail: 'invoice' | 'reminder' | 'final_notice' | 'collection' | 'receipt';
      reminderNumber: number | null;
      subject: string | null;
      recipient: string;
      state: 'pending' | 'sent' | 'failed';
      channel: 'smtp' | 'outbox' | null;
      attempts: number;
      lastError: string | null;
      sentAt: IsoDateTime | null;
    }
  | { kind: 'message'; at: IsoDateTime; body: string }
  /** An outbox event no other entry accounts for. */
  | { kind: 'event'; at: IsoDateTime; type: string; webhooks: TimelineWebhook[] };

export interface InvoiceTimeline {
  invoice: {
    invoiceNumber: string;
    orderNumber: string;
    workflowNumber: number;
    orderDate: string;
    dueDate: string | null;
    currency: string;
    status: 'open' | 'paid' | 'credited';
    step: 'not_started' | 'wait_for_payment' | 'reminder' | 'final_notice' | 'collection' | 'paid' | 'credited';
    total: string;
    totalCents: number;
    paid: string;
    paidCents: number;
    credited: string;
    creditedCents: number;
    open: string;
    openCents: number;
    costsOpen: string;
    costsOpenCents: number;
    /** Principal open plus costs open: what pays the invoice in full. */
    totalOpen: string;
    totalOpenCents: number;
    onHoldUntil: IsoDateTime | null;
  };
  /** The merchant's time when read (its test clock in the sandbox). */
  now: IsoDateTime;
  /** Oldest first. */
  entries: TimelineEntry[];
  /** The timers, soonest first: what happens next, and when. */
  upcoming: { timer: 'send_invoice' | 'reminder' | 'final_notice' | 'collection' | 'payout' | 'hold_end'; at: IsoDateTime; reminderNumber: number | null }[];
  /** A hold or an open dispute that stops the timers. */
  paused: { since: IsoDateTime; holdUntil: IsoDateTime | null; dispute: boolean } | null;
}

/** One row of the reconciliation list: every amount as decimal text and as integer cents. */
export interface ReconciliationInvoice {
  invoice_number: string;
  invoice_number_clean: string;
  custom_invoice_id: string | null;
  workflow_number: number;
  invoice_date: string;
  due_date: string | null;
  currency: string;
  status: 'open' | 'paid' | 'credited';
  workflow_step: string;
  total_amount: string;
  paid_amount: string;
  credited_amount: string;
  open_amount: string;
  total_amount_cents: number;
  paid_amount_cents: number;
  credited_amount_cents: number;
  open_amount_cents: number;
}

export interface InvoicePage {
  invoices: ReconciliationInvoice[];
  master_client?: { username: string; name: string; code: string };
  page: number;
  total_invoices: string;
  total_pages: number;
}

export interface InvoiceQuery {
  page?: number;
  /** yyyy-mm-dd or dd-mm-yyyy, inclusive. */
  dateFrom?: string;
  dateTo?: string;
}

export declare class ReconciliationApi {
  invoices(query?: InvoiceQuery, call?: CallOptions): Promise<InvoicePage>;
  allInvoices(query?: Omit<InvoiceQuery, 'page'>, call?: CallOptions): AsyncGenerator<ReconciliationInvoice>;
  downloadInvoice(input: InvoiceInput, call?: CallOptions): Promise<Buffer>;
}

export interface SessionAddress {
  street?: string;
  houseNumber?: string;
  houseExtension?: string;
  postalCode?: string;
  city?: string;
  countryCode?: string;
}

export interface CreateSessionInput {
  workflowNumber: Int;
  returnURL: { successURL: string; failURL: string; cancelURL?: string; backURL?: string };
  options?: { logoURL?: string };
  customer: {
    type: 'p' | 'b' | 'P' | 'B'; firstName?: string; lastName?: string; initials?: string; email?: string; mobile?: string;
    gender?: string; birthdate?: string; company?: string; companyNumber?: string; payTrustScore?: Int;
  };
  billingAddress: SessionAddress;
  shippingAddress?: SessionAddress;
  transaction: {
    totalAmount: Amount;
    totalTaxAmount?: Amount;
    purchaseCountry?: string;
    purchaseCurrency?: string;
    orderNumber: string;
    customInvoiceID?: string;
    orderItems: {
      code?: string; name?: string; description?: string; quantity: Int; productAmount: Amount; totalProductAmount?: Amount;
      productTaxAmount?: Amount; taxRate: Int;
    }[];
  };
}

export interface Session {
  sessionID: string;
  sessionURL: string;
  invoice: string;
  expiresAt: string;
  customerID: string;
  customInvoiceID: string | null;
}

export type SessionStatus = 'session_active' | 'order_created' | 'cancelled' | 'failed' | 'session_expired';

export declare class SessionsApi {
  create(input: CreateSessionInput, call?: CallOptions): Promise<Session>;
  status(input: { sessionID?: string; billinkInvoiceNumber?: string }, call?: CallOptions): Promise<SessionStatus>;
  /** Achteraf's extension: the domains return URLs may point at; [] lifts the restriction. */
  setReturnDomains(domains: string[], call?: CallOptions): Promise<string[]>;
}

export interface DeliveryAttempt {
  number: number;
  at: string;
  httpStatus: number | null;
  latencyMs: number;
  responseBody: string | null;
  error: string | null;
}

export interface Delivery {
  deliveryId: string;
  webhookId: string;
  kind: 'order' | 'session';
  event: string;
  url: string;
  signed: boolean;
  state: 'pending' | 'delivered' | 'failed';
  createdAt: string;
  nextAttemptAt: string | null;
  finishedAt: string | null;
  replayOf: string | null;
  body: string;
  attempts: DeliveryAttempt[];
}

export interface DeliveryPage {
  page: number;
  pageSize: number;
  totalPages: number;
  totalDeliveries: number;
  deliveries: Delivery[];
}

export type OrderEventName =
  | 'order_placed' | 'order_workflow_started' | 'partial_payment_added' | 'order_paid' | 'customer_fully_paid'
  | 'partial_credit_added' | 'order_fully_accredited' | 'order_on_hold';

/** Achteraf's life-cycle events beside Billink's (docs/webhooks.md "Life-cycle events"). */
export type ExtensionEventName =
  | 'order_resumed' | 'invoice_sent' | 'workflow_step_changed' | 'workflow_step_restarted' | 'collection_costs_added'
  | 'dispute_opened' | 'dispute_resolved' | 'order_paid_out';

export interface OrderWebhookPayload {
  order_id: number;
  invoice_number: string;
  invoice_number_clean: string;
  workflow_id: number;
  event: OrderEventName | ExtensionEventName;
  /** Y-m-d H:i:s, Amsterdam local time. */
  timestamp: string;
  custom_invoice_id?: string;
  /** Extension events: the step status DESCRIPTION shows after the event. */
  workflow_step?: string;
  /** Extension events about money: the amount as decimal text. */
  amount?: string;
}

export interface SessionWebhookPayload {
  status: SessionStatus;
  invoiceNumber: string;
  transactionId: string;
  billinkInvoiceNumber: string;
}

export type WebhookEvent =
  | { kind: 'order'; webhookId: string | undefined; payload: OrderWebhookPayload }
  | { kind: 'session'; webhookId: string | undefined; payload: SessionWebhookPayload };

/** What the live stream yields. */
export type StreamMessage =
  | { type: 'ready'; id?: string; merchant: { username: string; code: string; sandbox: boolean }; signed: boolean; lastEventId: string }
  | {
      type: 'webhook'; id?: string; eventId: string; kind: 'order' | 'session'; event: string; webhookId: string; body: string;
      /** Unix seconds and signature with the merchant's v3 secret; null when it has none. */
      timestamp: string | null; signature: string | null;
    };

export declare class WebhooksApi {
  generateSecret(call?: CallOptions): Promise<string>;
  setOrderWebhook(input: { url: string; signed?: boolean }, call?: CallOptions): Promise<void>;
  setSessionWebhook(input: { url: string }, call?: CallOptions): Promise<void>;
  disableOrderWebhook(call?: CallOptions): Promise<void>;
  disableSessionWebhook(call?: CallOptions): Promise<void>;
  deliveries(query?: { page?: number; pageSize?: number; state?: Delivery['state'] }, call?: CallOptions): Promise<DeliveryPage>;
  replay(deliveryId: string, call?: CallOptions): Promise<{ deliveryId: string; webhookId: string }>;
  /** Achteraf only: this merchant's webhooks as they happen (Server-Sent Events). */
  stream(options?: { since?: string; signal?: AbortSignal }): AsyncGenerator<StreamMessage>;
}

export interface MerchantCreateInput {
  partnerKey: string;
  billinkUsername: string;
  billinkID: Int;
  username: string;
  email: string;
  companyName: string;
  firstName: string;
  lastName: string;
  phone: string;
  contactEmail: string;
  contactPhone: string;
  street: string;
  houseNumber: string;
  houseExtension?: string;
  postCode: string;
  city: string;
  countryCode: string;
  cocNumber: string;
  vatNumber: string;
  bankAccountNumber: string;
  bic: string;
  tnv: string;
  clientPlatform?: string;
  method?: string;
  website?: string;
  logoBase64?: string;
  changePasswordLink?: boolean;
  sandbox?: boolean;
  /** The merchant's own workflows instead of the standard 1–3; settings left out take the defaults. */
  workflows?: WorkflowSettingsInput[];
}

export interface CreatedMerchant {
  code: string;
  description: string;
  username: string;
  uid: string;
  merchantCode: string;
  sandbox: boolean;
  changePasswordLink?: string;
  workflows: Workflow[];
}

/** A workflow with its full settings as the server answers it; amounts are decimal strings in euros. */
export interface Workflow {
  workflowNumber: number;
  name: string;
  guaranteed: boolean;
  maxAmount: string | null;
  customerTypes: ('P' | 'B')[];
  paymentTermDays: number;
  startDelayDays: number;
  reminders: { name: string; waitDays: number; fee: string }[];
  finalNoticeWaitDays: number;
  businessCompensation: string;
  payout: { guaranteedAfterDays: number; feeBasisPoints: number; feeFixed: string };
}

/** Settings to send; on a change, what is left out keeps its value (docs/v2-api.md "Workflows"). */
export interface WorkflowSettingsInput {
  workflowNumber: Int;
  name?: string;
  guaranteed?: boolean;
  /** null: no maximum. */
  maxAmount?: Amount | null;
  customerTypes?: ('P' | 'B')[];
  paymentTermDays?: number;
  startDelayDays?: number;
  /** The whole new list of reminders; a reminder without a fee is free. */
  reminders?: { waitDays: number; fee?: Amount }[];
  finalNoticeWaitDays?: number;
  businessCompensation?: Amount;
  payout?: { guaranteedAfterDays?: number; feeBasisPoints?: number; feeFixed?: Amount };
}

export declare class WorkflowsApi {
  list(call?: CallOptions): Promise<Workflow[]>;
  /** Started invoices keep their course; a broken value throws BillinkApiError 403 naming every one. */
  set(input: WorkflowSettingsInput, call?: CallOptions): Promise<Workflow>;
}

/** One API request of the merchant, as the request log keeps it. */
export interface LoggedRequest {
  id: string;
  at: string;
  method: string;
  /** The route pattern, e.g. /api/check. */
  path: string;
  status: number;
  /** The answer's wire code, "-" when it has none. */
  code: string;
  durationMs: number;
  requestId: string;
}

export declare class RequestsApi {
  list(query?: { after?: string; limit?: number }, call?: CallOptions): Promise<LoggedRequest[]>;
}

export declare function workflowSettingsBody(input: Omit<WorkflowSettingsInput, 'workflowNumber'> & { workflowNumber?: Int }): Record<string, unknown>;

export declare class PartnersApi {
  createMerchant(input: MerchantCreateInput, call?: CallOptions): Promise<CreatedMerchant>;
  setPassword(input: { token: string; password: string }, call?: CallOptions): Promise<string>;
}

export declare const BILLINK_LIVE_URL: 'https://api.billink.nl';
export declare const BILLINK_STAGING_URL: 'https://api-staging.billink.nl';

export declare class Billink {
  constructor(options: BillinkOptions);
  readonly baseUrl: string;
  /** The XML services: check, order, start workflow, status, payment, credit, on hold, resume, message, file. */
  readonly legacy: LegacyApi;
  /** The v2 JSON order management endpoints. */
  readonly v2: OrderManagementApi;
  readonly sessions: SessionsApi;
  readonly webhooks: WebhooksApi;
  readonly reconciliation: ReconciliationApi;
  readonly partners: PartnersApi;
  /** The merchant's workflows and their settings. */
  readonly workflows: WorkflowsApi;
  /** The merchant's own API requests of the last 24 hours (Achteraf only). */
  readonly requests: RequestsApi;
  /** Disputes on invoices (spec §2.16). */
  readonly disputes: DisputesApi;
  /** The Buckaroo-compatible gateway's key pair (Achteraf only). */
  readonly buckaroo: BuckarooApi;
  /** The BillBlend-compatible DAPI's control keys (Achteraf only). */
  readonly billblend: BillBlendApi;
}

export declare class BillinkError extends Error {}
export declare class BillinkApiError extends BillinkError {
  readonly endpoint: string;
  /** The endpoint's wire code ("402"); undefined for `{status:"error", message}` answers. */
  readonly code: string | undefined;
  readonly description: string;
  readonly httpStatus: number;
  readonly body: string;
}
export declare class BillinkProtocolError extends BillinkError {
  readonly endpoint: string;
  readonly httpStatus: number;
  readonly body: string;
}
export declare class BillinkConnectionError extends BillinkError {
  readonly endpoint: string;
}
export declare class BillinkTimeoutError extends BillinkError {
  readonly endpoint: string;
  readonly timeoutMs: number;
}
export declare class WebhookVerificationError extends BillinkError {
  readonly reason: string;
}

export declare function centsToDecimal(cents: number): string;
export declare function decimalToCents(text: string): number;
export declare function amountText(amount: Amount, field?: string): string;
export declare function backoffMs(attempt: number, retry?: Required<RetryOptions>): number;
export declare const DEFAULT_RETRY: Readonly<Required<RetryOptions>>;
export declare const DEFAULT_TIMEOUT_MS: number;
export declare const V2_PATHS: Readonly<Record<string, string>>;

export declare const DEFAULT_TOLERANCE_SECONDS: 300;
export declare const ORDER_EVENTS: readonly OrderEventName[];
export declare const EXTENSION_EVENTS: readonly ExtensionEventName[];
export declare const SESSION_STATUSES: readonly SessionStatus[];
export declare function signWebhook(secret: string, timestamp: string | number, rawBody: string): string;
export declare function verifyWebhook(input: {
  secret: string;
  rawBody: string | Uint8Array;
  headers: Headers | Record<string, string | string[] | undefined>;
  toleranceSeconds?: number;
  now?: Date;
}): WebhookEvent;
/** A Buckaroo push as Achteraf's gateway sends it: `{"Transaction": {...}}` in the status shape (docs/buckaroo.md). */
export interface BuckarooPush {
  transaction: Record<string, unknown> & { Key: string; Status: { Code: { Code: number; Description: string } } };
  websiteKey: string;
  /** X-Achteraf-Delivery-Id: the same on every attempt, to drop repeats. */
  deliveryId: string | undefined;
}
export declare const BUCKAROO_PUSH_TOLERANCE_SECONDS: 300;
export declare const BUCKAROO_DELIVERY_ID_HEADER: 'x-achteraf-delivery-id';
/** Checks a push's Authorization header against the raw body (or the parsed one) and the push URL; throws WebhookVerificationError. */
export declare function verifyBuckarooPush(input: {
  secretKey: string;
  websiteKey?: string;
  /** The push URL as configured, with scheme. */
  url: string;
  rawBody: string | Uint8Array | Record<string, unknown>;
  headers: Headers | Record<string, string | string[] | undefined>;
  toleranceSeconds?: number;
  now?: Date;
}): BuckarooPush;
/** The Authorization header the server would send for this push body. */
export declare function signBuckarooPush(input: { websiteKey: string; secretKey: string; url: string; body: string; timestamp: number | string; nonce: string }): string;
export declare function parseWebhook(rawBody: string | Uint8Array, webhookId?: string): WebhookEvent;
export declare function parseSseBlock(block: string): StreamMessage | undefined;
