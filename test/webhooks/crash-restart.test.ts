/**
 * Deliveries survive a server killed with SIGKILL: the delivery row is committed with the event,
 * so a restarted server sends it, with the same X-Billink-Webhook-Id (docs/webhooks.md "Retries").
 * The server runs as a child process on a data folder (PGlite) or a schema (PostgreSQL) of its own.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Legacy, USERTEST } from '../support/legacy-client.js';
import { TEST_DATABASE_URL, dropSchema, uniqueSchema } from '../support/test-server.js';
import { WebhookReceiver, eventually, postJson, subscribe } from '../support/webhook-receiver.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const CREDENTIALS = { billinkUsername: USERTEST.username, billinkID: USERTEST.clientId };

interface Child {
  url: string;
  process: ChildProcess;
}

function databaseEnv(): { env: Record<string, string>; cleanup: () => Promise<void> } {
  if (TEST_DATABASE_URL) {
    const schema = uniqueSchema();
    return { env: { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, DATABASE_POOL_SIZE: '3', SANDBOX_SEED: 'on' }, cleanup: () => dropSchema(TEST_DATABASE_URL!, schema) };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'achteraf-crash-'));
  return { env: { DATA_DIR: dataDir }, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

async function startChild(env: Record<string, string>): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/bin/server.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', WEBHOOK_ALLOW_PRIVATE: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${output}`));
    });
  });
  return { url, process: child };
}

async function kill(child: Child, signal: NodeJS.Signals): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.kill(signal);
  await exited;
}

async function deliveries(url: string): Promise<any[]> {
  return (await postJson(url, '/v2/client/webhook/deliveries', { ...CREDENTIALS, pageSize: 100 })).json.deliveries as any[];
}

describe('a server killed with SIGKILL and started again', () => {
  let receiver: WebhookReceiver;
  const children: Child[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  before(async () => {
    receiver = await new WebhookReceiver().start();
  });
  after(async () => {
    for (const child of children) await kill(child, 'SIGKILL');
    await receiver.close();
    for (const cleanup of cleanups) await cleanup();
  });

  async function server(env: Record<string, string>): Promise<Child> {
    const child = await startChild(env);
    children.push(child);
    return child;
  }

  test('sends a delivery that was in flight when it died, with the same webhook id and body', async () => {
    const database = databaseEnv();
    cleanups.push(database.cleanup);
    // A 2 s time limit keeps the claim of the dead server short (time limit + 5 s).
    const env = { ...database.env, WEBHOOK_TIMEOUT_SECONDS: '2' };
    const first = await server(env);
    await subscribe(first.url, USERTEST, { url: receiver.url('/in-flight') });
    receiver.hangNext();
    const order = await new Legacy(first.url).placeOrder();
    const [hung] = await receiver.waitFor(1, (entry) => entry.path === '/in-flight' && entry.json.invoice_number_clean === order.orderNumber);
    assert.equal(hung!.answered, undefined);
    await kill(first, 'SIGKILL');

    const second = await server(env);
    const copies = await receiver.waitFor(2, (entry) => entry.webhookId === hung!.webhookId, 40_000);
    assert.equal(copies[1]!.body, hung!.body);
    assert.equal(copies[1]!.answered, 200);
    const delivered = await eventually(async () => (await deliveries(second.url)).find((d) => d.webhookId === hung!.webhookId && d.state === 'delivered'));
    assert.equal(delivered.attempts.at(-1).httpStatus, 200);
    await kill(second, 'SIGTERM');
  });

  test('sends a delivery that was queued before any job ran', async () => {
    const database = databaseEnv();
    cleanups.push(database.cleanup);
    const first = await server({ ...database.env, JOBS: 'off' });
    await subscribe(first.url, USERTEST, { url: receiver.url('/queued') });
    const order = await new Legacy(first.url).placeOrder();
    const [queued] = await deliveries(first.url);
    assert.deepEqual([queued.state, queued.attempts.length, JSON.parse(queued.body).invoice_number_clean], ['pending', 0, order.orderNumber]);
    await kill(first, 'SIGKILL');
    assert.equal(receiver.at('/queued').length, 0);

    const second = await server(database.env);
    const [delivered] = await receiver.waitFor(1, (entry) => entry.path === '/queued', 30_000);
    assert.equal(delivered!.webhookId, queued.webhookId);
    assert.equal(delivered!.body, queued.body);
    await kill(second, 'SIGTERM');
  });
});
