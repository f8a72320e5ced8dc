/**
 * The embedded engine: PGlite in this process, behind the same Database interface as PostgreSQL
 * (database.ts), with its memory settings, its turns and the lock on its data folder.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { PGlite } from '@electric-sql/pglite';
import { DATE, type Database, INT8, type Queryable } from './database.js';
import { withoutValues } from './database-error.js';

/**
 * PGlite's default of 128 MB is resident for the life of the process. The sandbox-sized data it is
 * meant for fits in 32 MB; below 16 MB every order reads pages back through the file system and
 * costs twice the CPU (docs/benchmarks.md).
 */
export const PGLITE_SHARED_BUFFERS = '32MB';

/** V8's WebAssembly compilation tasks in a process that opens PGlite (see openPglite). */
export const PGLITE_COMPILATION_TASKS = 1;

/**
 * V8 settings for PGlite's WebAssembly, set by openPglite before PGlite is loaded. V8 optimises
 * PGlite's hot functions (about 600 of them, 10 s of compiler time after a start) with TurboFan,
 * whose work areas come from malloc: up to 23 MB for one function, 750 MB in all. glibc keeps what
 * they free in its arenas, so that memory, not PostgreSQL's (PGlite's own heap stays at 50 MB
 * touched), made the server's peak: 77–103 MB of malloc arenas against 28–32 MB with no
 * optimisation at all (docs/benchmarks.md "PGlite memory, broken down"). One compilation task at a
 * time and TurboFan's mid-tier register allocator (the one it already takes for huge functions;
 * the flag holds for the whole process, our JavaScript too, and V8's help lists it "for testing":
 * a V8 without it warns and goes on with its default) held 52 MB against 101 MB, peaks
 * 251–260 MB against 272–296 MB, at no server CPU per pair that three interleaved runs could tell
 * apart. No optimisation at all (`--liftoff-only`, 222 MB) cost 1.16 × the CPU per pair.
 */
const PGLITE_V8_FLAGS = [`--wasm-num-compilation-tasks=${PGLITE_COMPILATION_TASKS}`, '--turbo-force-mid-tier-regalloc'];

/**
 * PGlite keeps its files in `dataDir` (or in memory when none is given). It has no lock of its
 * own and two processes on one folder corrupt it, so a lock file refuses a second opener.
 */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  const releaseLock = dataDir ? takeDirectoryLock(dataDir) : () => {};
  let db: PGlite;
  let Mutex: typeof import('@electric-sql/pglite').Mutex;
  let PgliteStatements: typeof import('./pglite-statements.js').PgliteStatements;
  try {
    if (dataDir) await createFolderInChild(join(dataDir, 'pglite'));
    // Read when PGlite's module is compiled, so they must be set before it is loaded (PGLITE_V8_FLAGS).
    for (const flag of PGLITE_V8_FLAGS) setFlagsFromString(flag);
    // Loaded only when used: the module alone holds about 40 MB, which a server on PostgreSQL never needs.
    const pglite = await import('@electric-sql/pglite');
    ({ Mutex } = pglite);
    ({ PgliteStatements } = await import('./pglite-statements.js'));
    db = await pglite.PGlite.create(dataDir ? join(dataDir, 'pglite') : undefined, {
      parsers: { [INT8]: Number, [DATE]: (value: string) => value },
      startParams: [...pglite.PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
    });
  } catch (error) {
    releaseLock();
    throw error;
  }
  const statements = new PgliteStatements(db);
  // Every use of the database takes its turn here, first come first served as PGlite's own queue:
  // a statement outside a transaction must not run inside another caller's open transaction, and
  // statements sent through the protocol API (pglite-statements.ts) do not take PGlite's turns.
  const turns = new Mutex();
  // PGlite puts the SQL text and every parameter on its errors: they never leave this file.
  const run = async (sql: string, params: readonly unknown[] | undefined, inTransaction: boolean) => {
    try {
      return await statements.run<never>(sql, params ?? [], inTransaction);
    } catch (error) {
      throw withoutValues(error, sql);
    }
  };
  return {
    engine: 'pglite',
    exclusive: true,
    query: (sql, params) => turns.runExclusive(() => run(sql, params, false)),
    transaction: (work) =>
      turns.runExclusive(() =>
        db.transaction(async () => {
          let open = true;
          const tx: Queryable = {
            exclusive: true,
            query: async (sql, params) => {
              if (!open) throw new Error('Transaction is closed');
              return await run(sql, params, true);
            },
          };
          try {
            return await work(tx);
          } finally {
            open = false;
          }
        }),
      ),
    async exec(sql) {
      await turns
        .runExclusive(() => db.exec(sql))
        .catch((error: unknown) => {
          throw withoutValues(error, sql);
        });
    },
    async close() {
      await db.close();
      releaseLock();
    },
  };
}

/**
 * A new database folder is created (initdb) by a short-lived child process: the process that runs
 * initdb keeps about 500 MB more resident memory than a server needs, and would keep it as its
 * peak for good (docs/benchmarks.md). The server then opens the folder like any existing one.
 */
async function createFolderInChild(folder: string): Promise<void> {
  if (existsSync(join(folder, 'PG_VERSION'))) return;
  const script =
    `const { PGlite } = await import(${JSON.stringify(import.meta.resolve('@electric-sql/pglite'))});` +
    'const db = await PGlite.create(process.argv[1]); await db.close();';
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '--eval', script, folder], { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`Creating the embedded database in ${folder} failed: ${errors.trim() || `exit code ${code}`}`)),
    );
  });
}

/** Folders this process has open, so a second server in the same process is refused too. */
const openFolders = new Set<string>();

/**
 * The lock file holds the holder's PID and, where /proc exists, the holder's start time, so a
 * lock is only honoured while the very process that wrote it runs. A lock is stale, and taken
 * over, when it names this process but this process has no server on the folder (a container
 * restarted after kill -9 gets the same PID again), when its process is gone, or when its PID now
 * belongs to another process (docs/security.md "The embedded database lock").
 */
function takeDirectoryLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const folder = realpathSync(dataDir);
  const lockPath = join(dataDir, 'achteraf.lock');
  const inUse = (pid: number) =>
    new Error(
      `The embedded database in ${dataDir} is in use by process ${pid}. PGlite allows one process per folder; ` +
        'stop that process, choose another DATA_DIR, or use PostgreSQL (DATABASE_URL) to run several.',
    );
  if (openFolders.has(folder)) throw inUse(process.pid);
  const ours = `${process.pid}\n${processStartTime(process.pid) ?? ''}\n`;
  try {
    writeFileSync(lockPath, ours, { flag: 'wx' });
  } catch {
    const holder = readLock(lockPath);
    if (holder && holdsLock(holder)) throw inUse(holder.pid);
    // The holder died without cleaning up (kill -9): take the lock over. Two processes finding the
    // same stale lock at once may both get here (docs/security.md); a fresh lock is exclusive.
    rmSync(lockPath, { force: true });
    try {
      writeFileSync(lockPath, ours, { flag: 'wx' });
    } catch {
      throw inUse(readLock(lockPath)?.pid ?? 0);
    }
  }
  openFolders.add(folder);
  return () => {
    openFolders.delete(folder);
    rmSync(lockPath, { force: true });
  };
}

interface LockHolder {
  pid: number;
  /** Absent in locks written where /proc is missing, or by versions before the start time was kept. */
  startTime: string | undefined;
}

function readLock(lockPath: string): LockHolder | undefined {
  let text: string;
  try {
    text = readFileSync(lockPath, 'utf8');
  } catch {
    return undefined;
  }
  const [pidText, startTime] = text.split('\n');
  const pid = Number(pidText);
  return Number.isSafeInteger(pid) && pid > 0 ? { pid, startTime: startTime || undefined } : undefined;
}

function holdsLock(holder: LockHolder): boolean {
  // Our own PID, yet this process has no server on the folder: an earlier life of this PID.
  if (holder.pid === process.pid) return false;
  if (!isRunning(holder.pid)) return false;
  if (!existsSync('/proc/self/stat')) return true; // Without /proc a running PID is all we can know.
  if (holder.startTime !== undefined) return processStartTime(holder.pid) === holder.startTime;
  // A lock without a start time: only a Node.js process can be an Achteraf server.
  const command = readProc(holder.pid, 'cmdline')?.split('\0')[0] ?? '';
  return /node/i.test(basename(command));
}

/** Field 22 of /proc/<pid>/stat, the start time in clock ticks since boot; it tells PID reuse apart. */
function processStartTime(pid: number): string | undefined {
  const stat = readProc(pid, 'stat');
  // The command name (field 2) is in parentheses and may hold spaces: count from after it.
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
