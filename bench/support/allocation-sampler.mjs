/**
 * Loaded into a server with `node --import` by bench/profile-v2-pay.ts (BENCH_HEAP_PROF=1): V8's
 * sampling heap profiler, keeping the samples of objects the garbage collector freed too, so the
 * profile shows what the load allocates, not only what stays alive (which is all `--heap-prof`
 * keeps). Sampling starts on SIGUSR2 (sent after the warm-up, so start-up is left out) and the
 * profile is written to ALLOCATION_PROFILE_FILE when the process is asked to stop.
 */
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';

const file = process.env.ALLOCATION_PROFILE_FILE;
const session = new Session();
session.connect();
let written = false;

process.on('SIGUSR2', () => {
  session.post('HeapProfiler.startSampling', {
    samplingInterval: 16_384,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
});

function write() {
  if (written || !file) return;
  written = true;
  session.post('HeapProfiler.stopSampling', (error, result) => {
    if (!error) writeFileSync(file, JSON.stringify(result.profile));
  });
}
for (const signal of ['SIGTERM', 'SIGINT']) process.prependListener(signal, write);
