// Loaded into a bench server with `node --import <this file>?out=<folder>` by bench/paced-tail.ts
// (BENCH_PROBE), never by the benchmark's measurements. Writes to <folder>/probe-<pid>.jsonl, as
// JSON lines with epoch-ms times:
// - `gap`: every gap of more than 5 ms between two ticks of a 1 ms timer (the event loop held or
//   the process not scheduled), with the process's CPU time used during it: a gap with CPU close
//   to its length was the server's own work (JavaScript, GC); one with little CPU was the machine;
// - `gc`: every garbage collection pause;
// - `q`: every pg statement, when it was sent, how long until its answer, its first words.
// The server gets only the environment bench/support/server-process.ts names, hence the query
// string.
import { appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';

const folder = new URL(import.meta.url).searchParams.get('out') ?? '.';
const file = join(folder, `probe-${process.pid}.jsonl`);
const origin = performance.timeOrigin;
const lines = [];

let lastTick = performance.now();
let lastCpu = process.cpuUsage();
setInterval(() => {
  const now = performance.now();
  const cpu = process.cpuUsage();
  if (now - lastTick > 5) {
    const cpuMs = (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000;
    lines.push(JSON.stringify({ t: 'gap', at: origin + now, ms: +(now - lastTick).toFixed(2), cpu: +cpuMs.toFixed(2) }));
  }
  lastTick = now;
  lastCpu = cpu;
}, 1).unref();

setInterval(() => {
  if (lines.length > 0) appendFileSync(file, `${lines.splice(0).join('\n')}\n`);
}, 100).unref();

new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) lines.push(JSON.stringify({ t: 'gc', at: origin + entry.startTime, ms: +entry.duration.toFixed(2) }));
}).observe({ entryTypes: ['gc'] });

// pg is the server's own (resolved from its working directory, the checkout), so the patch is on
// the class its pool uses.
const pg = createRequire(join(process.cwd(), 'package.json'))('pg');
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function timed(config, values, callback) {
  const text = String(typeof config === 'string' ? config : config?.text).replace(/\s+/g, ' ').slice(0, 48);
  const sentAt = origin + performance.now();
  const record = () => lines.push(JSON.stringify({ t: 'q', at: sentAt, ms: +(origin + performance.now() - sentAt).toFixed(2), text }));
  const wrap = (done) => (error, result) => {
    record();
    done(error, result);
  };
  if (typeof values === 'function') values = wrap(values);
  else if (typeof callback === 'function') callback = wrap(callback);
  else if (typeof config?.callback === 'function') config.callback = wrap(config.callback);
  const result = query.call(this, config, values, callback);
  if (typeof result?.then === 'function') result.then(record, record);
  return result;
};
