/**
 * Where the tail of the half-load pair comes from (docs/benchmarks.md, "The half-load tail"):
 * Achteraf's server and the raw check+order pair baseline run at once, and rounds alternate
 * between them (A B B A ...). Each round measures its side at maximum load, then runs the paced
 * load at half of that rate, as the bench's `50% of max` rows do, and prints per side the p99 of
 * the check and the order, the load generator's own event-loop delay and GC pauses during the
 * paced phase, and how many calls were slow while the generator itself was stalled. The paced
 * load has the bench's unreported warm-up (WARMUP_SECONDS); the p99 of its first second, the
 * transition from the maximum load, is printed apart.
 *
 *   tsx bench/paced-tail.ts [postgres|pglite] [rounds] [paced seconds] [other checkout]
 *
 * With an other checkout, side A is that checkout's server instead of the raw baseline.
 * BENCH_PROBE=<folder> loads bench/support/loop-probe.mjs into both servers (`node --import`),
 * which records their event-loop gaps with the CPU used in them, GC pauses and pg statements into
 * that folder, and adds per round: the server's gaps of more than 10 ms in the measured window, how
 * many of them were its own work (CPU at least 70% of the gap) and the longest of those, its GC
 * pauses, and the median COMMIT in the warm-up's first 300 ms against the measured window.
 * BENCH_TIMELINE=<folder> writes every paced call (due, sent and answered, epoch ms) and the load
 * generator's stalls and GC pauses of each round to a JSON file there, to lay beside the server's.
 */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runClosedLoop } from './support/closed-loop.js';
import { benchEngines } from './support/engines.js';
import { pairSteps } from './support/legacy-steps.js';
import { type PacedCall, runPaced } from './support/paced-load.js';
import { type ServerProcess, startServerProcess } from './support/server-process.js';
import { CONNECTIONS, WARMUP_SECONDS } from './support/settings.js';
import { percentile } from './support/stats.js';

const [engineName = 'postgres', roundsText = '4', secondsText = '6', otherRoot] = process.argv.slice(2);
const rounds = Number(roundsText);
const seconds = Number(secondsText);
const engine = (await benchEngines()).find((candidate) => candidate.name === engineName);
if (!engine) throw new Error(`engine ${engineName} is not available`);
const probeFolder = process.env.BENCH_PROBE ? resolve(process.env.BENCH_PROBE) : undefined;
const probeUrl = `${pathToFileURL(resolve(import.meta.dirname, 'support/loop-probe.mjs')).href}?out=${encodeURIComponent(probeFolder ?? '')}`;
const probe = probeFolder ? { nodeOptions: ['--import', probeUrl] } : {};
const env = { STATUS_RATE_LIMIT_PER_MINUTE: '1000000000' };

const sides: { name: string; server: ServerProcess }[] = [
  {
    name: otherRoot ? 'A' : 'raw pair',
    server: otherRoot
      ? await startServerProcess({ label: `A (${engine.name})`, script: 'src/bin/server.ts', engine, env, root: resolve(otherRoot), ...probe })
      : await startServerProcess({ label: `raw pair (${engine.name})`, script: 'bench/support/baseline-server.ts', engine, env: { BENCH_BASELINE: 'raw-pair' }, ...probe }),
  },
  { name: otherRoot ? 'B' : 'achteraf', server: await startServerProcess({ label: `achteraf (${engine.name})`, script: 'src/bin/server.ts', engine, env, ...probe }) },
];

try {
  for (const side of sides) await runClosedLoop({ url: side.server.url, steps: pairSteps(), connections: CONNECTIONS, seconds: WARMUP_SECONDS });
  console.log(`load average ${loadavg().map((load) => load.toFixed(1)).join(' ')}`);
  console.log('side        pairs/s max  paced/s  check p50/p99  order p50/p99  1st s of warm-up order  gen loop delay max/p99  gen GC ms total/max  slow calls (>25 ms) / of them while gen stalled  server pid');
  for (let round = 1; round <= rounds; round += 1) {
    // A B B A ...: a burst of outside load falls on both sides.
    const order = round % 2 === 1 ? sides : [...sides].reverse();
    for (const side of order) console.log(await measureRound(side.name, side.server, round));
  }
  console.log(`load average ${loadavg().map((load) => load.toFixed(1)).join(' ')}`);
} finally {
  for (const side of sides) await side.server.stop();
}

async function measureRound(name: string, server: ServerProcess, round: number): Promise<string> {
  const max = await runClosedLoop({ url: server.url, steps: pairSteps(), connections: CONNECTIONS, seconds: 3 });
  const rate = max.chains / max.seconds;
  const calls: PacedCall[] = [];
  // The load generator's own stalls: a 1 ms ticker records every gap longer than 5 ms.
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const stalls: { from: number; to: number }[] = [];
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    if (now - last > 5) stalls.push({ from: last, to: now });
    last = now;
  }, 1);
  const gcs: { at: number; ms: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcs.push({ at: entry.startTime, ms: entry.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  delay.enable();
  const half = await runPaced({
    url: server.url,
    steps: pairSteps(),
    chainsPerSecond: Math.max(1, rate / 2),
    seconds,
    warmupSeconds: WARMUP_SECONDS,
    measurement: `paced tail ${name}`,
    onCall: (call) => calls.push(call),
  });
  delay.disable();
  observer.disconnect();
  clearInterval(ticker);
  const ms = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return `${percentile(sorted, 50).toFixed(1)}/${percentile(sorted, 99).toFixed(1)}`;
  };
  if (process.env.BENCH_TIMELINE) {
    const epoch = (at: number) => Math.round((performance.timeOrigin + at) * 100) / 100;
    writeFileSync(
      join(process.env.BENCH_TIMELINE, `round-${round}-${name.replace(/\W+/g, '-')}.json`),
      JSON.stringify({
        side: name,
        pid: server.pid,
        calls: calls.map((call) => ({ step: call.step, due: epoch(call.dueAt), sent: epoch(call.sentAt), done: epoch(call.doneAt), ok: call.ok, warmup: call.warmup })),
        stalls: stalls.map((stall) => ({ from: epoch(stall.from), to: epoch(stall.to) })),
        gcs: gcs.map((gc) => ({ at: epoch(gc.at), ms: gc.ms })),
      }),
    );
  }
  const measured = calls.filter((call) => !call.warmup);
  const firstDue = Math.min(...calls.map((call) => call.dueAt));
  const firstSecond = calls.filter((call) => call.warmup && call.dueAt - firstDue < 1000 && call.step === 1);
  const slow = measured.filter((call) => call.doneAt - call.sentAt > 25);
  const duringStall = slow.filter((call) => stalls.some((stall) => stall.to > call.sentAt && stall.from < call.doneAt));
  return [
    name.padEnd(10),
    rate.toFixed(0).padStart(12),
    (half.chains / seconds).toFixed(0).padStart(8),
    ms(half.steps[0]!.latencies).padStart(14),
    ms(half.steps[1]!.latencies).padStart(14),
    ms(firstSecond.map((call) => call.doneAt - call.sentAt)).padStart(22),
    `${(delay.max / 1e6).toFixed(1)}/${(delay.percentile(99) / 1e6).toFixed(1)}`.padStart(23),
    `${gcs.reduce((sum, gc) => sum + gc.ms, 0).toFixed(0)}/${Math.max(0, ...gcs.map((gc) => gc.ms)).toFixed(1)}`.padStart(20),
    `${slow.length} / ${duringStall.length}`.padStart(20),
    String(server.pid).padStart(34),
    ...(probeFolder ? [serverSide(server.pid, firstDue, measured)] : []),
  ].join('  ');
}

/** What the probe recorded in the server during the measured window (BENCH_PROBE). */
function serverSide(pid: number, firstDue: number, measured: PacedCall[]): string {
  const file = join(probeFolder!, `probe-${pid}.jsonl`);
  if (!existsSync(file)) return 'server: no probe file';
  const epoch = (at: number) => performance.timeOrigin + at;
  const from = epoch(Math.min(...measured.map((call) => call.sentAt)));
  const to = epoch(Math.max(...measured.map((call) => call.doneAt)));
  const start = epoch(firstDue);
  const records = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { t: string; at: number; ms: number; cpu?: number; text?: string });
  const inWindow = records.filter((record) => record.at >= from && record.at <= to);
  const gaps = inWindow.filter((record) => record.t === 'gap' && record.ms > 10);
  const busy = gaps.filter((gap) => (gap.cpu ?? 0) >= 0.7 * gap.ms);
  const gcs = inWindow.filter((record) => record.t === 'gc');
  const commits = (records: { t: string; text?: string; ms: number }[]) => {
    const times = records.filter((record) => record.t === 'q' && record.text?.startsWith('COMMIT')).map((record) => record.ms);
    return times.length > 0 ? percentile(times, 50).toFixed(1) : '-';
  };
  const transition = records.filter((record) => record.at >= start && record.at < start + 300);
  return [
    `server gaps>10 ms ${gaps.length}, own work ${busy.length} (longest ${Math.max(0, ...busy.map((gap) => gap.ms)).toFixed(1)} ms)`,
    `GC ${gcs.reduce((sum, gc) => sum + gc.ms, 0).toFixed(0)} ms, longest ${Math.max(0, ...gcs.map((gc) => gc.ms)).toFixed(1)}`,
    `COMMIT median first 300 ms ${commits(transition)} / measured ${commits(inWindow)} ms`,
  ].join('; ');
}
