/**
 * Use case: the payouts and fees of a period for the reconciliation page (docs/dashboard.md
 * "Reconciliation"). A period is a calendar month by default (the merchant's current month on its
 * own clock), or the days from one date up to and including another; days are Amsterdam days, as
 * every business day here. Reads only, so it reads outside a transaction.
 */
import type { CoreContext } from '../context.js';
import type { Merchant } from '../merchants/merchant.js';
import { amsterdamInstant } from '../shared/amsterdam-time.js';
import { addDays, amsterdamDate, type IsoDate, parseWireDate } from '../shared/dates.js';
import { DomainError } from '../shared/errors.js';
import { merchantNow } from '../shared/merchant-clocks.js';
import type { Cents } from '../shared/money.js';
import { definitionOfWorkflow, DEFAULT_WORKFLOW_DEFINITION } from '../workflows/workflow-definition.js';
import type { PayoutRepository, PayoutRow, PayoutTotals } from './dashboard-ports.js';

export const PAYOUT_PERIOD_ERRORS = ['month_invalid', 'date_from_invalid', 'date_to_invalid', 'date_range_invalid', 'page_invalid'] as const;
export type PayoutPeriodError = (typeof PAYOUT_PERIOD_ERRORS)[number];

export const PAYOUTS_PER_PAGE = 100;

export interface PayoutPeriodInput {
  /** `yyyy-mm`. */
  month?: string | undefined;
  /** Dates as the v2 list takes them, `yyyy-mm-dd` or `dd-mm-yyyy`; either wins over a month. */
  from?: string | undefined;
  to?: string | undefined;
  page?: string | undefined;
}

export interface PayoutPeriod {
  from: IsoDate;
  /** Up to and including. */
  to: IsoDate;
  /** Set when the period is one whole month, `yyyy-mm`. */
  month: string | undefined;
}

export interface PayoutLine extends PayoutRow {
  /** The terms the fee was computed with: the invoice's own copy, else its workflow's today. */
  terms: { feeBasisPoints: number; feeFixed: Cents };
}

export interface PayoutPage {
  period: PayoutPeriod;
  lines: PayoutLine[];
  totals: PayoutTotals[];
  page: number;
  pages: number;
}

export function readPayoutPeriod(input: PayoutPeriodInput, today: IsoDate): PayoutPeriod {
  const fail = (code: PayoutPeriodError): never => {
    throw new DomainError<PayoutPeriodError>(code);
  };
  const fromText = input.from?.trim() || undefined;
  const toText = input.to?.trim() || undefined;
  if (fromText || toText) {
    const from = fromText === undefined ? undefined : (parseWireDate(fromText) ?? fail('date_from_invalid'));
    const to = toText === undefined ? undefined : (parseWireDate(toText) ?? fail('date_to_invalid'));
    // A missing end is the end of the month of the end given, so "from the 15th" is the rest of that month.
    const start = from ?? `${to!.slice(0, 7)}-01`;
    const end = to ?? lastDayOfMonth(from!.slice(0, 7));
    if (start > end) fail('date_range_invalid');
    const month = start.endsWith('-01') && end === lastDayOfMonth(start.slice(0, 7)) ? start.slice(0, 7) : undefined;
    return { from: start, to: end, month };
  }
  const monthText = input.month?.trim() || today.slice(0, 7);
  const match = /^(\d{4})-(\d{2})$/.exec(monthText);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 12 || Number(match[1]) < 1900 || Number(match[1]) > 2999) fail('month_invalid');
  return { from: `${monthText}-01`, to: lastDayOfMonth(monthText), month: monthText };
}

export function lastDayOfMonth(month: string): IsoDate {
  return addDays(shiftMonth(month, 1) + '-01', -1);
}

/** `yyyy-mm` moved by whole months. */
export function shiftMonth(month: string, by: number): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (number - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export async function listPayouts(
  context: CoreContext,
  payouts: PayoutRepository,
  merchant: Merchant,
  input: PayoutPeriodInput,
  limit = PAYOUTS_PER_PAGE,
): Promise<PayoutPage> {
  const period = readPayoutPeriod(input, amsterdamDate(merchantNow(context, merchant)));
  const pageText = input.page?.trim() || '1';
  const page = /^\d{1,6}$/.test(pageText) ? Number(pageText) : 0;
  if (page < 1) throw new DomainError<PayoutPeriodError>('page_invalid');
  const { rows, totals } = await payouts.period(
    merchant.id,
    amsterdamInstant(period.from, 0),
    amsterdamInstant(addDays(period.to, 1), 0),
    (page - 1) * limit,
    limit,
  );
  const count = totals.reduce((sum, total) => sum + total.count, 0);
  return { period, lines: rows.map((row) => ({ ...row, terms: termsOf(merchant, row) })), totals, page, pages: Math.max(1, Math.ceil(count / limit)) };
}

function termsOf(merchant: Merchant, row: PayoutRow): PayoutLine['terms'] {
  if (row.startedTerms) return row.startedTerms;
  const workflow = merchant.workflows.find((candidate) => candidate.number === row.workflowNumber);
  const payout = workflow ? definitionOfWorkflow(workflow).payout : DEFAULT_WORKFLOW_DEFINITION.payout;
  return { feeBasisPoints: payout.feeBasisPoints, feeFixed: payout.feeFixed };
}
