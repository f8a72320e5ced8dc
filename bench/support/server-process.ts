/**
 * Runs a server in a child process of its own, so the load generator never shares its event loop
 * and the server's memory can be read from /proc/<pid>/status. Each child gets a database of its
 * own: a fresh PostgreSQL schema (dropped afterwards) or a fresh PGlite folder (removed afterwards).
 *
 * Achteraf's own servers (scripts under src/) run as production runs them (docs/operations.md):
 * `node dist/bin/server.js` of a build of their checkout, made once per run into a temporary
 * folder (`buildCheckout`). Under tsx the same server held about 75 MB more and compiled every
 * module at start. The baselines (scripts under bench/) run with `node --import tsx`: they are a
 * few modules of their own, and what they measure is the database work beside them.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import type { BenchEngine } from './engines.js';
import { recordServerMemory } from './report.js';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerProcess {
  url: string;
  pid: number;
  /** Resident memory now (VmRSS) and its peak so far (VmHWM), in MB. */
  memory(): { rssMb: number; peakMb: number };
  /** CPU time the server process has used so far (user + system), in ms, from /proc/<pid>/stat. */
  cpuMs(): number;
  stop(): Promise<void>;
}

export interface ServerProcessOptions {
  /** Shown with the memory figures, e.g. "achteraf postgres". */
  label: string;
  /** Script relative to the repository root: under src/, run from the checkout's build; else with `node --import tsx`. */
  script: string;
  /** The database to give the child; none for a server that needs none. */
  engine: BenchEngine | undefined;
  /** Extra environment for the child. */
  env?: Record<string, string>;
  /** The checkout to run the script from; this repository by default (bench/compare.ts runs two). */
  root?: string;
  /** Extra node flags, e.g. `--cpu-prof` for a profile of the server under load. */
  nodeOptions?: string[];
}

const START_TIMEOUT_MS = 60_000;

export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const root = options.root ?? REPOSITORY_ROOT;
  const command = options.script.startsWith('src/')
    ? [join(await buildCheckout(root), options.script.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js'))]
    : ['--import', 'tsx', options.script];
  const port = await freePort();
  const database = provisionDatabase(options.engine);
  const probe = memoryProbe(options.script);
  const child = spawn(process.execPath, [...(options.nodeOptions ?? []), ...probe.nodeOptions, ...command], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...database.env,
      ...probe.env,
      ...options.env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilListening(url, child, exited);
  } catch (error) {
    await terminate(child, exited);
    await database.cleanUp();
    throw error;
  }

  const pid = child.pid!;
  let stopped = false;
  const memory = () => readMemory(pid);
  return {
    url,
    pid,
    memory,
    cpuMs: () => readCpuMs(pid),
    async stop() {
      if (stopped) return;
      stopped = true;
      const { rssMb, peakMb } = memory();
      recordServerMemory(options.label, rssMb, peakMb);
      await terminate(child, exited);
      await database.cleanUp();
    },
  };
}

/**
 * BENCH_MEMORY_TRACE=<folder> loads bench/support/memory-probe.mjs into Achteraf's servers (not the
 * baselines), which samples what their resident memory is made of every 0.2 s into
 * <folder>/memory-<pid>.jsonl (docs/benchmarks.md "PGlite memory"). Off by default.
 */
function memoryProbe(script: string): { nodeOptions: string[]; env: Record<string, string> } {
  const folder = process.env.BENCH_MEMORY_TRACE;
  if (!folder || !script.startsWith('src/')) return { nodeOptions: [], env: {} };
  return {
    nodeOptions: ['--import', new URL('./memory-probe.mjs', import.meta.url).href],
    env: { BENCH_MEMORY_TRACE: resolve(folder) },
  };
}

const builds = new Map<string, Promise<string>>();

/**
 * `npm run build` of a checkout into a temporary folder, once per run and checkout (bench/compare.ts
 * builds two), removed when the run ends. The folder holds what the built server reads beside
 * dist/: package.json (its version), and links to the checkout's docs/ and node_modules/.
 */
export function buildCheckout(root: string = REPOSITORY_ROOT): Promise<string> {
  const checkout = resolve(root);
  let build = builds.get(checkout);
  if (!build) {
    build = (async () => {
      const folder = mkdtempSync(join(tmpdir(), 'achteraf-bench-build-'));
      process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
      const started = performance.now();
      await promisify(execFile)(process.execPath, [join(checkout, 'scripts/build.mjs'), join(folder, 'dist')], { cwd: checkout });
      copyFileSync(join(checkout, 'package.json'), join(folder, 'package.json'));
      symlinkSync(join(checkout, 'node_modules'), join(folder, 'node_modules'));
      symlinkSync(join(checkout, 'docs'), join(folder, 'docs'));
      console.error(`built ${checkout} into ${folder} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      return folder;
    })();
    builds.set(checkout, build);
  }
  return build;
}

interface ProvisionedDatabase {
  env: Record<string, string>;
  cleanUp(): Promise<void>;
}

function provisionDatabase(engine: BenchEngine | undefined): ProvisionedDatabase {
  if (!engine) return { env: {}, cleanUp: async () => {} };
  if (engine.name === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'achteraf-bench-'));
    // NODE_ENV=production turns seeding off on PGlite too; the load signs in as a sandbox merchant.
    return { env: { DATA_DIR: dir, SANDBOX_SEED: 'on' }, cleanUp: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  return {
    env: { DATABASE_URL: engine.url, DATABASE_SCHEMA: schema, SANDBOX_SEED: 'on' },
    async cleanUp() {
      const client = new pg.Client({ connectionString: engine.url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

async function waitUntilListening(url: string, child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`server process ${child.pid} exited with code ${exitCode} before listening`);
    try {
      const response = await fetch(`${url}/health`);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server process ${child.pid} did not answer ${url}/health within ${START_TIMEOUT_MS / 1000} s`);
}

async function terminate(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function readMemory(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kilobytes('VmRSS') / 1024, peakMb: kilobytes('VmHWM') / 1024 };
}

/** Fields 14 and 15 of /proc/<pid>/stat, counted after the parenthesised command name. */
function readCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** USER_HZ, 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

/** Asks the kernel for a free loopback port; the child binds it a moment later. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
