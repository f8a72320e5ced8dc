/**
 * What every benchmark scenario reports. `npm run bench` (bench/run.ts) runs each module in
 * bench/scenarios/ in turn and prints all rows in one table, baselines beside the flows.
 */
export interface BenchRow {
  scenario: string;
  engine: 'postgres' | 'pglite' | 'none';
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Resident memory of the server process at the end of the scenario. */
  rssMb?: number;
  /** Wall time of a one-shot measurement (e.g. one clock advance), for targets set in seconds. */
  seconds?: number;
  /** Anything a reader needs to compare the row, e.g. "baseline" or a target. */
  note?: string;
}

/** A scenario module's default export. It starts and stops whatever it needs, on loopback only. */
export type BenchScenario = () => Promise<BenchRow[]>;
