/**
 * The legacy XML hot path on each database (docs/benchmarks.md): check + order pairs at maximum
 * load and at half of it, the whole life of an order, and status lookups of ten invoices.
 */
import type { BenchRow, BenchScenario } from '../scenario.js';
import { type ChainStep, type LoadFigures, runClosedLoop } from '../support/closed-loop.js';
import { type BenchEngine, benchEngines } from '../support/engines.js';
import { pairSteps } from '../support/legacy-steps.js';
import { startWorkflowXml, statusXml, SUCCESS } from '../support/legacy-xml.js';
import { runPaced } from '../support/paced-load.js';
import { type ServerProcess, startServerProcess } from '../support/server-process.js';
import { CONNECTIONS, MEASURE_SECONDS, WARMUP_SECONDS } from '../support/settings.js';
import { p50p99 } from '../support/stats.js';

export const PAIR_MAX = 'legacy check+order pair, max load';
export const CHECK_MAX = '  check call of the pair, max load';
export const ORDER_MAX = '  order call of the pair, max load';
export const PAIR_HALF = 'legacy check+order pair, 50% of max';
export const CHECK_HALF = '  check call of the pair, 50% of max';
export const ORDER_HALF = '  order call of the pair, 50% of max';
export const LIFECYCLE = 'legacy check>order>start-workflow>status';
export const STATUS_TEN = 'legacy status of 10 invoices';
export const SERVER_LABEL = 'achteraf';

/** Invoices kept for the status lookups; the pairs run places many more. */
export const STATUS_POOL = 5_000;
export const INVOICES_PER_STATUS = 10;

const legacyFlow: BenchScenario = async () => {
  const rows: BenchRow[] = [];
  for (const engine of await benchEngines()) rows.push(...(await onEngine(engine)));
  return rows;
};
export default legacyFlow;

async function onEngine(engine: BenchEngine): Promise<BenchRow[]> {
  const server = await startServerProcess({
    label: `${SERVER_LABEL} (${engine.name})`,
    script: 'src/bin/server.ts',
    engine,
    // Status answers 111 past this many calls a minute; the benchmark measures the lookup itself.
    env: { STATUS_RATE_LIMIT_PER_MINUTE: '1000000000' },
  });
  try {
    return await measure(server, engine.name);
  } finally {
    await server.stop();
  }
}

async function measure(server: ServerProcess, engine: BenchEngine['name']): Promise<BenchRow[]> {
  const placed: string[] = [];
  const keep = {
    push(invoice: string) {
      if (placed.length < STATUS_POOL) placed.push(invoice);
    },
  };
  const pair = pairSteps(keep);
  const label = (what: string) => `${what} (${engine})`;
  const row = (scenario: string, requestsPerSecond: number, latencies: readonly number[], note: string): BenchRow => ({
    scenario,
    engine,
    requestsPerSecond,
    ...p50p99(latencies),
    rssMb: server.memory().rssMb,
    note,
  });
  // The server's CPU time per operation: steadier than throughput on a machine others share.
  const withCpu = async (run: () => Promise<LoadFigures>) => {
    const before = server.cpuMs();
    const figures = await run();
    const perChain = figures.chains > 0 ? (server.cpuMs() - before) / figures.chains : NaN;
    return { figures, cpu: `server CPU ${perChain.toFixed(2)} ms` };
  };
  const closed = (steps: readonly ChainStep[], seconds: number, measurement?: string) =>
    runClosedLoop({ url: server.url, steps, connections: CONNECTIONS, seconds, ...(measurement ? { measurement } : {}) });
  const callRows = (figures: LoadFigures, names: readonly string[]) =>
    figures.steps.map((step, index) => row(names[index]!, step.count / figures.seconds, step.latencies, 'calls/s'));

  await closed(pair, WARMUP_SECONDS);
  const max = await withCpu(() => closed(pair, MEASURE_SECONDS, label('check+order, max load')));
  const pairsPerSecond = max.figures.chains / max.figures.seconds;
  const rows = [
    row(PAIR_MAX, pairsPerSecond, max.figures.chainLatencies, `pairs/s; ${max.cpu}/pair`),
    ...callRows(max.figures, [CHECK_MAX, ORDER_MAX]),
  ];

  // Half load follows the run at maximum load at once; its own warm-up keeps the transition from
  // that run out of the figures, as every other measurement's does (paced-load.ts).
  const half = await runPaced({
    url: server.url,
    steps: pair,
    chainsPerSecond: Math.max(1, pairsPerSecond / 2),
    seconds: MEASURE_SECONDS,
    warmupSeconds: WARMUP_SECONDS,
    measurement: label('check+order, 50% of max'),
  });
  rows.push(row(PAIR_HALF, half.chains / MEASURE_SECONDS, half.chainLatencies, `pairs/s; latency from due time, after ${WARMUP_SECONDS} s unreported`));
  rows.push(...callRows(half, [CHECK_HALF, ORDER_HALF]));

  const lifecycle = await withCpu(() => closed(lifecycleSteps(keep), MEASURE_SECONDS, label('order lifecycle')));
  rows.push(row(LIFECYCLE, lifecycle.figures.chains / lifecycle.figures.seconds, lifecycle.figures.chainLatencies, `lifecycles/s; ${lifecycle.cpu}/lifecycle`));

  if (placed.length < INVOICES_PER_STATUS) throw new Error(`only ${placed.length} invoices were placed; status needs ten`);
  const status = await withCpu(() => closed([statusStep(placed)], MEASURE_SECONDS, label('status of 10 invoices')));
  rows.push(row(STATUS_TEN, status.figures.chains / status.figures.seconds, status.figures.steps[0]!.latencies, `${status.cpu}/request`));
  return rows;
}

/** A pair, then starting the new invoice's workflow and asking its status. */
function lifecycleSteps(keep: { push(invoice: string): void }): ChainStep[] {
  const invoiceOf = (state: Record<string, unknown>) => [String(state.invoice)];
  return [
    ...pairSteps(keep),
    { name: 'start workflow', path: '/api/start-workflow', body: (state) => startWorkflowXml(invoiceOf(state)), accept: SUCCESS.startWorkflow },
    { name: 'status', path: '/api/status', body: (state) => statusXml(invoiceOf(state)), accept: SUCCESS.status },
  ];
}

/** Ten placed invoices per request, a different ten each time. */
export function statusStep(placed: readonly string[]): ChainStep {
  let next = 0;
  return {
    name: 'status',
    path: '/api/status',
    body() {
      const groups = Math.floor(placed.length / INVOICES_PER_STATUS);
      const start = (next++ % groups) * INVOICES_PER_STATUS;
      return statusXml(placed.slice(start, start + INVOICES_PER_STATUS));
    },
    accept: SUCCESS.status,
  };
}
