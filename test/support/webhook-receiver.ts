/**
 * A real HTTP endpoint on loopback that records every webhook it receives, byte for byte, and
 * fails on demand: answer with a status for the next n requests, or hang until released.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  at: Date;
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body as received, for signature checks. */
  body: string;
  json: Record<string, unknown>;
  webhookId: string | undefined;
  /** What the receiver answered; undefined when it hung up or hung. */
  answered: number | undefined;
}

type Plan = { kind: 'status'; status: number; body?: string | undefined } | { kind: 'hang' };

export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private plans: Plan[] = [];
  private hanging: (() => void)[] = [];
  private server: Server | undefined;
  private base = '';

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json: Record<string, unknown> = {};
        try {
          json = JSON.parse(body) as Record<string, unknown>;
        } catch {
          // Recorded as is; the test looks at the raw body then.
        }
        const plan = this.plans.shift() ?? { kind: 'status', status: 200 };
        const header = request.headers['x-billink-webhook-id'];
        const entry: ReceivedWebhook = {
          at: new Date(),
          path: request.url ?? '',
          headers: request.headers,
          body,
          json,
          webhookId: typeof header === 'string' ? header : undefined,
          answered: undefined,
        };
        this.received.push(entry);
        if (plan.kind === 'hang') {
          this.hanging.push(() => response.destroy());
          return;
        }
        entry.answered = plan.status;
        const text = plan.body ?? (plan.status < 300 ? 'ok' : `failing on purpose (${plan.status})`);
        response.writeHead(plan.status, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  url(path = '/hook'): string {
    return this.base + path;
  }

  /** The next `times` requests get `status` (a failure when not 2xx); later ones get 200 again. */
  answer(status: number, times = 1, body?: string): void {
    for (let i = 0; i < times; i++) this.plans.push({ kind: 'status', status, body });
  }

  /** The next request is held open without an answer until release(). */
  hangNext(): void {
    this.plans.push({ kind: 'hang' });
  }

  /** Drops the held connections. */
  release(): void {
    for (const drop of this.hanging.splice(0)) drop();
  }

  at(path: string): ReceivedWebhook[] {
    return this.received.filter((entry) => entry.path === path);
  }

  /** Waits until `count` webhooks matching `filter` arrived, failing after `timeoutMs`. */
  async waitFor(count: number, filter: (entry: ReceivedWebhook) => boolean = () => true, timeoutMs = 15_000): Promise<ReceivedWebhook[]> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const matching = this.received.filter(filter);
      if (matching.length >= count) return matching;
      if (Date.now() > until) {
        throw new Error(`expected ${count} webhooks, got ${matching.length}: ${JSON.stringify(this.received.map((r) => [r.path, r.body]))}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async close(): Promise<void> {
    this.release();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

/** Polls `check` until it returns a value other than undefined, failing after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Posts JSON to the server the way v2 clients do and returns the status and parsed answer. */
export async function postJson(baseUrl: string, path: string, body: unknown): Promise<{ status: number; json: Record<string, any> }> {
  const response = await fetch(baseUrl + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

/** Sets a merchant's webhook through the API: v3 (with a fresh secret, returned) or classic. */
export async function subscribe(
  baseUrl: string,
  merchant: { username: string; clientId: string },
  options: { url: string; kind?: 'order' | 'session'; signed?: boolean },
): Promise<string | undefined> {
  const credentials = { billinkUsername: merchant.username, billinkID: merchant.clientId };
  const signed = options.signed ?? true;
  let secret: string | undefined;
  if (signed) {
    const generated = await postJson(baseUrl, '/v2/client/webhook-v3/secret/generate', credentials);
    secret = generated.json.secret as string;
  }
  const path = !signed ? '/v2/client/webhook/set' : options.kind === 'session' ? '/v2/session/webhook-v3/set' : '/v2/client/webhook-v3/set';
  const set = await postJson(baseUrl, path, { ...credentials, url: options.url });
  if (set.status !== 200) throw new Error(`could not set webhook: ${JSON.stringify(set.json)}`);
  return secret;
}
