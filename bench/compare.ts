/**
 * A/B comparison of the legacy check+order pair between two checkouts, for changes whose effect is
 * smaller than the noise of a machine others share: both servers run at once, and short
 * measurements alternate between them (A, B, B, A, ...), so a burst of outside load falls on both.
 * Prints, per side, the median and range of pairs/s and of the server's CPU time per pair.
 *
 *   tsx bench/compare.ts <other checkout> [postgres|pglite] [rounds] [seconds]
 *
 * The other checkout needs its own node_modules (a symbolic link to this one's is enough).
 * BENCH_CPU_PROFILE=<folder> runs both servers with `--cpu-prof` into that folder.
 * BENCH_COMPARE=pay compares signed Buckaroo Pays (bench/scenarios/buckaroo-pay.ts) instead of
 * pairs; the figures then count Pays. BENCH_COMPARE=status compares `Status` requests of ten invoices
 * (the `legacy status of 10 invoices` row), on invoices each side places in its warm-up; the figures
 * count requests, and the load generator's own CPU per request is printed beside them.
 * BENCH_STATUS_PAIR_SECONDS (default: the warm-up's) sets how long pairs place invoices first, so
 * the status query runs on a larger table.
 *
 * BENCH_KEYED_WRITE=a|b|both sends one v2 check with an Idempotency-Key to that side (or both)
 * before its warm-up, as one SDK retry would: what a keyed write leaves behind for every later
 * request of the process (docs/benchmarks.md "v2 idempotency keys without async hooks"); with the
 * same checkout on both sides it measures that alone. BENCH_COMPARE=v2 compares v2 JSON check+order
 * pairs (bench/scenarios/v2-order.ts) instead, each request with a key of its own when
 * BENCH_V2_KEYS=on.
 *
 *   tsx bench/compare.ts raw-pair [postgres|pglite] [rounds] [seconds]
 *
 * puts the raw check+order pair baseline (bench/support/baseline-server.ts) on side A instead of
 * another checkout: the pair target's ratio measured interleaved, which a loaded machine spoils
 * less than the bench's one-after-the-other rows. `BENCH_COMPARE=status tsx bench/compare.ts
 * raw-status ...` does the same with the raw status of ten baseline.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { runClosedLoop } from './support/closed-loop.js';
import { type BenchEngine, benchEngines } from './support/engines.js';
import { payStep } from './scenarios/buckaroo-pay.js';
import { v2PairSteps } from './scenarios/v2-order.js';
import { pairSteps } from './support/legacy-steps.js';
import { INVOICES_PER_STATUS, STATUS_POOL, statusStep } from './scenarios/legacy-flow.js';
import { buildCheckout, type ServerProcess, startServerProcess } from './support/server-process.js';
import { CONNECTIONS, WARMUP_SECONDS } from './support/settings.js';
import { PostgresBackendCpu } from './support/postgres-cpu.js';
import { RAW_STATUS_INVOICES } from './support/raw-status.js';

const [otherRoot, engineName = 'postgres', roundsText = '6', secondsText = '3'] = process.argv.slice(2);
if (!otherRoot) throw new Error('usage: tsx bench/compare.ts <other checkout> [postgres|pglite] [rounds] [seconds]');
const rounds = Number(roundsText);
const seconds = Number(secondsText);
const profileFolder = process.env.BENCH_CPU_PROFILE;
const comparePays = process.env.BENCH_COMPARE === 'pay';
const compareStatus = process.env.BENCH_COMPARE === 'status';
const compareV2 = process.env.BENCH_COMPARE === 'v2';
const v2Keys = process.env.BENCH_V2_KEYS === 'on';
const keyedWrite = process.env.BENCH_KEYED_WRITE;
if (keyedWrite !== undefined && !['a', 'b', 'both'].includes(keyedWrite)) throw new Error('BENCH_KEYED_WRITE is a, b or both');
const unit = comparePays ? 'pay' : compareStatus ? 'request' : 'pair';

const engine = (await benchEngines()).find((candidate) => candidate.name === engineName);
if (!engine) throw new Error(`engine ${engineName} is not available`);

interface Side {
  name: string;
  server: ServerProcess;
  pairsPerSecond: number[];
  cpuMsPerPair: number[];
  /** Pairs of the warm-up and the measurements, for per-pair figures from a profile. */
  pairs: number;
  /** The load generator's (this process's) CPU per operation. */
  loadCpuMsPerPair: number[];
  /** Status only: invoices the warm-up placed. */
  placed: string[];
  /** On PostgreSQL: the CPU of the backends serving this side, per operation. */
  backends?: PostgresBackendCpu;
  backendCpuMsPerPair: number[];
}

const againstRawStatus = otherRoot === 'raw-status';
if (againstRawStatus && !compareStatus) throw new Error('raw-status compares Status requests: set BENCH_COMPARE=status');
const againstRawPair = otherRoot === 'raw-pair';
const againstRaw = againstRawPair || againstRawStatus;
if (againstRawPair && compareStatus) throw new Error('raw-pair compares pairs; BENCH_COMPARE=status needs another checkout or raw-status');
if (againstRawPair && comparePays) throw new Error('raw-pair compares pairs; BENCH_COMPARE=pay needs another checkout');
if (againstRaw && (compareV2 || keyedWrite)) throw new Error('BENCH_COMPARE=v2 and BENCH_KEYED_WRITE need another checkout on side A');

const profiling = profileFolder ? { nodeOptions: ['--cpu-prof', `--cpu-prof-dir=${resolve(profileFolder)}`] } : {};
const start = (name: string, root: string | undefined, on: BenchEngine) =>
  againstRaw && root
    ? startServerProcess({ label: `${name} (${on.name})`, script: 'bench/support/baseline-server.ts', engine: on, env: { BENCH_BASELINE: otherRoot }, ...profiling })
    : startServerProcess({
    label: `${name} (${on.name})`,
    script: 'src/bin/server.ts',
    engine: on,
    // The Pays sign with the sandbox pair, which a production start seeds only when asked.
    env: { STATUS_RATE_LIMIT_PER_MINUTE: '1000000000', ...(comparePays ? { SANDBOX_SEED: 'on' } : {}) },
    ...(root ? { root: resolve(root) } : {}),
    ...profiling,
  });

// Both servers run from a production build of their checkout (support/server-process.ts), built before either starts.
await Promise.all([...(againstRaw ? [] : [buildCheckout(resolve(otherRoot))]), buildCheckout()]);

const sides: Side[] = [];
try {
  for (const [name, root] of [['A (other)', otherRoot], ['B (this)', undefined]] as const) {
    sides.push({ name, server: await start(name, root, engine), pairsPerSecond: [], cpuMsPerPair: [], loadCpuMsPerPair: [], pairs: 0, placed: [], backendCpuMsPerPair: [] });
    const side = sides[sides.length - 1]!;
    if (engine.name === 'postgres') side.backends = await PostgresBackendCpu.open(engine.url, side.server.pid);
  }
  const stepsFor = (side: Side) =>
    comparePays ? [payStep(new URL(side.server.url).host)] : compareStatus ? [statusStep(side.placed)] : compareV2 ? v2Steps() : pairSteps();
  for (const side of sides) {
    if (keyedWrite === 'both' || keyedWrite === side.name[0]!.toLowerCase()) await sendOneKeyedWrite(side.server.url);
    // The raw status baseline asks for the invoices it seeded, as the bench's baseline row does.
    if (againstRawStatus && side === sides[0]) {
      for (let invoice = 1; invoice <= RAW_STATUS_INVOICES; invoice += 1) side.placed.push(`RAW-${invoice}`);
    } else if (compareStatus) {
      // The invoices to ask for: placed by pairs until the pool is full, as the bench's status row.
      const keep = { push: (invoice: string) => void (side.placed.length < STATUS_POOL && side.placed.push(invoice)) };
      const seconds = Number(process.env.BENCH_STATUS_PAIR_SECONDS ?? WARMUP_SECONDS);
      await runClosedLoop({ url: side.server.url, steps: pairSteps(keep), connections: CONNECTIONS, seconds });
      if (side.placed.length < INVOICES_PER_STATUS) throw new Error(`${side.name}: only ${side.placed.length} invoices placed`);
    }
    const pair = stepsFor(side);
    side.pairs += (await runClosedLoop({ url: side.server.url, steps: pair, connections: CONNECTIONS, seconds: WARMUP_SECONDS })).chains;
  }
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) {
      const pair = stepsFor(side);
      const backendsBefore = await side.backends?.snapshot();
      const before = side.server.cpuMs();
      const loadBefore = process.cpuUsage();
      const figures = await runClosedLoop({ url: side.server.url, steps: pair, connections: CONNECTIONS, seconds, measurement: side.name });
      if (figures.unsuccessful > 0) throw new Error(`${side.name}: ${figures.unsuccessful} unsuccessful answers`);
      side.pairs += figures.chains;
      side.pairsPerSecond.push(figures.chains / figures.seconds);
      side.cpuMsPerPair.push((side.server.cpuMs() - before) / figures.chains);
      const load = process.cpuUsage(loadBefore);
      side.loadCpuMsPerPair.push((load.user + load.system) / 1000 / figures.chains);
      if (side.backends && backendsBefore) side.backendCpuMsPerPair.push(PostgresBackendCpu.usedMs(backendsBefore, await side.backends.snapshot()) / figures.chains);
    }
  }
  for (const side of sides) {
    const { rssMb, peakMb } = side.server.memory();
    console.log(
      `${side.name}: ${unit}s/s ${summary(side.pairsPerSecond, 0)}; server CPU/${unit} ${summary(side.cpuMsPerPair, 3)} ms; ` +
        `load generator CPU/${unit} ${summary(side.loadCpuMsPerPair, 3)} ms; ` +
        (side.backends ? `PostgreSQL backends' CPU/${unit} ${summary(side.backendCpuMsPerPair, 3)} ms; ` : '') +
        `RSS ${rssMb.toFixed(0)} MB, peak ${peakMb.toFixed(0)} MB; ${side.pairs} ${unit}s run, pid ${side.server.pid}`,
    );
  }
} finally {
  for (const side of sides) await side.backends?.close();
  for (const side of sides) await side.server.stop();
}

/** The v2 pair, each request with a key of its own when BENCH_V2_KEYS=on (every one claims a key row). */
function v2Steps() {
  const steps = v2PairSteps();
  if (!v2Keys) return steps;
  return steps.map((step) => ({ ...step, headers: () => ({ 'content-type': 'application/json', 'idempotency-key': randomUUID() }) }));
}

/** One keyed v2 check, as an SDK retry sends it; it must succeed, or the comparison would mean nothing. */
async function sendOneKeyedWrite(url: string): Promise<void> {
  const [check] = v2PairSteps();
  const response = await fetch(new URL(check!.path, url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: check!.body({}),
  });
  const body = await response.text();
  if (!check!.accept(body, {})) throw new Error(`the keyed write failed: ${response.status} ${body}`);
}

function summary(values: readonly number[], digits: number): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  return `median ${median.toFixed(digits)} (${sorted[0]!.toFixed(digits)}–${sorted[sorted.length - 1]!.toFixed(digits)})`;
}
