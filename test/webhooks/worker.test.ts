/**
 * `npm run worker` (src/bin/worker.ts): webhook delivery in processes of their own beside a
 * server started with JOBS=off. Several workers share one PostgreSQL database without sending any
 * delivery twice; on the embedded database the worker refuses to start.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { Legacy, USERTEST } from '../support/legacy-client.js';
import { startTestServer, TEST_DATABASE_URL, type TestServer } from '../support/test-server.js';
import { WebhookReceiver, eventually, subscribe } from '../support/webhook-receiver.js';

const ROOT = new URL('../../', import.meta.url).pathname;

function worker(env: Record<string, string>): { process: ChildProcess; output: () => string; running: Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/bin/worker.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info', WEBHOOK_ALLOW_PRIVATE: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const running = new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker running')) resolve();
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${output}`)));
  });
  running.catch(() => {});
  return { process: child, output: () => output, running };
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('the separate worker', () => {
  test('refuses to start without PostgreSQL, saying why', async () => {
    const child = worker({ DATA_DIR: '/nonexistent-achteraf-data' });
    assert.equal(await exited(child.process), 2);
    assert.match(child.output(), /The worker needs PostgreSQL \(DATABASE_URL\)/);
  });

  test('refuses to send customer e-mails whose links would point at nothing: SMTP_URL needs PUBLIC_URL', async () => {
    const child = worker({ DATABASE_URL: 'postgres://127.0.0.1:9/none', SMTP_URL: 'smtp://127.0.0.1:2525' });
    assert.equal(await exited(child.process), 2);
    assert.match(child.output(), /their links need PUBLIC_URL/);
  });

  describe('two workers on one PostgreSQL database', { skip: TEST_DATABASE_URL ? false : 'runs when TEST_DATABASE_URL is set' }, () => {
    let server: TestServer;
    let receiver: WebhookReceiver;
    const workers: ReturnType<typeof worker>[] = [];
    before(async () => {
      server = await startTestServer({ env: { JOBS: 'off' } });
      receiver = await new WebhookReceiver().start();
    });
    after(async () => {
      for (const child of workers) {
        child.process.kill('SIGTERM');
        await exited(child.process);
      }
      await receiver.close();
      await server.close();
    });

    test('deliver every queued delivery exactly once, and stop cleanly on SIGTERM', async () => {
      const env = { DATABASE_URL: server.config.databaseUrl!, DATABASE_SCHEMA: server.config.databaseSchema!, DATABASE_POOL_SIZE: '3', WEBHOOK_CONCURRENCY: '4' };
      workers.push(worker(env), worker(env));
      await Promise.all(workers.map((child) => child.running));
      await subscribe(server.url, USERTEST, { url: receiver.url('/workers') });
      const order = await new Legacy(server.url).placeOrder();
      const [invoice] = await server.store.db.query<{ id: number }>('SELECT id FROM invoices WHERE merchant_number = $1', [order.orderNumber]);
      await server.store.transaction(async (tx) => {
        for (let i = 0; i < 40; i++) {
          await tx.events.append({ type: 'partial_payment_added', merchantId: 'm_usertest', invoiceId: String(invoice!.id), at: new Date() });
        }
      });
      const received = await receiver.waitFor(41, (entry) => entry.path === '/workers', 30_000);
      assert.equal(new Set(received.map((entry) => entry.webhookId)).size, 41);
      const [pending] = await eventually(async () => {
        const rows = await server.store.db.query<{ count: number }>("SELECT count(*)::int AS count FROM webhook_deliveries WHERE state <> 'delivered'");
        return rows[0]?.count === 0 ? rows : undefined;
      });
      assert.equal(pending?.count, 0);
      assert.equal(receiver.at('/workers').length, 41, 'no delivery was posted twice');

      const stopping = workers.splice(0);
      for (const child of stopping) child.process.kill('SIGTERM');
      assert.deepEqual(await Promise.all(stopping.map((child) => exited(child.process))), [0, 0]);
    });
  });
});
