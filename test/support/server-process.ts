/**
 * Runs the server as a child process, the way an operator starts it, for tests of what only a
 * process shows: signals, exit codes and the start log. On PostgreSQL (TEST_DATABASE_URL) each
 * child works in a schema of its own, dropped by `stop`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { dropSchema, TEST_DATABASE_URL, uniqueSchema } from './test-server.js';

export const ROOT = new URL('../../', import.meta.url).pathname;

export interface ServerProcess {
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the first output line that matches. */
  line(pattern: RegExp): Promise<string>;
  /** Exit code, or the signal's name when a signal ended it. */
  exited: Promise<number | string>;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  env?: Record<string, string>;
  /** The program to run; `node` by default. */
  command?: string;
  /** Its arguments; by default the development entry point through tsx. */
  args?: string[];
  cwd?: string;
  /** False: no database settings from the test environment (the test brings its own). */
  testDatabase?: boolean;
}

export function spawnServer(options: SpawnOptions = {}): ServerProcess {
  const schema = TEST_DATABASE_URL && options.testDatabase !== false ? uniqueSchema() : undefined;
  const database: Record<string, string> =
    options.testDatabase === false ? {} : TEST_DATABASE_URL ? { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema! } : { DATA_DIR: ':memory:' };
  const child = spawn(options.command ?? process.execPath, options.args ?? ['--import', 'tsx', 'src/bin/server.ts'], {
    cwd: options.cwd ?? ROOT,
    // SANDBOX_SEED: the tests sign in as the sandbox merchants, which PostgreSQL leaves out by default.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', LOG_LEVEL: 'info', SANDBOX_SEED: 'on', ...database, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiting: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const read = (chunk: Buffer) => {
    output += chunk.toString();
    for (const wait of [...waiting]) {
      const found = output.split('\n').find((line) => wait.pattern.test(line));
      if (found !== undefined) {
        waiting.splice(waiting.indexOf(wait), 1);
        wait.resolve(found);
      }
    }
  };
  child.stdout!.on('data', read);
  child.stderr!.on('data', read);
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return {
    child,
    output: () => output,
    line: (pattern) =>
      new Promise((resolve, reject) => {
        const found = output.split('\n').find((line) => pattern.test(line));
        if (found !== undefined) return resolve(found);
        waiting.push({ pattern, resolve });
        exited.then((code) => reject(new Error(`server exited (${code}) before printing ${pattern}:\n${output}`)));
      }),
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
      if (schema) await dropSchema(TEST_DATABASE_URL!, schema);
    },
  };
}

/** Waits for the start log line and returns the base URL the server listens on. */
export async function listeningUrl(server: ServerProcess): Promise<string> {
  const line = await server.line(/Achteraf listening on/);
  return /listening on (http:\/\/[^\s,)]+)/.exec(line)![1]!;
}
