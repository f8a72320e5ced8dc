/**
 * The wire shapes of a transaction: the answer to POST /json/Transaction (spec buckaroo.md §5.1,
 * seed 003) and the status answer (§5.2), which pushes carry too (§11.1). Every field is written,
 * with null for the empty ones, in the order of the published examples. Amounts are JSON numbers
 * made from integer cents (`10`, `10.5`), never through arithmetic on floats.
 */
import type { PspTransaction } from '../../core/psp/psp-transactions.js';
import { amsterdamOffsetMs } from '../../core/shared/amsterdam-time.js';
import type { ParameterError } from './errors.js';

export const STATUS_DESCRIPTIONS: Record<number, string> = {
  190: 'Success',
  490: 'Failed',
  491: 'Validation failure',
  492: 'Technical failure',
  690: 'Rejected',
  891: 'Cancelled by merchant',
};

export const SUB_CODE_DESCRIPTIONS: Record<string, string> = {
  S990: 'The request was successful.',
  VS03: 'The action is not available for this service.',
  VS04: 'The service is not available.',
  VP01: 'A required parameter is missing or not valid.',
  VP03: 'The sum of the articles does not match the amount.',
  VR01: 'The original transaction was not successful or cannot be used for this action.',
  VR02: 'The refund limit was reached.',
  VA02: 'The capture amount differs from the authorized amount.',
};

export interface RequestErrorItem extends ParameterError {
  /** Which of the five lists of §8 the item belongs in. */
  list: 'ChannelErrors' | 'ServiceErrors' | 'ActionErrors' | 'ParameterErrors';
  error: string;
}

/** Cents as a JSON number: 1050 → 10.5. Division by 100 gives the nearest double, which prints as the decimal. */
export function amountNumber(cents: number | undefined): number | undefined {
  return cents === undefined ? undefined : cents / 100;
}

/** `2020-11-17T13:56:12`, Amsterdam local time without an offset, as the seed's examples write it. */
export function statusDateTime(at: Date): string {
  return new Date(at.getTime() + amsterdamOffsetMs(at.getTime())).toISOString().slice(0, 19);
}

/** What the transaction answers with now: a cancelled authorization reads 891 (docs/buckaroo.md). */
function currentStatus(t: PspTransaction): { code: number; subCode: string | undefined; at: Date } {
  if (t.cancelledAt) return { code: 891, subCode: undefined, at: t.cancelledAt };
  return { code: t.statusCode, subCode: t.subCode, at: t.createdAt };
}

function status(t: PspTransaction) {
  const { code, subCode, at } = currentStatus(t);
  return {
    Code: { Code: code, Description: STATUS_DESCRIPTIONS[code] ?? 'Unknown' },
    SubCode: subCode ? { Code: subCode, Description: SUB_CODE_DESCRIPTIONS[subCode] ?? '' } : null,
    DateTime: statusDateTime(at),
  };
}

function amounts(t: PspTransaction) {
  return t.amountCredit !== undefined && t.amountDebit === undefined
    ? { AmountCredit: amountNumber(t.amountCredit) }
    : { AmountDebit: amountNumber(t.amountDebit ?? 0) };
}

export interface Relation {
  RelationType: string;
  RelatedTransactionKey: string;
}

/** The link to the original (seed 003: a refund names its payment with `refund`), then the links to this one. */
export function relations(t: PspTransaction, children: readonly PspTransaction[] = []): Relation[] | null {
  const links: Relation[] = [];
  if (t.relatedKey && t.relationType) links.push({ RelationType: t.relationType, RelatedTransactionKey: t.relatedKey });
  for (const child of children) {
    if (child.relationType && child.statusCode === 190) links.push({ RelationType: child.relationType, RelatedTransactionKey: child.key });
  }
  return links.length > 0 ? links : null;
}

function requestErrors(items: readonly RequestErrorItem[], t: PspTransaction) {
  if (items.length === 0) return null;
  const of = (list: RequestErrorItem['list']) => items.filter((item) => item.list === list);
  return {
    ChannelErrors: of('ChannelErrors').map((e) => ({ Service: t.service, Action: t.action, Name: e.name, Error: e.error, ErrorMessage: e.message })),
    ServiceErrors: of('ServiceErrors').map((e) => ({ Name: e.name, Error: e.error, ErrorMessage: e.message })),
    ActionErrors: of('ActionErrors').map((e) => ({ Service: t.service, Name: e.name, Error: e.error, ErrorMessage: e.message })),
    ParameterErrors: of('ParameterErrors').map((e) => ({ Service: t.service, Action: t.action, Name: e.name, Error: e.error, ErrorMessage: e.message })),
    CustomParameterErrors: [],
  };
}

/** §5.1: the answer to POST /json/Transaction. */
export function transactionResponse(t: PspTransaction, errors: readonly RequestErrorItem[] = []) {
  return {
    Key: t.key,
    Status: status(t),
    RequiredAction: null,
    Services: null,
    CustomParameters: null,
    AdditionalParameters: null,
    RequestErrors: requestErrors(errors, t),
    Invoice: t.invoice ?? null,
    ServiceCode: t.service,
    IsTest: t.isTest,
    Currency: t.currency,
    ...amounts(t),
    TransactionType: t.transactionType ?? null,
    MutationType: t.mutationType,
    RelatedTransactions: relations(t),
    ConsumerMessage: null,
    Order: t.order ?? null,
    IssuingCountry: null,
    StartRecurrent: false,
    Recurring: false,
    CustomerName: null,
    PayerHash: null,
    PaymentKey: t.paymentKey ?? null,
  };
}

/** §5.2: the status answer, also the body of a push (§11.1). */
export function statusResponse(t: PspTransaction, children: readonly PspTransaction[], isCancelable: boolean) {
  return {
    Key: t.key,
    Invoice: t.invoice ?? null,
    ServiceCode: t.service,
    Status: status(t),
    IsTest: t.isTest,
    Order: t.order ?? null,
    Currency: t.currency,
    ...amounts(t),
    TransactionType: t.transactionType ?? null,
    Services: null,
    CustomParameters: null,
    AdditionalParameters: null,
    MutationType: t.mutationType,
    RelatedTransactions: relations(t, children),
    IsCancelable: isCancelable,
    IssuingCountry: null,
    StartRecurrent: false,
    Recurring: false,
    CustomerName: null,
    PayerHash: null,
    PaymentKey: t.paymentKey ?? null,
    Description: t.description ?? null,
  };
}
