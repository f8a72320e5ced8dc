/**
 * How long and how hard each measurement runs. The defaults keep `npm run bench` at about three
 * minutes on two cores; BENCH_SECONDS lengthens every measurement for steadier figures.
 */
/** `npm run bench -- --quick`: short measurements and a smaller clock advance, for a first look. */
export const QUICK = process.argv.includes('--quick');
export const MEASURE_SECONDS = positive(process.env.BENCH_SECONDS, QUICK ? 2 : 6);
/** Unreported load before each measurement, so JIT compilation and pool start-up are not measured. */
export const WARMUP_SECONDS = 2;
/**
 * Concurrent connections of every maximum-load run, baselines included. Two cores saturate long
 * before this; more only lengthens queues.
 */
export const CONNECTIONS = positive(process.env.BENCH_CONNECTIONS, 16);
/** Credit checks the raw order baseline creates up front; it marks one used per order. */
export const SEEDED_CHECKS = 50_000;

function positive(text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`expected a positive number, got ${text}`);
  return value;
}
