/**
 * CPU time of the PostgreSQL backends that serve one server process, for "where does the machine's
 * CPU go" beside the server's own (bench/compare.ts). A backend is found by the client port of one
 * of the server's connections to PostgreSQL (`ss`, which lists the sockets of our own children,
 * and `pg_stat_activity.client_port`); its CPU comes from /proc/<pid>/stat, which every user may
 * read. Backends on the same PostgreSQL that other programs use are not counted. Linux only.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import pg from 'pg';

/** USER_HZ, 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

export class PostgresBackendCpu {
  private constructor(
    private readonly admin: pg.Client,
    private readonly serverPid: number,
    private readonly postgresPort: number,
  ) {}

  static async open(databaseUrl: string, serverPid: number): Promise<PostgresBackendCpu> {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    return new PostgresBackendCpu(admin, serverPid, Number(new URL(databaseUrl).port || 5432));
  }

  /** Backend pid -> its CPU time so far in ms, for every backend the server is connected to now. */
  async snapshot(): Promise<Map<number, number>> {
    const ports = this.clientPorts();
    const cpu = new Map<number, number>();
    if (ports.length === 0) return cpu;
    const { rows } = await this.admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE client_port = ANY($1)', [ports]);
    for (const { pid } of rows) {
      try {
        cpu.set(pid, readCpuMs(pid));
      } catch {
        // The backend ended between the two reads.
      }
    }
    return cpu;
  }

  /** CPU the backends used between two snapshots; a backend that started in between counts whole. */
  static usedMs(before: Map<number, number>, after: Map<number, number>): number {
    let used = 0;
    for (const [pid, ms] of after) used += ms - (before.get(pid) ?? 0);
    return used;
  }

  async close(): Promise<void> {
    await this.admin.end();
  }

  private clientPorts(): number[] {
    const out = execFileSync('ss', ['-tnpH', 'state', 'established', `( dport = :${this.postgresPort} )`], { encoding: 'utf8' });
    const ports: number[] = [];
    for (const line of out.split('\n')) {
      if (!line.includes(`pid=${this.serverPid},`)) continue;
      const local = line.trim().split(/\s+/)[2] ?? '';
      ports.push(Number(local.slice(local.lastIndexOf(':') + 1)));
    }
    return ports;
  }
}

function readCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}
