/**
 * The printed report: one table of every row with its ratios to the baselines of the same run,
 * then server memory, targets and anything that went wrong.
 */
import type { BenchRow } from '../scenario.js';
import { RAW_ORDER, RAW_PAIR } from '../scenarios/baselines.js';
import type { ServerMemory, Unsuccessful } from './report.js';
import type { TargetVerdict } from './targets.js';

/** A baseline row's note starts with "baseline" (bench/scenario.ts). */
export function isBaseline(row: BenchRow): boolean {
  return row.note?.startsWith('baseline') ?? false;
}

export function formatRows(rows: readonly BenchRow[]): string {
  const baselines = rows.filter(isBaseline);
  const bare = baselines.find((row) => row.engine === 'none');
  const ratio = (row: BenchRow, base: BenchRow | undefined) =>
    base && base !== row ? `${(row.requestsPerSecond / base.requestsPerSecond).toFixed(2)}x` : '';
  const header = ['scenario', 'engine', 'per s', 'p50 ms', 'p99 ms', 'RSS MB', 'vs bare', 'vs raw order', 'vs raw pair', 'note'];
  const body = rows.map((row) => {
    const sameEngine = (scenario: string) => baselines.find((base) => base.engine === row.engine && base.scenario === scenario);
    return [
      row.scenario,
      row.engine,
      row.requestsPerSecond >= 100 ? row.requestsPerSecond.toFixed(0) : row.requestsPerSecond.toFixed(1),
      milliseconds(row.p50Ms),
      milliseconds(row.p99Ms),
      row.rssMb === undefined ? '' : row.rssMb.toFixed(0),
      ratio(row, bare),
      ratio(row, sameEngine(RAW_ORDER)),
      ratio(row, sameEngine(RAW_PAIR)),
      row.note ?? '',
    ];
  });
  return table(header, body, [false, false, true, true, true, true, true, true, true, false]);
}

export function formatMemories(memories: readonly ServerMemory[]): string {
  return table(
    ['server process', 'RSS at stop MB', 'peak RSS MB'],
    memories.map((memory) => [memory.label, memory.rssMb.toFixed(0), memory.peakMb.toFixed(0)]),
    [false, true, true],
  );
}

export function formatTargets(verdicts: readonly TargetVerdict[]): string {
  return table(
    ['engine', 'target', 'measured', 'verdict'],
    verdicts.map((v) => [v.engine, v.target, v.measured, v.met === undefined ? 'NOT MEASURED' : v.met === 'reported' ? 'reported' : v.met ? 'met' : 'MISSED']),
    [false, false, true, false],
  );
}

export function formatUnsuccessful(list: readonly Unsuccessful[]): string {
  if (list.length === 0) return 'Unsuccessful answers: none; every request got a success answer.';
  return [
    'UNSUCCESSFUL ANSWERS (the figures of these measurements are not valid):',
    ...list.map((u) => `  ${u.measurement}: ${u.count}\n${u.samples.map((s) => `      ${s.replace(/\s+/g, ' ')}`).join('\n')}`),
  ].join('\n');
}

function milliseconds(value: number): string {
  if (Number.isNaN(value)) return '';
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

function table(header: string[], body: string[][], rightAligned: boolean[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((line) => line[column]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, column) => (rightAligned[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd();
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(line)].join('\n');
}
