/**
 * `npm run bench`: runs every module in bench/scenarios/ in name order (found at run time, so a
 * new scenario needs no registration; the clock advance last), each after a CHECKPOINT on
 * PostgreSQL, then prints all rows in one table with their ratios to the
 * baselines of the same run, the servers' memory, every target with its verdict and any
 * unsuccessful answer. Exits non-zero when a scenario failed or a request did not get a success
 * answer. Never part of `npm test`.
 *
 *   npm run bench -- legacy                  only scenarios whose file name contains "legacy", beside the baselines
 *   npm run bench -- clock --no-baselines    one scenario alone (its ratios and ratio targets print as not measured)
 *   npm run bench -- --quick                 2 s measurements and a 1,000-invoice clock advance
 *   BENCH_ENGINES=pglite npm run bench       one database only
 */
import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import type { BenchRow, BenchScenario } from './scenario.js';
import { serverMemories, unsuccessfulAnswers } from './support/report.js';
import { buildCheckout } from './support/server-process.js';
import { settlePostgres } from './support/settle.js';
import { MEASURE_SECONDS, CONNECTIONS } from './support/settings.js';
import { formatMemories, formatRows, formatTargets, formatUnsuccessful } from './support/table.js';
import { judgeTargets } from './support/targets.js';

const SCENARIOS = new URL('./scenarios/', import.meta.url);
const flags = process.argv.slice(2).filter((arg) => arg.startsWith('--'));
const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const withBaselines = !flags.includes('--no-baselines');
const unknown = flags.filter((flag) => !['--quick', '--no-baselines'].includes(flag));
if (unknown.length > 0) throw new Error(`unknown option ${unknown.join(', ')}; known: --quick, --no-baselines`);

/**
 * Scenarios that run after all others, whatever their name: the clock advance writes for minutes
 * (10,000 invoices with mails and PDFs) and leaves PostgreSQL writing for a while after it, which
 * slowed the rows measured next (docs/benchmarks.md "Ratios measured beside their baselines, tried").
 */
const RUN_LAST = ['clock-advance.'];
const runsLast = (name: string) => RUN_LAST.some((prefix) => name.startsWith(prefix));

const files = readdirSync(SCENARIOS)
  .filter((name) => /\.[cm]?[jt]s$/.test(name) && !name.endsWith('.d.ts'))
  .sort((a, b) => Number(runsLast(a)) - Number(runsLast(b)) || a.localeCompare(b))
  .filter((name) => (name.startsWith('baselines.') ? withBaselines : filters.length === 0 || filters.some((filter) => name.includes(filter))));

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
console.error(`Benchmark on ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), node ${process.version}, ${MEASURE_SECONDS} s per measurement, ${CONNECTIONS} connections`);

// Achteraf's servers run from a production build (support/server-process.ts), made before anything is measured.
await buildCheckout();

const rows: BenchRow[] = [];
const failed: string[] = [];
for (const file of files) {
  console.error(`[${elapsed()}] ${file} ...`);
  try {
    await settlePostgres();
    const scenario = (await import(new URL(file, SCENARIOS).href)) as { default?: BenchScenario };
    if (typeof scenario.default !== 'function') throw new Error('its default export is not a scenario function');
    rows.push(...(await scenario.default()));
  } catch (error) {
    failed.push(file);
    console.error(`Scenario ${file} failed:`, error);
  }
}
console.error(`[${elapsed()}] done`);

const report = [
  formatRows(rows),
  formatMemories(serverMemories()),
  formatTargets(judgeTargets(rows, serverMemories())),
  formatUnsuccessful(unsuccessfulAnswers()),
  ...(failed.length > 0 ? [`FAILED SCENARIOS: ${failed.join(', ')}`] : []),
];
console.log(`\n${report.join('\n\n')}`);
process.exitCode = failed.length > 0 || unsuccessfulAnswers().length > 0 ? 1 : 0;
