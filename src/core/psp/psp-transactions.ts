/**
 * What a payment service provider's contract stores beside the invoice: its credentials, the
 * nonces it has seen and the transactions it answered with a key (docs/buckaroo.md). The core's
 * use cases do not read these; the contract folder does, and the store implements them.
 */
import type { Cents } from '../shared/money.js';

export interface PspCredential {
  /** Public identifier a client puts in its Authorization header. */
  websiteKey: string;
  merchantId: string;
  /** Shared secret that keys the request and response signatures. */
  secret: string;
  /** Where pushes go when a request names no push URL of its own. */
  pushUrl: string | undefined;
}

export interface PspCredentialDirectory {
  findByWebsiteKey(websiteKey: string): Promise<PspCredential | undefined>;
  findByMerchantId(merchantId: string): Promise<PspCredential | undefined>;
}

/** A push to queue with a transaction: the body is built by the contract and frozen now. */
export interface QueuedPush {
  url: string;
  /** The delivery log's event name, e.g. `Pay 190`. */
  event: string;
  body: string;
}

export interface NonceRegistry {
  /**
   * Remembers a nonce; false when the same website key already used it. Nonces seen before
   * `forgetBefore` may be dropped: requests that old are refused for their timestamp anyway.
   */
  remember(websiteKey: string, nonce: string, at: Date, forgetBefore: Date): Promise<boolean>;
}

export interface PspTransaction {
  /** 32 upper-case hexadecimal characters. */
  key: string;
  merchantId: string;
  /** The invoice this transaction placed, captured, refunded or cancelled; none for refused requests. */
  invoiceId: string | undefined;
  /** Billink's number of that invoice, by which the core's use cases find it. */
  invoiceNumber: string | undefined;
  service: string;
  action: string;
  /** The client's own Invoice, Order and Description, echoed as sent. */
  invoice: string | undefined;
  order: string | undefined;
  description: string | undefined;
  currency: string;
  amountDebit: Cents | undefined;
  amountCredit: Cents | undefined;
  statusCode: number;
  subCode: string | undefined;
  transactionType: string | undefined;
  mutationType: number;
  /** The transaction this one refers to (the authorization a capture takes, the payment a refund returns). */
  relatedKey: string | undefined;
  relationType: string | undefined;
  isTest: boolean;
  /** Set on transactions that moved money or booked an order (seed 003 shows one on Pay, Capture and Refund). */
  paymentKey: string | undefined;
  pushUrl: string | undefined;
  createdAt: Date;
  cancelledAt: Date | undefined;
}

/** What the store hands a PSP's notification builder with a push target (core/webhooks/notifications.ts). */
export interface PushDetails {
  /** The transaction that placed the invoice the event is about. */
  transaction: PspTransaction;
  /** Whether that transaction can still be cancelled: an authorization of an open, unstarted invoice. */
  cancelable: boolean;
}

export interface PspTransactionRepository {
  /** Stores the transaction and, in the same database transaction, queues its push (house rule 4). */
  insert(transaction: PspTransaction, push?: QueuedPush): Promise<void>;
  find(merchantId: string, key: string): Promise<PspTransaction | undefined>;
  /** Transactions that refer to this one, oldest first. */
  related(merchantId: string, key: string): Promise<PspTransaction[]>;
  /** Marks an authorization cancelled; false when it already was. */
  markCancelled(merchantId: string, key: string, at: Date): Promise<boolean>;
}
