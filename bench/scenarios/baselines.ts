/**
 * The yardsticks every other row is divided by (docs/benchmarks.md): a bare Fastify route that
 * answers a constant; the raw XML order, parse and writes only, on each database; and the raw
 * check + order pair, the same SQL statements as Achteraf's pair without any of its code; and the
 * raw v2 pair and raw Buckaroo Pay, each the same SQL as its own Achteraf row (docs/benchmarks.md,
 * "What each raw baseline sends"); and the raw status of ten, Achteraf's status query alone.
 */
import type { BenchRow, BenchScenario } from '../scenario.js';
import { type ChainStep, runClosedLoop } from '../support/closed-loop.js';
import { type BenchEngine, benchEngines } from '../support/engines.js';
import { pairSteps } from '../support/legacy-steps.js';
import { checkXml, newCustomer, newOrderNumber, orderXml, statusXml, SUCCESS } from '../support/legacy-xml.js';
import { RAW_STATUS_INVOICES } from '../support/raw-status.js';
import { startServerProcess } from '../support/server-process.js';
import { CONNECTIONS, MEASURE_SECONDS, SEEDED_CHECKS, WARMUP_SECONDS } from '../support/settings.js';
import { p50p99 } from '../support/stats.js';
import { payStep } from './buckaroo-pay.js';
import { v2PairSteps } from './v2-order.js';

export const BASELINE_NOTE = 'baseline';
export const BARE_FASTIFY = 'bare Fastify, constant answer';
export const RAW_ORDER = 'raw XML order: parse + 3 writes';
export const RAW_PAIR = 'raw check+order pair: same SQL';
export const RAW_V2_PAIR = 'raw v2 check+order pair: same SQL';
export const RAW_PAY = 'raw Buckaroo Pay: HMAC + same SQL';
export const RAW_STATUS = 'raw status of 10: parse + same query';

const SCRIPT = 'bench/support/baseline-server.ts';

const constantAnswer: ChainStep = {
  name: 'constant',
  path: '/api/check',
  body: () => checkXml(newCustomer()),
  accept: (body) => body.includes('<CODE>500</CODE>'),
};

let rawOrders = 0;
const rawOrder: ChainStep = {
  name: 'raw order',
  path: '/api/order',
  // The same order document the real flow sends, naming one of the seeded checks.
  body: () => orderXml(newCustomer(), `raw-${(rawOrders++ % SEEDED_CHECKS) + 1}`, newOrderNumber()),
  accept: SUCCESS.order,
};

let rawStatuses = 0;
const rawStatus: ChainStep = {
  name: 'raw status',
  path: '/api/status',
  // Ten of the seeded invoices, a different ten each time, as the status row asks.
  body() {
    const first = ((rawStatuses++ * 10) % RAW_STATUS_INVOICES) + 1;
    return statusXml(Array.from({ length: 10 }, (_, index) => `RAW-${first + index}`));
  },
  accept: SUCCESS.status,
};

const baselines: BenchScenario = async () => {
  const rows: BenchRow[] = [];
  rows.push(await measure(BARE_FASTIFY, 'none', [constantAnswer], { BENCH_BASELINE: 'bare' }));
  for (const engine of await benchEngines()) {
    rows.push(await measure(RAW_ORDER, engine.name, [rawOrder], { BENCH_BASELINE: 'raw-order' }, engine));
    rows.push(await measure(RAW_PAIR, engine.name, pairSteps(), { BENCH_BASELINE: 'raw-pair' }, engine));
    rows.push(await measure(RAW_V2_PAIR, engine.name, v2PairSteps(), { BENCH_BASELINE: 'raw-v2-pair' }, engine));
    rows.push(await measure(RAW_PAY, engine.name, (host) => [payStep(host)], { BENCH_BASELINE: 'raw-pay' }, engine));
    rows.push(await measure(RAW_STATUS, engine.name, [rawStatus], { BENCH_BASELINE: 'raw-status' }, engine));
  }
  return rows;
};
export default baselines;

async function measure(
  scenario: string,
  engineName: BenchRow['engine'],
  /** The load's steps; a function of the server's host for steps whose signature covers it. */
  stepsFor: ChainStep[] | ((host: string) => ChainStep[]),
  env: Record<string, string>,
  engine?: BenchEngine,
): Promise<BenchRow> {
  const server = await startServerProcess({ label: `${scenario} (${engineName})`, script: SCRIPT, engine, env });
  try {
    const steps = typeof stepsFor === 'function' ? stepsFor(new URL(server.url).host) : stepsFor;
    const load = { url: server.url, steps, connections: CONNECTIONS };
    await runClosedLoop({ ...load, seconds: WARMUP_SECONDS });
    const cpuBefore = server.cpuMs();
    const figures = await runClosedLoop({ ...load, seconds: MEASURE_SECONDS, measurement: `${scenario} (${engineName})` });
    const cpuPerChain = (server.cpuMs() - cpuBefore) / figures.chains;
    const unit = steps.length > 1 ? 'pair' : scenario === RAW_PAY ? 'pay' : 'request';
    return {
      scenario,
      engine: engineName,
      requestsPerSecond: figures.chains / figures.seconds,
      ...p50p99(steps.length > 1 ? figures.chainLatencies : figures.steps[0]!.latencies),
      rssMb: server.memory().rssMb,
      note: `${BASELINE_NOTE}; ${unit}s/s; server CPU ${cpuPerChain.toFixed(2)} ms/${unit}`,
    };
  } finally {
    await server.stop();
  }
}
