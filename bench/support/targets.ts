/**
 * The targets for a two-core machine (docs/benchmarks.md "Targets"), judged on the rows of one run:
 * throughput targets are ratios to baselines measured in the same run, so a busy machine lowers
 * both sides. A target whose rows the run did not make (PostgreSQL unreachable, a scenario filtered
 * out, a baseline that does not exist yet) is printed as not measured, never as met.
 */
import type { BenchRow } from '../scenario.js';
import { RAW_PAIR, RAW_PAY, RAW_STATUS, RAW_V2_PAIR } from '../scenarios/baselines.js';
import { BUCKAROO_PAY } from '../scenarios/buckaroo-pay.js';
import { ADVANCE_INVOICES, CLOCK_ADVANCE, TIMER_RUNNER } from '../scenarios/clock-advance.js';
import { CHECK_HALF, ORDER_HALF, PAIR_MAX, SERVER_LABEL, STATUS_TEN } from '../scenarios/legacy-flow.js';
import { V2_PAIR } from '../scenarios/v2-order.js';
import { DELIVERY_LAG } from '../scenarios/webhook-delivery.js';
import type { ServerMemory } from './report.js';
import { isBaseline } from './table.js';

export interface TargetVerdict {
  engine: 'postgres' | 'pglite';
  target: string;
  measured: string;
  /** undefined when the run did not measure it; 'reported' for a figure without a target. */
  met: boolean | 'reported' | undefined;
}

export function judgeTargets(rows: readonly BenchRow[], memories: readonly ServerMemory[]): TargetVerdict[] {
  const find = (scenario: string, engine: string) => rows.find((row) => row.scenario === scenario && row.engine === engine && !isBaseline(row));
  const baseline = (scenario: string, engine: string) => rows.find((row) => row.scenario === scenario && row.engine === engine && isBaseline(row));
  const verdicts: TargetVerdict[] = [];
  const judge = (engine: TargetVerdict['engine'], target: string, value: number | undefined, pass: (v: number) => boolean, show: (v: number) => string) =>
    verdicts.push({
      engine,
      target,
      measured: value === undefined || Number.isNaN(value) ? 'not measured' : show(value),
      met: value === undefined || Number.isNaN(value) ? undefined : pass(value),
    });
  // A baseline that answered nothing (its requests all failed) measured nothing: no ratio, not an infinite one.
  const ratioOf = (row: BenchRow | undefined, base: BenchRow | undefined) =>
    row && base && base.requestsPerSecond > 0 ? row.requestsPerSecond / base.requestsPerSecond : undefined;
  const showRatio = (row: BenchRow | undefined, base: BenchRow | undefined, unit: string) => (v: number) =>
    `${v.toFixed(2)}x (${perSecond(row)} / ${perSecond(base)} ${unit}/s)`;

  for (const engine of ['postgres', 'pglite'] as const) {
    const pairs = find(PAIR_MAX, engine);
    const rawPair = baseline(RAW_PAIR, engine);
    judge(engine, 'check+order pair >= 0.80x raw check+order pair', ratioOf(pairs, rawPair), (v) => v >= 0.8, showRatio(pairs, rawPair, 'pairs'));
    if (engine === 'postgres') {
      const check = find(CHECK_HALF, engine);
      const order = find(ORDER_HALF, engine);
      const p99 = check && order ? Math.max(check.p99Ms, order.p99Ms) : undefined;
      judge(engine, 'p99 of check and of order at 50% of max load < 25 ms', p99, (v) => v < 25, (v) => `${v.toFixed(1)} ms (check ${check!.p99Ms.toFixed(1)}, order ${order!.p99Ms.toFixed(1)})`);
      // The target is absolute, as the issue sets it; the ratio to the raw status of ten (the same
      // query without Achteraf's code) beside it tells how much of a miss is the machine's.
      const status = find(STATUS_TEN, engine);
      const rawStatus = baseline(RAW_STATUS, engine);
      const statusRatio = ratioOf(status, rawStatus);
      judge(engine, 'status of 10 invoices >= 5,000 req/s', status?.requestsPerSecond, (v) => v >= 5_000, (v) =>
        statusRatio === undefined ? `${v.toFixed(0)} req/s` : `${v.toFixed(0)} req/s, ${statusRatio.toFixed(2)}x raw status (${perSecond(rawStatus)}/s)`);
    }
    const pay = find(BUCKAROO_PAY, engine);
    const rawPay = baseline(RAW_PAY, engine);
    const v2 = find(V2_PAIR, engine);
    const rawV2 = baseline(RAW_V2_PAIR, engine);
    // The issue sets both on PostgreSQL; on PGlite the same ratio is judged too, as the pair's is.
    judge(engine, 'Buckaroo Pay >= 0.80x raw Buckaroo Pay', ratioOf(pay, rawPay), (v) => v >= 0.8, showRatio(pay, rawPay, 'pays'));
    judge(engine, 'v2 order (check+order pair) >= 0.80x raw v2 pair', ratioOf(v2, rawV2), (v) => v >= 0.8, showRatio(v2, rawV2, 'pairs'));
    if (engine === 'pglite') {
      const peak = memories.find((memory) => memory.label === `${SERVER_LABEL} (${engine})`)?.peakMb;
      judge(engine, 'server peak RSS (VmHWM) < 300 MB', peak, (v) => v < 300, (v) => `${v.toFixed(0)} MB`);
    }
    judge(engine, 'webhook delivery lag p99 at 50% of max rate < 1 s', find(DELIVERY_LAG, engine)?.p99Ms, (v) => v < 1_000, (v) => `${v.toFixed(0)} ms`);

    const advance = find(CLOCK_ADVANCE, engine);
    const advanceTarget = `clock advance of ${ADVANCE_INVOICES.toLocaleString('en')} invoices (step + e-mail + PDF each)`;
    const advanceShown = (v: number) => `${v.toFixed(1)} s, ${perSecond(advance)} steps/s`;
    // The 30 s is for 10,000 invoices on PostgreSQL (issue target); other counts are only reported.
    if (engine === 'postgres' && ADVANCE_INVOICES === 10_000) {
      judge(engine, `${advanceTarget} < 30 s`, advance?.seconds, (v) => v < 30, advanceShown);
    } else if (advance?.seconds !== undefined) {
      verdicts.push({ engine, target: advanceTarget, measured: advanceShown(advance.seconds), met: 'reported' });
    }
    const runner = find(TIMER_RUNNER, engine);
    if (runner) verdicts.push({ engine, target: 'background timer runner, timers due now', measured: `${perSecond(runner)} timers/s`, met: 'reported' });
  }
  return verdicts;
}

function perSecond(row: BenchRow | undefined): string {
  if (!row) return '?';
  return row.requestsPerSecond >= 100 ? row.requestsPerSecond.toFixed(0) : row.requestsPerSecond.toFixed(1);
}
