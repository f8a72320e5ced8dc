/** Latency percentiles from raw samples (milliseconds), by nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function p50p99(samples: readonly number[]): { p50Ms: number; p99Ms: number } {
  return { p50Ms: percentile(samples, 50), p99Ms: percentile(samples, 99) };
}
