/**
 * `npx tsx bench/raw-statements.ts`: proves that the raw Buckaroo Pay and raw v2 pair baselines
 * send the same statements as Achteraf (docs/benchmarks.md, "What each raw baseline sends"). Each
 * side runs as in the benchmark, on PostgreSQL (BENCH_DATABASE_URL), with every pg statement
 * logged; after two warm-up requests, the statements of a third are compared in order. Exits
 * non-zero when they differ or a request fails. Achteraf runs with JOBS=off, and its request log
 * flush (batched, not part of one request's work) is left out of its list.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { payStep } from './scenarios/buckaroo-pay.js';
import { v2PairSteps } from './scenarios/v2-order.js';
import type { ChainStep } from './support/closed-loop.js';
import { benchEngines } from './support/engines.js';
import { startServerProcess } from './support/server-process.js';

const BATCHED = /^INSERT INTO api_request_log /;
const dir = mkdtempSync(join(tmpdir(), 'raw-statements-'));
const postgres = (await benchEngines()).find((engine) => engine.name === 'postgres');
if (!postgres) throw new Error('PostgreSQL does not answer; the comparison needs it (BENCH_DATABASE_URL)');

const cases: { name: string; mode: string; steps: (host: string) => ChainStep[] }[] = [
  { name: 'Buckaroo Pay', mode: 'raw-pay', steps: (host) => [payStep(host)] },
  { name: 'v2 check+order', mode: 'raw-v2-pair', steps: () => v2PairSteps() },
];

let differ = false;
try {
  for (const each of cases) {
    const achteraf = await statementsOf(`${each.name}: achteraf`, 'src/bin/server.ts', { JOBS: 'off' }, each.steps);
    const raw = await statementsOf(`${each.name}: raw`, 'bench/support/baseline-server.ts', { BENCH_BASELINE: each.mode }, each.steps);
    const same = achteraf.length === raw.length && achteraf.every((statement, index) => statement === raw[index]);
    console.log(`${each.name}: Achteraf ${achteraf.length} statements, raw baseline ${raw.length}: ${same ? 'the same' : 'DIFFERENT'}`);
    if (!same) {
      differ = true;
      for (let index = 0; index < Math.max(achteraf.length, raw.length); index += 1) {
        const [a, r] = [achteraf[index] ?? '(none)', raw[index] ?? '(none)'];
        if (a !== r) console.log(`  #${index + 1}\n    achteraf: ${a.slice(0, 160)}\n    raw:      ${r.slice(0, 160)}`);
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exitCode = differ ? 1 : 0;

async function statementsOf(label: string, script: string, env: Record<string, string>, stepsFor: (host: string) => ChainStep[]): Promise<string[]> {
  const log = join(dir, `${label.replace(/\W+/g, '-')}.log`);
  const server = await startServerProcess({
    label,
    script,
    engine: postgres,
    env: { ...env, STATEMENT_LOG: log },
    nodeOptions: ['--import', './bench/support/statement-log.mjs'],
  });
  try {
    const steps = stepsFor(new URL(server.url).host);
    for (let round = 0; round < 3; round += 1) {
      if (round === 2) writeFileSync(log, '');
      const state: Record<string, unknown> = {};
      for (const step of steps) {
        const body = step.body(state);
        const answer = await fetch(new URL(step.path, server.url), {
          method: 'POST',
          body,
          headers: { 'content-type': 'text/xml', ...step.headers?.(body, state) },
        });
        const text = await answer.text();
        if (!answer.ok || !step.accept(text, state)) throw new Error(`${label}: ${step.name} answered ${answer.status} ${text.slice(0, 200)}`);
      }
    }
    return readFileSync(log, 'utf8').split('\n').filter((line) => line !== '' && !BATCHED.test(line));
  } finally {
    await server.stop();
  }
}
