/**
 * What a run notes besides its rows: the memory of every server process it started and every
 * answer that was not a success. bench/run.ts prints both after the table; a run with a single
 * unsuccessful answer exits non-zero, because a benchmark that measures errors measures nothing.
 */

export interface ServerMemory {
  label: string;
  /** VmRSS when the server was stopped. */
  rssMb: number;
  /** VmHWM: the most the server ever held resident. */
  peakMb: number;
}

export interface Unsuccessful {
  measurement: string;
  count: number;
  /** A few of the answers as received, to show what went wrong. */
  samples: string[];
}

const memories: ServerMemory[] = [];
const unsuccessful: Unsuccessful[] = [];

export function recordServerMemory(label: string, rssMb: number, peakMb: number): void {
  memories.push({ label, rssMb, peakMb });
}

export function recordUnsuccessful(measurement: string, count: number, samples: string[]): void {
  if (count > 0) unsuccessful.push({ measurement, count, samples: samples.slice(0, 3) });
}

export function serverMemories(): readonly ServerMemory[] {
  return memories;
}

export function unsuccessfulAnswers(): readonly Unsuccessful[] {
  return unsuccessful;
}
