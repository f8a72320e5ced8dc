/**
 * Loaded with `node --import` into Achteraf's bench servers when BENCH_MEMORY_TRACE=<folder> is set
 * (bench/support/server-process.ts): every 0.2 s it appends one JSON line to
 * <folder>/memory-<pid>.jsonl with what the server's resident memory is made of, to tell which
 * part sets the peak (docs/benchmarks.md "PGlite memory"). Off by default; nothing of it is in the
 * server itself.
 *
 *   t        ms since the probe was loaded
 *   cpu      the process's CPU time so far (user + system), ms
 *   rss hwm anon file   VmRSS, VmHWM, RssAnon, RssFile from /proc/self/status
 *   heap used ext ab    process.memoryUsage(): heapTotal, heapUsed, external, arrayBuffers
 *   spaces   physical size of each V8 heap space (new, old, code, large objects, ...)
 *   malloc peakMalloc   V8's malloced memory (its zones: parser, compilers) now and at its peak
 *   wasm     byteLength of every WebAssembly.Memory created (PGlite's heap), summed
 *   maps     every second, resident memory by kind of mapping from /proc/self/smaps: `wasmHeap`
 *            (a mapping of the WebAssembly memory's size), `malloc` (glibc's main [heap] and its
 *            thread arenas, which start on a 64 MB boundary), `otherAnon` (V8's heap pages and
 *            code, large malloc blocks, stacks), `file`; and `top`, the five largest anonymous
 *            mappings as [size, resident, 'a' when on a 64 MB boundary]
 * All sizes in MB.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';

const folder = process.env.BENCH_MEMORY_TRACE;
if (folder) {
  const file = join(folder, `memory-${process.pid}.jsonl`);
  const started = performance.now();
  const memories = [];
  // PGlite creates its heap with `new WebAssembly.Memory(...)`: a construct trap keeps a weak
  // reference to each, and the object handed back is the real Memory.
  WebAssembly.Memory = new Proxy(WebAssembly.Memory, {
    construct(target, args, newTarget) {
      const memory = Reflect.construct(target, args, newTarget);
      memories.push(new WeakRef(memory));
      return memory;
    },
  });
  const mb = (bytes) => Math.round((bytes / 1048576) * 10) / 10;
  const maps = (wasmBytes) => {
    const kinds = { wasmHeap: 0, malloc: 0, otherAnon: 0, file: 0 };
    const anon = [];
    let mapping;
    for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
      const head = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ (\d+)\s*(.*)$/.exec(line);
      if (head) {
        const start = BigInt(`0x${head[1]}`);
        const size = Number(BigInt(`0x${head[2]}`) - start);
        mapping = { size, arena: start % 67108864n === 0n && size <= 67108864, inode: head[3], name: head[4] };
        continue;
      }
      const rss = /^Rss:\s+(\d+) kB/.exec(line);
      if (!rss || !mapping) continue;
      const bytes = Number(rss[1]) * 1024;
      if (mapping.inode !== '0') kinds.file += bytes;
      else if (wasmBytes > 0 && mapping.size === wasmBytes) kinds.wasmHeap += bytes;
      else if (mapping.name === '[heap]' || mapping.arena) kinds.malloc += bytes;
      else kinds.otherAnon += bytes;
      if (mapping.inode === '0' && bytes > 0) anon.push([mb(mapping.size), mb(bytes), ...(mapping.arena ? ['a'] : [])]);
      mapping = undefined;
    }
    for (const kind of Object.keys(kinds)) kinds[kind] = mb(kinds[kind]);
    return { ...kinds, top: anon.sort((a, b) => b[1] - a[1]).slice(0, 5) };
  };
  const sample = (withMaps) => {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    const usage = process.memoryUsage();
    const heap = getHeapStatistics();
    const spaces = {};
    for (const space of getHeapSpaceStatistics()) spaces[space.space_name.replace(/_space$/, '')] = mb(space.physical_space_size);
    const cpu = process.cpuUsage();
    const wasm = memories.reduce((sum, ref) => sum + (ref.deref()?.buffer.byteLength ?? 0), 0);
    const line = {
      t: Math.round(performance.now() - started),
      cpu: Math.round((cpu.user + cpu.system) / 1000),
      rss: mb(kb('VmRSS') * 1024),
      hwm: mb(kb('VmHWM') * 1024),
      anon: mb(kb('RssAnon') * 1024),
      file: mb(kb('RssFile') * 1024),
      heap: mb(usage.heapTotal),
      used: mb(usage.heapUsed),
      ext: mb(usage.external),
      ab: mb(usage.arrayBuffers),
      spaces,
      malloc: mb(heap.malloced_memory),
      peakMalloc: mb(heap.peak_malloced_memory),
      wasm: mb(wasm),
      ...(withMaps ? { maps: maps(wasm) } : {}),
    };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  };
  let samples = 0;
  setInterval(() => sample(samples++ % 5 === 0), 200).unref();
}
