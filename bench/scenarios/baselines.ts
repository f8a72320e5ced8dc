/**
 * The yardsticks every other row is divided by (docs/benchmarks.md): a bare Fastify route that
 * answers a constant, and the raw XML order, parse and writes only, on each database.
 */
import type { BenchRow, BenchScenario } from '../scenario.js';
import { type ChainStep, runClosedLoop } from '../support/closed-loop.js';
import { type BenchEngine, benchEngines } from '../support/engines.js';
import { checkXml, newCustomer, newOrderNumber, orderXml, SUCCESS } from '../support/legacy-xml.js';
import { startServerProcess } from '../support/server-process.js';
import { CONNECTIONS, MEASURE_SECONDS, SEEDED_CHECKS, WARMUP_SECONDS } from '../support/settings.js';
import { p50p99 } from '../support/stats.js';

export const BASELINE_NOTE = 'baseline';
export const BARE_FASTIFY = 'bare Fastify, constant answer';
export const RAW_ORDER = 'raw XML order: parse + 3 writes';

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

const baselines: BenchScenario = async () => {
  const rows: BenchRow[] = [];
  rows.push(await measure(BARE_FASTIFY, 'none', constantAnswer, { BENCH_BASELINE: 'bare' }));
  for (const engine of await benchEngines()) {
    rows.push(await measure(RAW_ORDER, engine.name, rawOrder, { BENCH_BASELINE: 'raw-order' }, engine));
  }
  return rows;
};
export default baselines;

async function measure(
  scenario: string,
  engineName: BenchRow['engine'],
  step: ChainStep,
  env: Record<string, string>,
  engine?: BenchEngine,
): Promise<BenchRow> {
  const server = await startServerProcess({ label: `${scenario} (${engineName})`, script: SCRIPT, engine, env });
  try {
    const load = { url: server.url, steps: [step], connections: CONNECTIONS };
    await runClosedLoop({ ...load, seconds: WARMUP_SECONDS });
    const cpuBefore = server.cpuMs();
    const figures = await runClosedLoop({ ...load, seconds: MEASURE_SECONDS, measurement: `${scenario} (${engineName})` });
    const cpuPerRequest = (server.cpuMs() - cpuBefore) / figures.chains;
    return {
      scenario,
      engine: engineName,
      requestsPerSecond: figures.chains / figures.seconds,
      ...p50p99(figures.steps[0]!.latencies),
      rssMb: server.memory().rssMb,
      note: `${BASELINE_NOTE}; server CPU ${cpuPerRequest.toFixed(2)} ms/request`,
    };
  } finally {
    await server.stop();
  }
}
