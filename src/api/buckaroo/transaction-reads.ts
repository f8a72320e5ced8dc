/**
 * Reading and cancelling transactions by key (spec buckaroo.md §1): Status and Statuses (§5.2),
 * RefundInfo and RefundInfos, Cancel and CancelMultiple. A key of another website is unknown.
 */
import type { Merchant } from '../../core/merchants/merchant.js';
import { openAmount } from '../../core/orders/invoice.js';
import type { PspTransaction } from '../../core/psp/psp-transactions.js';
import type { BuckarooContext } from './buckaroo-context.js';
import { field, list, type Lowered, text } from './request-body.js';
import { cancelAuthorization } from './cancel-authorization.js';
import { SERVICE_CODE } from './transaction-actions.js';
import { amountNumber, statusResponse } from './transaction-response.js';

/** Most keys one batch call may name. */
export const MAX_KEYS_PER_CALL = 100;

function cancelable(t: PspTransaction, children: readonly PspTransaction[]): boolean {
  return (
    t.action === 'Authorize' &&
    t.statusCode === 190 &&
    !t.cancelledAt &&
    !children.some((child) => child.statusCode === 190 && (child.relationType === 'capture' || child.relationType === 'cancelauthorize'))
  );
}

export async function transactionStatus(context: BuckarooContext, merchant: Merchant, key: string) {
  const transaction = await context.transactions.find(merchant.id, key);
  if (!transaction) return undefined;
  const children = await context.transactions.related(merchant.id, transaction.key);
  return statusResponse(transaction, children, cancelable(transaction, children));
}

/** `{Transactions:[{Key}]}` in the body; the keys as given, matched case-insensitively. */
export function keysOf(body: Lowered, listName: string, keyName: string): string[] | undefined {
  const items = list(field(body, listName.toLowerCase()));
  if (items.length === 0 || items.length > MAX_KEYS_PER_CALL) return undefined;
  return items.map((item) => text(field(item, keyName.toLowerCase())) ?? '');
}

export async function transactionStatuses(context: BuckarooContext, merchant: Merchant, keys: readonly string[]) {
  const Transactions: unknown[] = [];
  const ErrorTransactions: unknown[] = [];
  for (const key of keys) {
    const status = key ? await transactionStatus(context, merchant, key) : undefined;
    if (status) Transactions.push(status);
    else ErrorTransactions.push({ Key: key, ErrorMessage: 'Transaction not found.' });
  }
  return { Transactions, ErrorTransactions };
}

export async function refundInfo(context: BuckarooContext, merchant: Merchant, key: string) {
  const transaction = await context.transactions.find(merchant.id, key);
  if (!transaction) return undefined;
  const refundable = (transaction.action === 'Pay' || transaction.action === 'Capture') && transaction.statusCode === 190;
  // Refunds and Billink credits on the same invoice both count (the invoice's credited amount).
  const invoice = transaction.invoiceNumber ? await context.store.read.invoices.find(merchant.id, transaction.invoiceNumber) : undefined;
  const maximum = refundable && invoice && invoice.status === 'open' ? openAmount(invoice) : 0;
  return {
    TransactionKey: transaction.key,
    IsRefundable: maximum > 0,
    NotRefundableExplanation:
      maximum > 0 ? null : refundable ? 'Nothing is left to refund on this invoice.' : 'Only a successful Pay or Capture can be refunded.',
    AllowPartialRefund: maximum > 0,
    MaximumRefundAmount: amountNumber(maximum),
    PendingRefundAmount: 0,
    RefundedAmount: amountNumber(invoice?.credited ?? 0),
    RefundCurrency: transaction.currency,
    ServiceCode: SERVICE_CODE,
    RefundInputFields: [],
  };
}

export async function refundInfos(context: BuckarooContext, merchant: Merchant, keys: readonly string[]) {
  const RefundInfoCollection: unknown[] = [];
  const InvalidRefundInfoCollection: unknown[] = [];
  for (const key of keys) {
    const info = key ? await refundInfo(context, merchant, key) : undefined;
    if (info) RefundInfoCollection.push(info);
    else InvalidRefundInfoCollection.push({ TransactionKey: key, ErrorMessage: 'Transaction not found.' });
  }
  return { RefundInfoCollection, InvalidRefundInfoCollection };
}

/** Cancels an authorization that was neither captured nor cancelled; anything else answers IsCanceled false. */
export async function cancelTransaction(context: BuckarooContext, merchant: Merchant, key: string) {
  const transaction = key ? await context.transactions.find(merchant.id, key) : undefined;
  if (!transaction) return { Key: key, IsCanceled: false };
  const children = await context.transactions.related(merchant.id, transaction.key);
  const canceled = cancelable(transaction, children) && (await cancelAuthorization(context, merchant, transaction)) === 'cancelled';
  return { Key: transaction.key, IsCanceled: canceled };
}
