/**
 * Profiles the v2 check+order pair or the Buckaroo Pay against its own raw baseline
 * (docs/benchmarks.md, "v2 pair and Buckaroo Pay on a faster machine"): starts Achteraf's server
 * (production build, started as its bench row starts it) and the raw baseline one after the other, each with
 * `node --cpu-prof`, drives the bench's own steps at the bench's connections, and prints per side
 * operations/s, server CPU per operation (user + system time), PostgreSQL backends' CPU per operation and the profile
 * file, for bench/profile-summary.ts --ops=N.
 *
 *   tsx bench/profile-v2-pay.ts <v2|pay> <profile folder> [seconds]
 *
 * BENCH_HEAP_PROF=1 takes an allocation profile instead of the CPU profile (V8's sampling heap
 * profiler, freed objects kept, from the end of the warm-up; bench/support/allocation-sampler.mjs):
 * what the load allocates, for a summary per operation.
 *
 * BENCH_STRACE=1 also counts the server's socket system calls during the measurement
 * (`strace -c -f` attached to it, which slows it: read the counts, not that run's rates).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { payStep } from './scenarios/buckaroo-pay.js';
import { v2PairSteps } from './scenarios/v2-order.js';
import { type ChainStep, runClosedLoop } from './support/closed-loop.js';
import { benchEngines } from './support/engines.js';
import { PostgresBackendCpu } from './support/postgres-cpu.js';
import { startServerProcess } from './support/server-process.js';
import { CONNECTIONS, WARMUP_SECONDS } from './support/settings.js';

const [kind = 'v2', folderText = 'profiles', secondsText = '6'] = process.argv.slice(2);
if (kind !== 'v2' && kind !== 'pay') throw new Error('usage: tsx bench/profile-v2-pay.ts <v2|pay> <profile folder> [seconds]');
const postgres = (await benchEngines()).find((engine) => engine.name === 'postgres');
if (!postgres) throw new Error('PostgreSQL does not answer');
/** User and system CPU of a process so far, in ms (/proc/<pid>/stat fields 14 and 15, clock ticks of 10 ms). */
function userSystemMs(pid: number): [number, number] {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return [Number(fields[11]) * 10, Number(fields[12]) * 10];
}
const heapProfile = process.env.BENCH_HEAP_PROF === '1';
const profileSuffix = heapProfile ? '.heapprofile' : '.cpuprofile';
const ALLOCATION_SAMPLER = fileURLToPath(new URL('./support/allocation-sampler.mjs', import.meta.url));
const allocationFile = (folder: string): Record<string, string> =>
  heapProfile ? { ALLOCATION_PROFILE_FILE: resolve(folder, 'allocations.heapprofile') } : {};
const stepsFor = (host: string): ChainStep[] => (kind === 'pay' ? [payStep(host)] : v2PairSteps());

for (const side of ['achteraf', 'raw'] as const) {
  const folder = resolve(folderText, `${kind}-${side}`);
  mkdirSync(folder, { recursive: true });
  const server = await startServerProcess({
    label: `${side} ${kind} (postgres)`,
    ...(side === 'raw'
      ? { script: 'bench/support/baseline-server.ts', env: { BENCH_BASELINE: kind === 'pay' ? 'raw-pay' : 'raw-v2-pair', ...allocationFile(folder) } }
      : { script: 'src/bin/server.ts', env: { ...(kind === 'pay' ? { SANDBOX_SEED: 'on' } : {}), ...allocationFile(folder) } }),
    engine: postgres,
    nodeOptions: heapProfile ? ['--import', ALLOCATION_SAMPLER] : ['--cpu-prof', `--cpu-prof-dir=${folder}`],
  });
  const backends = await PostgresBackendCpu.open(postgres.url, server.pid);
  let ops = 0;
  try {
    const load = { url: server.url, steps: stepsFor(new URL(server.url).host), connections: CONNECTIONS };
    const warmup = (await runClosedLoop({ ...load, seconds: WARMUP_SECONDS })).chains;
    // The allocation profile starts here, so it holds the measurement's operations only.
    if (heapProfile) process.kill(server.pid, 'SIGUSR2');
    else ops += warmup;
    const cpuBefore = server.cpuMs();
    const [userBefore, systemBefore] = userSystemMs(server.pid);
    const backendsBefore = await backends.snapshot();
    const strace = process.env.BENCH_STRACE
      ? spawn('strace', ['-c', '-f', '-e', 'trace=write,writev,read,recvfrom,sendto,epoll_wait', '-p', String(server.pid)], { stdio: ['ignore', 'ignore', 'pipe'] })
      : undefined;
    let counts = '';
    strace?.stderr.on('data', (chunk: Buffer) => (counts += chunk.toString()));
    const figures = await runClosedLoop({ ...load, seconds: Number(secondsText), measurement: side });
    if (strace) {
      const ended = new Promise((done) => strace.once('exit', done));
      strace.kill('SIGINT');
      await ended;
      console.log(`${side} ${kind}: ${figures.chains} ops under strace\n${counts}`);
    }
    ops += figures.chains;
    const cpu = (server.cpuMs() - cpuBefore) / figures.chains;
    const [userAfter, systemAfter] = userSystemMs(server.pid);
    const split = `user ${((userAfter - userBefore) / figures.chains).toFixed(2)} + system ${((systemAfter - systemBefore) / figures.chains).toFixed(2)} ms/op`;
    const backendCpu = PostgresBackendCpu.usedMs(backendsBefore, await backends.snapshot()) / figures.chains;
    console.log(
      `${side} ${kind}: ${(figures.chains / figures.seconds).toFixed(0)}/s, server CPU ${cpu.toFixed(2)} ms/op (${split}), ` +
        `PostgreSQL backends ${backendCpu.toFixed(2)} ms/op, unsuccessful ${figures.unsuccessful}; ${ops} ops in the profile`,
    );
  } finally {
    await backends.close();
    await server.stop();
  }
  console.log(`  profile: ${folder}/${readdirSync(folder).filter((name) => name.endsWith(profileSuffix)).sort().at(-1)}`);
}
