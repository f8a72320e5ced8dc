/**
 * A steady load below the maximum: chains start at evenly spaced moments whatever the server's
 * speed (an open loop), and a chain's latency runs from the moment it was due, so a server that
 * falls behind shows it instead of slowing the client down.
 *
 * autocannon's own rate limit (overallRate) is not used for this: it lets each connection send
 * its quota for the second as fast as it can and then idle until the next second, so its
 * latencies are those of a burst at full speed, not of a steady half load.
 *
 * `warmupSeconds` of the same paced load run first, unreported, as every other measurement has
 * its warm-up (settings.ts). The bench runs this right after a run at maximum load, and the first
 * second after it is not half load yet: Achteraf's COMMITs were still several times slower then
 * than in the seconds after (docs/benchmarks.md, "The half-load tail"). The warm-up's answers are
 * still read, and one that is not a success still fails the run.
 */
import { Agent, request } from 'node:http';
import type { ChainState, ChainStep, LoadFigures, StepFigures } from './closed-loop.js';
import { recordUnsuccessful } from './report.js';

export interface PacedOptions {
  url: string;
  steps: readonly ChainStep[];
  chainsPerSecond: number;
  seconds: number;
  measurement: string;
  /** Paced load before the measured seconds, at the same rate and unreported; none by default. */
  warmupSeconds?: number;
  /** Told of every call once answered (times from performance.now()), for a timeline of slow calls. */
  onCall?: (call: PacedCall) => void;
}

export interface PacedCall {
  /** Index of the step in the chain. */
  step: number;
  /** When the chain was due, when this call was sent and when its answer was complete. */
  dueAt: number;
  sentAt: number;
  doneAt: number;
  ok: boolean;
  /** Part of the unreported warm-up. */
  warmup: boolean;
}

const DRAIN_TIMEOUT_MS = 30_000;

export async function runPaced(options: PacedOptions): Promise<LoadFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const figures: StepFigures[] = options.steps.map((step) => ({ name: step.name, count: 0, latencies: [] }));
  const chainLatencies: number[] = [];
  const samples: string[] = [];
  let unsuccessful = 0;
  let settled = 0;

  const runChain = async (dueAt: number, warmup: boolean) => {
    const state: ChainState = {};
    let ok = true;
    for (const [index, step] of options.steps.entries()) {
      const sent = performance.now();
      let verdict = false;
      try {
        const answer = await post(agent, options.url + step.path, step.body(state));
        verdict = answer.status === 200 && step.accept(answer.body, state);
        if (!verdict && samples.length < 3) samples.push(`${step.name}: HTTP ${answer.status} ${answer.body.slice(0, 300)}`);
      } catch (error) {
        if (samples.length < 3) samples.push(`${step.name}: ${(error as Error).message}`);
      }
      const figure = figures[index]!;
      const done = performance.now();
      if (!warmup) figure.latencies.push(done - sent);
      options.onCall?.({ step: index, dueAt, sentAt: sent, doneAt: done, ok: verdict, warmup });
      if (verdict) {
        if (!warmup) figure.count += 1;
      } else unsuccessful += 1;
      ok &&= verdict;
    }
    if (ok && !warmup) chainLatencies.push(performance.now() - dueAt);
    settled += 1;
    return ok;
  };

  const warmups = Math.round(options.chainsPerSecond * (options.warmupSeconds ?? 0));
  const total = warmups + Math.max(1, Math.round(options.chainsPerSecond * options.seconds));
  const spacing = 1000 / options.chainsPerSecond;
  const running: Promise<boolean>[] = [];
  const started = performance.now();
  const measuredFrom = started + warmups * spacing;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      while (running.length < total && started + running.length * spacing <= now) {
        running.push(runChain(started + running.length * spacing, running.length < warmups));
      }
      if (running.length === total) {
        clearInterval(timer);
        resolve();
      }
    }, 1);
  });
  const drained = await Promise.race([
    Promise.all(running).then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), DRAIN_TIMEOUT_MS).unref()),
  ]);
  if (!drained) samples.push(`chains still unanswered ${DRAIN_TIMEOUT_MS / 1000} s after the last was due`);
  const seconds = (performance.now() - measuredFrom) / 1000;
  agent.destroy();

  const chains = chainLatencies.length;
  if (!drained) unsuccessful += total - settled;
  recordUnsuccessful(options.measurement, unsuccessful, samples);
  return { seconds, chains, chainLatencies, steps: figures, unsuccessful };
}

function post(agent: Agent, url: string, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body) } },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}
