/**
 * POST /json/Transaction for the Billink service (seed 003, spec buckaroo.md §4): each action is
 * mapped onto the core use case that Billink's own API runs, and every request, refused or not,
 * becomes a transaction with a key that Status can read back.
 *
 * - Authorize: credit check + order (authorizeOrder). Pay: the same, then the workflow starts.
 * - Capture: the workflow starts on the authorised order; a partial capture credits the rest first (capture.ts).
 * - Refund: a credit (applyCredits, the use case of Billink's Credit), partial or full.
 * - CancelAuthorize: the unstarted order is cancelled (cancelUnstartedOrder), in full.
 *
 * Each action, its transaction row and its push are one database transaction (docs/buckaroo.md
 * "One transaction"), so a crash between the steps leaves none of them.
 */
import { merchantNow } from '../../core/shared/merchant-clocks.js';
import { isSandbox, type Merchant } from '../../core/merchants/merchant.js';
import { authorizeOrder } from '../../core/orders/authorize-order.js';
import { parseLines } from '../../core/orders/order-lines.js';
import { applyCredits } from '../../core/payments/apply-credit.js';
import type { PspCredential, PspTransaction } from '../../core/psp/psp-transactions.js';
import { isPushUrl, pushFor } from './push.js';
import { isDomainError } from '../../core/shared/errors.js';
import { forbiddenCharacterPath } from '../../core/shared/text-characters.js';
import { formatAmount, parseAmount } from '../../core/shared/money.js';
import { startWorkflows } from '../../core/workflows/start-workflow.js';
import { isNonPublicTarget } from '../../core/webhooks/manage-webhooks.js';
import { type BuckarooContext, newTransactionKey } from './buckaroo-context.js';
import { captureAuthorization } from './capture.js';
import { cancelAuthorization } from './cancel-authorization.js';
import { groupParameters, orderInput } from './billink-parameters.js';
import { AUTHORIZE_PARAMETER_ERRORS, isAuthorizeCoreError } from './errors.js';
import { type Lowered, readTransactionRequest, type TransactionRequest } from './request-body.js';
import { type RequestErrorItem, transactionResponse } from './transaction-response.js';

/** §4.1 and §9. CancelAuthorize's type is not published; I014 is Buckaroo's generic cancel-authorization type. */
export const BILLINK_ACTIONS = {
  Pay: { transactionType: 'C068', mutationType: 1 },
  Authorize: { transactionType: 'I069', mutationType: 3 },
  Capture: { transactionType: 'C073', mutationType: 1 },
  Refund: { transactionType: 'C070', mutationType: 1 },
  CancelAuthorize: { transactionType: 'I014', mutationType: 3 },
} as const;
export type BillinkAction = keyof typeof BILLINK_ACTIONS;

export const SERVICE_CODE = 'Billink';

/** Order numbers allow letters, digits, dots, dashes and underscores; other runs in Invoice become a dash (docs/buckaroo.md). */
export function orderNumberFor(invoice: string): string {
  return invoice.trim().replace(/[^A-Za-z0-9_.-]+/g, '-');
}

interface Outcome {
  statusCode: number;
  subCode?: string | undefined;
  errors?: RequestErrorItem[];
  invoiceId?: string | undefined;
  invoiceNumber?: string | undefined;
  related?: { key: string; type: string } | undefined;
  paymentKey?: boolean;
}

const parameterError = (name: string, message: string, error = 'ParameterInvalid'): RequestErrorItem => ({
  list: 'ParameterErrors',
  name,
  message,
  error,
});

const invalid = (subCode: string, ...errors: RequestErrorItem[]): Outcome => ({ statusCode: 491, subCode, errors });

/**
 * Text that XML 1.0 or PostgreSQL cannot hold (control characters, NUL, U+FFFE/U+FFFF, lone
 * surrogates) is a validation failure like any other (docs/security.md "Control characters"). Such
 * a request books nothing, and none of its text is kept on the transaction row.
 */
function withoutText(request: TransactionRequest): TransactionRequest {
  return {
    ...request,
    currency: undefined, amountDebit: undefined, amountCredit: undefined, invoice: undefined, order: undefined,
    description: undefined, originalTransactionKey: undefined, pushUrl: undefined, clientIp: undefined,
    services: request.services.map((service) => ({ ...service, parameters: [] })),
  };
}

export async function handleTransaction(context: BuckarooContext, merchant: Merchant, credential: PspCredential, body: Lowered) {
  const forbidden = forbiddenCharacterPath(body);
  const read = readTransactionRequest(body);
  const request = forbidden ? withoutText(read) : read;
  const now = merchantNow(context, merchant);
  const service = request.services.find((s) => s.name?.toLowerCase() === 'billink');
  const actionName = service?.action
    ? (Object.keys(BILLINK_ACTIONS) as BillinkAction[]).find((a) => a.toLowerCase() === service.action!.toLowerCase())
    : undefined;
  const amountDebit = request.amountDebit === undefined ? undefined : parseAmount(request.amountDebit);
  const amountCredit = request.amountCredit === undefined ? undefined : parseAmount(request.amountCredit);

  const pushUrlWellFormed = request.pushUrl === undefined || isPushUrl(request.pushUrl);
  // Refused at request time like a webhook URL (house rule 6), after authentication, so nobody
  // without keys can make us resolve names; the delivery checks every attempt again.
  const pushUrlInternal =
    !forbidden && request.pushUrl !== undefined && pushUrlWellFormed && (await isNonPublicTarget(context.pushTargets, new URL(request.pushUrl).hostname));

  let refusal: Outcome | undefined;
  if (forbidden) {
    refusal = invalid('VP01', parameterError(forbidden, `${forbidden} contains a character that is not allowed.`));
  } else if (!pushUrlWellFormed) {
    refusal = invalid('VP01', parameterError('PushURL', 'PushURL must be an absolute http or https URL.'));
  } else if (pushUrlInternal) {
    refusal = invalid('VP01', parameterError('PushURL', 'PushURL must point to a public address.'));
  } else if (!service) {
    const name = request.services[0]?.name ?? 'Services';
    refusal = invalid('VS04', { list: 'ServiceErrors', name, error: 'ServiceUnknown', message: `The service ${name} is not available; use billink.` });
  } else if (!actionName) {
    const name = service.action ?? 'Action';
    refusal = invalid('VS03', { list: 'ActionErrors', name, error: 'ActionUnknown', message: `The action ${name} is not available for billink.` });
  }

  const action = actionName ?? (forbidden ? 'Unknown' : service?.action) ?? 'Unknown';
  const kind = actionName ? BILLINK_ACTIONS[actionName] : undefined;
  const record = (outcome: Outcome): PspTransaction => ({
    key: newTransactionKey(context),
    merchantId: merchant.id,
    invoiceId: outcome.invoiceId,
    invoiceNumber: outcome.invoiceNumber,
    service: SERVICE_CODE,
    action,
    invoice: request.invoice,
    order: request.order,
    description: request.description,
    currency: (request.currency ?? 'EUR').toUpperCase(),
    amountDebit: actionName === 'Refund' || actionName === 'CancelAuthorize' ? undefined : (amountDebit ?? 0),
    amountCredit: actionName === 'Refund' || actionName === 'CancelAuthorize' ? (amountCredit ?? 0) : undefined,
    statusCode: outcome.statusCode,
    subCode: outcome.subCode,
    transactionType: kind?.transactionType,
    mutationType: kind?.mutationType ?? 0,
    relatedKey: outcome.related?.key,
    relationType: outcome.related?.type,
    isTest: isSandbox(merchant),
    paymentKey: outcome.paymentKey ? newTransactionKey(context) : undefined,
    pushUrl: request.pushUrl,
    createdAt: now,
    cancelledAt: undefined,
  });
  const save = async (on: BuckarooContext, outcome: Outcome): Promise<PspTransaction> => {
    const transaction = record(outcome);
    await on.transactions.insert(transaction, pushFor(transaction, request.pushUrl ?? credential.pushUrl));
    return transaction;
  };

  if (!refusal && actionName) {
    try {
      // One transaction for the action's use cases, the transaction row and its push
      // (docs/buckaroo.md "One transaction"): a crash or a failed statement anywhere leaves none of them.
      const transaction = await context.oneTransaction(async (inTransaction) => {
        const outcome = await runAction(inTransaction, merchant, actionName, request, service!.parameters, { amountDebit, amountCredit });
        // House rule 6, a refusal books nothing: whatever the action wrote before it was refused
        // is rolled back, and only the 491 answer is recorded, in a transaction of its own below.
        if (outcome.statusCode === 491) throw new Refused(outcome);
        return save(inTransaction, outcome);
      });
      return transactionResponse(transaction);
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      refusal = error.outcome;
    }
  }
  const refused = refusal!;
  return transactionResponse(await save(context, refused), refused.errors);
}

/**
 * Carries a 491 out of the action's transaction so that it rolls back. On PostgreSQL this also
 * discards a transaction that a failed statement aborted, so the refusal is always recordable.
 */
class Refused extends Error {
  constructor(readonly outcome: Outcome) {
    super('refused');
  }
}

async function runAction(
  context: BuckarooContext,
  merchant: Merchant,
  action: BillinkAction,
  request: TransactionRequest,
  parameters: Parameters<typeof groupParameters>[0],
  amounts: { amountDebit: number | undefined; amountCredit: number | undefined },
): Promise<Outcome> {
  try {
    switch (action) {
      case 'Pay':
      case 'Authorize':
        return await authorize(context, merchant, action, request, parameters, amounts.amountDebit);
      case 'Capture':
        return await capture(context, merchant, request, parameters, amounts.amountDebit);
      case 'Refund':
        return await refund(context, merchant, request, parameters, amounts.amountCredit);
      case 'CancelAuthorize':
        return await cancelAuthorize(context, merchant, request, amounts.amountCredit);
    }
  } catch (error) {
    if (isDomainError(error) && isAuthorizeCoreError(error.code)) {
      const { name, message } = AUTHORIZE_PARAMETER_ERRORS[error.code];
      return invalid('VP01', parameterError(name, message, error.code.endsWith('_missing') ? 'ParameterMissing' : 'ParameterInvalid'));
    }
    throw error;
  }
}

async function authorize(
  context: BuckarooContext,
  merchant: Merchant,
  action: 'Pay' | 'Authorize',
  request: TransactionRequest,
  parameters: Parameters<typeof groupParameters>[0],
  amountDebit: number | undefined,
): Promise<Outcome> {
  if (request.amountDebit === undefined) return invalid('VP01', parameterError('AmountDebit', 'AmountDebit is required.', 'ParameterMissing'));
  if (amountDebit === undefined || amountDebit <= 0) return invalid('VP01', parameterError('AmountDebit', 'AmountDebit must be a positive amount.'));
  if (!request.invoice) return invalid('VP01', parameterError('Invoice', 'Invoice is required.', 'ParameterMissing'));
  const input = orderInput(groupParameters(parameters), request.clientIp);
  // Seed 003: "Always make sure the AmountDebit equals the sum of the article amounts", to the cent.
  const total = parseLines(input.items).reduce((sum, line) => sum + line.totalInclusive, 0);
  if (total !== amountDebit) {
    return invalid('VP03', parameterError('AmountDebit', `AmountDebit ${formatAmount(amountDebit)} differs from the sum of the articles, ${formatAmount(total)}.`));
  }
  const outcome = await authorizeOrder(context, merchant, {
    ...input,
    orderNumber: orderNumberFor(request.invoice),
    currency: request.currency,
    additionalText: undefined,
  });
  if (!outcome.approved) return { statusCode: 690 };
  const { invoice } = outcome;
  if (action === 'Pay') await startWorkflows(context, merchant, [{ number: invoice.invoiceNumber }]);
  return {
    statusCode: 190,
    subCode: action === 'Pay' ? 'S990' : undefined,
    invoiceId: invoice.id,
    invoiceNumber: invoice.invoiceNumber,
    paymentKey: action === 'Pay',
  };
}

/** The original transaction a Capture, Refund or CancelAuthorize names, if it may be used for that action. */
async function original(
  context: BuckarooContext,
  merchant: Merchant,
  request: TransactionRequest,
  allowed: readonly BillinkAction[],
): Promise<PspTransaction | Outcome> {
  if (!request.originalTransactionKey) {
    return invalid('VP01', parameterError('OriginalTransactionKey', 'OriginalTransactionKey is required.', 'ParameterMissing'));
  }
  const found = await context.transactions.find(merchant.id, request.originalTransactionKey);
  if (!found || !found.invoiceNumber || found.statusCode !== 190 || found.cancelledAt || !allowed.includes(found.action as BillinkAction)) {
    return invalid(
      'VR01',
      parameterError('OriginalTransactionKey', `OriginalTransactionKey must name a successful ${allowed.join(' or ')} of this website.`),
    );
  }
  return found;
}

const isOutcome = (value: PspTransaction | Outcome): value is Outcome => 'statusCode' in value && !('key' in value);

async function capture(
  context: BuckarooContext,
  merchant: Merchant,
  request: TransactionRequest,
  parameters: Parameters<typeof groupParameters>[0],
  amountDebit: number | undefined,
): Promise<Outcome> {
  const authorization = await original(context, merchant, request, ['Authorize']);
  if (isOutcome(authorization)) return authorization;
  const authorized = authorization.amountDebit ?? 0;
  // VA02: "capture exceeds the authorized amount" (§7); a partial capture is ours (capture.ts).
  if (amountDebit === undefined || amountDebit <= 0 || amountDebit > authorized) {
    return invalid('VA02', parameterError('AmountDebit', `AmountDebit must be more than 0 and at most the authorized amount, ${formatAmount(authorized)}.`));
  }
  // The articles of a partial capture say what is shipped, so they must add up to it (as Pay's do, seed 003).
  const articles = groupParameters(parameters);
  if (amountDebit < authorized && articles.articles.length > 0) {
    const total = parseLines(orderInput(articles, undefined).items).reduce((sum, line) => sum + line.totalInclusive, 0);
    if (total !== amountDebit) {
      return invalid('VP03', parameterError('AmountDebit', `AmountDebit ${formatAmount(amountDebit)} differs from the sum of the articles, ${formatAmount(total)}.`));
    }
  }
  if ((await captureAuthorization(context, merchant, authorization.invoiceNumber!, authorized, amountDebit)) !== 'captured') {
    return invalid('VR01', parameterError('OriginalTransactionKey', 'The authorization was captured, cancelled or settled already.'));
  }
  return {
    statusCode: 190,
    subCode: 'S990',
    invoiceId: authorization.invoiceId,
    invoiceNumber: authorization.invoiceNumber,
    related: { key: authorization.key, type: 'capture' },
    paymentKey: true,
  };
}

async function refund(
  context: BuckarooContext,
  merchant: Merchant,
  request: TransactionRequest,
  parameters: Parameters<typeof groupParameters>[0],
  amountCredit: number | undefined,
): Promise<Outcome> {
  const payment = await original(context, merchant, request, ['Pay', 'Capture']);
  if (isOutcome(payment)) return payment;
  if (request.amountCredit === undefined) return invalid('VP01', parameterError('AmountCredit', 'AmountCredit is required.', 'ParameterMissing'));
  if (amountCredit === undefined || amountCredit <= 0) return invalid('VP01', parameterError('AmountCredit', 'AmountCredit must be a positive amount.'));
  // `Refundreason` is the spelling the Node SDK sends (§4.1); names are matched in any case.
  const reason = parameters.find((p) => p.name.toLowerCase() === 'refundreason')?.value;
  const [item] = await applyCredits(context, merchant, undefined, [
    { number: payment.invoiceNumber, amount: formatAmount(amountCredit), description: reason ?? request.description },
  ]);
  const result = item?.result;
  if (result?.outcome !== 'applied') {
    return invalid('VR02', parameterError('AmountCredit', 'AmountCredit is more than can still be refunded on this invoice.'));
  }
  return {
    statusCode: 190,
    subCode: 'S990',
    invoiceId: payment.invoiceId,
    invoiceNumber: payment.invoiceNumber,
    related: { key: payment.key, type: 'refund' },
    paymentKey: true,
  };
}

async function cancelAuthorize(
  context: BuckarooContext,
  merchant: Merchant,
  request: TransactionRequest,
  amountCredit: number | undefined,
): Promise<Outcome> {
  const authorization = await original(context, merchant, request, ['Authorize']);
  if (isOutcome(authorization)) return authorization;
  // Seed 003: "It is only possible to do a full cancellation."
  if (request.amountCredit !== undefined && amountCredit !== authorization.amountDebit) {
    return invalid('VP01', parameterError('AmountCredit', `AmountCredit must be the authorized amount, ${formatAmount(authorization.amountDebit ?? 0)}.`));
  }
  const result = await cancelAuthorization(context, merchant, authorization);
  if (result !== 'cancelled') {
    return invalid('VR01', parameterError('OriginalTransactionKey', 'The authorization was captured, cancelled or settled already.'));
  }
  return {
    statusCode: 190,
    subCode: 'S990',
    invoiceId: authorization.invoiceId,
    invoiceNumber: authorization.invoiceNumber,
    related: { key: authorization.key, type: 'cancelauthorize' },
  };
}
