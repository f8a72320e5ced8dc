import { merchantNow } from '../../core/shared/merchant-clocks.js';
import { isSandbox, type Merchant } from '../../core/merchants/merchant.js';
import type { PspTransaction } from '../../core/psp/psp-transactions.js';
import { type BuckarooContext, newTransactionKey } from './buckaroo-context.js';
import { type Lowered, readTransactionRequest } from './request-body.js';
import { SERVICE_CODE } from './transaction-actions.js';
import { transactionResponse } from './transaction-response.js';

/**
 * POST /json/DataRequest: the Billink service has no data requests (seed 003), so every one is a
 * validation failure with a key, in the transaction shape the endpoint answers with (§1).
 */
export async function handleDataRequest(context: BuckarooContext, merchant: Merchant, body: Lowered) {
  const request = readTransactionRequest(body);
  const service = request.services[0];
  const transaction: PspTransaction = {
    key: newTransactionKey(context),
    merchantId: merchant.id,
    invoiceId: undefined,
    invoiceNumber: undefined,
    service: service?.name ?? SERVICE_CODE,
    action: service?.action ?? 'Unknown',
    invoice: request.invoice,
    order: request.order,
    description: request.description,
    currency: (request.currency ?? 'EUR').toUpperCase(),
    amountDebit: 0,
    amountCredit: undefined,
    statusCode: 491,
    subCode: 'VS04',
    transactionType: undefined,
    mutationType: 0,
    relatedKey: undefined,
    relationType: undefined,
    isTest: isSandbox(merchant),
    paymentKey: undefined,
    pushUrl: undefined,
    createdAt: merchantNow(context, merchant),
    cancelledAt: undefined,
  };
  await context.transactions.insert(transaction);
  const name = service?.name ?? 'Services';
  return transactionResponse(transaction, [
    { list: 'ServiceErrors', name, error: 'ServiceUnknown', message: `The service ${name} offers no data requests here.` },
  ]);
}
