/**
 * Where a server's CPU went, from a `node --cpu-prof` profile (docs/benchmarks.md, "Profile"):
 * every sample is given to the innermost frame on its stack that belongs to a known part (XML,
 * validation, the credit policy, SQL, logging, the HTTP layer, the request hooks, ...), so a
 * library called by our code counts for the library and our code around it for our code.
 *
 *   tsx bench/profile-summary.ts <file.cpuprofile> [--ops=N] [--from=S] [--focus=WORD]
 *
 * --ops: the operations the profiled load completed (e.g. pairs), to print µs of CPU per operation;
 * --from: ignore the first S seconds of the profile, or with --from=load everything before the
 *   first sample in the legacy API's code (start-up, module loading);
 * --focus: list the functions in which the samples of the parts whose name has WORD were taken.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The first matching rule names the part; order matters (specific files before their folders). */
const PARTS: readonly [string, RegExp][] = [
  ['PDF rendering (pdfkit, fontkit, qrcode)', /node_modules\/(pdfkit|fontkit|@swc\/helpers|linebreak|unicode-properties|restructure|brotli|png-js|crypto-js|qrcode|dfa|tiny-inflate|unicode-trie|jpeg-exif)\//],
  ['e-mail building and SMTP (nodemailer)', /node_modules\/nodemailer\//],
  ['invoice PDF layout and mail bodies (outbound)', /src\/outbound\//],
  ['jobs (mail, timers, webhooks)', /src\/jobs\//],
  ['XML parsing and building (fast-xml-parser)', /node_modules\/fast-xml-parser\//],
  ['legacy XML request reading and validation', /src\/api\/billink-legacy\/(xml-request|endpoint|actions)\.ts/],
  ['legacy XML answer building', /src\/api\/billink-legacy\/xml-response\.ts/],
  ['legacy handlers and error mapping', /src\/api\/billink-(legacy|common)\//],
  ['credit policy (core/credit)', /src\/core\/credit\//],
  ['orders and invoices (core/orders, core/workflows)', /src\/core\/(orders|workflows|invoices)\//],
  ['other domain code (core)', /src\/core\//],
  ['SQL text and row mapping (store)', /src\/store\//],
  ['PostgreSQL driver (pg, pg-protocol)', /node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-[a-z]+)\//],
  ['PGlite', /node_modules\/@electric-sql\//],
  ['request hooks (request id, access log, metrics)', /src\/operations\//],
  ['rate limit and failed-authentication limit', /src\/api\/failed-auth-limit\.ts|rate-limit/],
  ['idempotency', /idempotenc/],
  ['logging (pino)', /node_modules\/(pino|pino-std-serializers|sonic-boom|fast-redact|thread-stream)\//],
  ['metrics (prom-client)', /node_modules\/prom-client\//],
  ['Fastify and its routing', /node_modules\/(fastify|@fastify|find-my-way|avvio|light-my-request|fast-json-stringify|secure-json-parse|process-warning|abstract-logging|toad-cache|rfdc|fast-querystring)\//],
  ['other server code (src)', /\/src\//],
  ['other libraries', /node_modules\//],
  ['Node HTTP and sockets', /^node:(_http|http|net|stream|internal\/(http|stream|streams|net|js_stream|child_process))/],
  ['Node other (promises, timers, buffers, crypto)', /^node:/],
];

const [file, ...flags] = process.argv.slice(2);
if (!file) throw new Error('usage: tsx bench/profile-summary.ts <file.cpuprofile> [--ops=N] [--from=S] [--focus=WORD]');
const flag = (name: string) => flags.find((text) => text.startsWith(`--${name}=`))?.slice(name.length + 3);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const operations = flag('ops') ? Number(flag('ops')) : undefined;
const fromLoad = flag('from') === 'load';
let fromMicros = fromLoad ? Infinity : Number(flag('from') ?? 0) * 1e6;
const focus = flag('focus');

const parentOf = new Map<number, ProfileNode>();
const byId = new Map<number, ProfileNode>();
for (const node of profile.nodes) {
  byId.set(node.id, node);
  for (const child of node.children ?? []) parentOf.set(child, node);
}

/** The part of a sample's leaf node: the innermost frame that matches a rule, or the VM's own. */
const partCache = new Map<number, string>();
function partOf(node: ProfileNode): string {
  const cached = partCache.get(node.id);
  if (cached) return cached;
  let part: string | undefined;
  const leafName = node.callFrame.functionName;
  if (leafName === '(idle)') part = 'idle (waiting on PostgreSQL and clients)';
  else if (leafName === '(garbage collector)') part = 'garbage collection';
  else if (leafName === '(program)') part = 'V8 and native code outside JavaScript';
  for (let at: ProfileNode | undefined = node; !part && at; at = parentOf.get(at.id)) {
    const url = sourceUrl(at.callFrame.url);
    if (!url) continue;
    part = PARTS.find(([, pattern]) => pattern.test(url))?.[0];
  }
  part ??= 'native, no JavaScript caller';
  partCache.set(node.id, part);
  return part;
}

const totals = new Map<string, number>();
/** Samples of the focused part, by leaf function and its innermost caller with a source. */
const focused = new Map<string, number>();
let all = 0;
let elapsed = 0;
profile.samples.forEach((id, index) => {
  const micros = profile.timeDeltas[index] ?? 0;
  elapsed += micros;
  const node = byId.get(id)!;
  const part = partOf(node);
  if (fromLoad && fromMicros === Infinity && part.startsWith('legacy')) fromMicros = elapsed;
  if (elapsed < fromMicros) return;
  totals.set(part, (totals.get(part) ?? 0) + micros);
  all += micros;
  if (focus && part.includes(focus)) {
    let caller = parentOf.get(node.id);
    while (caller && !caller.callFrame.url) caller = parentOf.get(caller.id);
    const key = `${frameName(node)} <- ${caller ? frameName(caller) : '?'}`;
    focused.set(key, (focused.get(key) ?? 0) + micros);
  }
});

function frameName(node: ProfileNode): string {
  const { functionName } = node.callFrame;
  return `${functionName || '(anonymous)'} ${sourceUrl(node.callFrame.url).replace(/^.*node_modules\//, '').replace(/^.*\/src\//, 'src/')}`;
}

/**
 * A module of a production build (`…/dist/api/x.js`, as the bench runs Achteraf's servers) named
 * by its source (`…/src/api/x.ts`), so the parts match either way of running the server.
 */
function sourceUrl(url: string): string {
  return url.includes('/node_modules/') ? url : url.replace(/\/dist\/(.*)\.js$/, '/src/$1.ts');
}
const busy = all - (totals.get('idle (waiting on PostgreSQL and clients)') ?? 0);
console.log(`${(all / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy${operations ? `, ${operations} operations` : ''}`);
for (const [part, micros] of [...totals].sort((a, b) => b[1] - a[1])) {
  const share = part.startsWith('idle') ? '' : `${((100 * micros) / busy).toFixed(1).padStart(5)}% of busy`;
  const each = operations ? `${(micros / operations).toFixed(0).padStart(6)} µs/op` : '';
  console.log(`${(micros / 1e3).toFixed(0).padStart(8)} ms  ${share.padEnd(14)} ${each}  ${part}`);
}
if (focus) {
  console.log(`\nin parts matching "${focus}":`);
  for (const [key, micros] of [...focused].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`${(micros / 1e3).toFixed(0).padStart(8)} ms  ${key}`);
  }
}
