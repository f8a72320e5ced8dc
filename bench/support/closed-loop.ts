/**
 * Maximum load with autocannon: every connection sends a chain of calls (for example check then
 * order) one after another, as fast as the server answers, for a fixed time. Each answer is read:
 * a call counts as done only when its body says success, and every other answer is counted and
 * reported, so a fast run of errors can never pass for throughput.
 */
import autocannon from 'autocannon';
import { recordUnsuccessful } from './report.js';

/** What earlier calls of one chain left for later ones, e.g. the check's UUID for the order. */
export type ChainState = Record<string, unknown>;

export interface ChainStep {
  name: string;
  path: string;
  body(state: ChainState): string;
  /** True when the answer is a success; may store values in `state` for the next steps. */
  accept(body: string, state: ChainState): boolean;
  /** Headers of this request besides the XML content type, e.g. a signature over the body. */
  headers?(body: string, state: ChainState): Record<string, string>;
}

export interface StepFigures {
  name: string;
  /** Successful answers. */
  count: number;
  /** Latency of every answer, in ms. */
  latencies: number[];
}

export interface LoadFigures {
  seconds: number;
  /** Chains in which every call succeeded. */
  chains: number;
  /** Sum of the calls' latencies per successful chain, in ms. */
  chainLatencies: number[];
  steps: StepFigures[];
  unsuccessful: number;
}

export interface ClosedLoopOptions {
  url: string;
  steps: readonly ChainStep[];
  connections: number;
  seconds: number;
  /** Names the measurement in the failure report; undefined for warm-up runs. */
  measurement?: string;
}

export async function runClosedLoop(options: ClosedLoopOptions): Promise<LoadFigures> {
  const { steps } = options;
  const figures: StepFigures[] = steps.map((step) => ({ name: step.name, count: 0, latencies: [] }));
  const chainLatencies: number[] = [];
  const samples: string[] = [];
  let unsuccessful = 0;
  // autocannon calls a request's onResponse and then, synchronously, emits 'response' with the
  // latency of that same answer (lib/httpClient.js, kOnMessageComplete): `answered` carries the
  // verdict from one to the other.
  let answered: { step: number; ok: boolean } | undefined;
  const chains = new WeakMap<object, { ms: number; ok: boolean }>();
  let completedChains = 0;

  const requests = steps.map((step, index) => ({
    method: 'POST' as const,
    path: step.path,
    setupRequest(request: autocannon.Request, context: object) {
      const body = step.body(context as ChainState);
      request.headers = { 'content-type': 'text/xml', ...step.headers?.(body, context as ChainState) };
      request.body = body;
      return request;
    },
    onResponse(status: number, body: string, context: object) {
      const ok = status === 200 && step.accept(body, context as ChainState);
      if (!ok) {
        unsuccessful += 1;
        if (samples.length < 3) samples.push(`${step.name}: HTTP ${status} ${body.slice(0, 300)}`);
      }
      answered = { step: index, ok };
    },
  }));

  const started = performance.now();
  const onAnswer = (client: object, ms: number) => {
    if (!answered) return;
    const { step, ok } = answered;
    answered = undefined;
    const figure = figures[step]!;
    figure.latencies.push(ms);
    if (ok) figure.count += 1;
    const chain = chains.get(client) ?? { ms: 0, ok: true };
    chain.ms += ms;
    chain.ok &&= ok;
    if (step < steps.length - 1) {
      chains.set(client, chain);
      return;
    }
    chains.delete(client);
    if (chain.ok) {
      completedChains += 1;
      chainLatencies.push(chain.ms);
    }
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: options.url, connections: options.connections, duration: options.seconds, requests },
      (error: unknown, finished: autocannon.Result) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (client: object, _status: number, _bytes: number, ms: number) => onAnswer(client, ms));
  });
  const seconds = (performance.now() - started) / 1000;

  // autocannon counts timeouts among its errors.
  if (result.errors > 0) samples.push(`${result.errors} connection errors, of which ${result.timeouts} timeouts`);
  unsuccessful += result.errors;
  if (options.measurement) recordUnsuccessful(options.measurement, unsuccessful, samples);
  return { seconds, chains: completedChains, chainLatencies, steps: figures, unsuccessful };
}
