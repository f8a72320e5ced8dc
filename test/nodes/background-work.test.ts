/**
 * Background work runs only where docs/operations.md says: in the server unless JOBS=off, and all
 * of it in `npm run worker`, the checkout session expiry sweep included.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { MINUTE, ManualClock } from '../../src/core/shared/clock.js';
import { createSession, sessionBody } from '../checkout/checkout-fixtures.js';
import { startTestServer, TEST_DATABASE_URL, type TestServer } from '../support/test-server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOP = 'https://shop.example.test';

async function statusOf(server: TestServer, id: string): Promise<string> {
  return (await server.store.db.query<{ status: string }>('SELECT status FROM checkout_sessions WHERE id = $1', [id]))[0]!.status;
}

/**
 * A session created on a clock set three hours back, which then moves on to one hour ahead: its
 * 60 minutes have run out both on the core's clock and in real time.
 */
async function overdueSession(server: TestServer, clock: ManualClock): Promise<string> {
  const id = (await createSession(server.url, sessionBody(SHOP))).sessionID as string;
  clock.advance(240 * MINUTE);
  return id;
}

describe('a server started with JOBS=off', () => {
  let server: TestServer;
  const clock = new ManualClock(new Date(Date.now() - 180 * MINUTE));
  before(async () => {
    server = await startTestServer({ env: { JOBS: 'off', SESSION_EXPIRY_INTERVAL_SECONDS: '1' }, overrides: { clock } });
  });
  after(() => server.close());

  test('runs no session expiry sweep: an overdue session nobody reads stays active through several intervals', async () => {
    const id = await overdueSession(server, clock);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    assert.equal(await statusOf(server, id), 'session_active');
  });
});

describe('the worker beside a JOBS=off server', { skip: TEST_DATABASE_URL ? false : 'needs TEST_DATABASE_URL' }, () => {
  let server: TestServer;
  let worker: ChildProcess | undefined;
  const clock = new ManualClock(new Date(Date.now() - 180 * MINUTE));
  before(async () => {
    server = await startTestServer({ env: { JOBS: 'off' }, overrides: { clock } });
  });
  after(async () => {
    if (worker && worker.exitCode === null) {
      worker.kill('SIGTERM');
      await new Promise((resolve) => worker!.once('exit', resolve));
    }
    await server.close();
  });

  test('sweeps overdue checkout sessions to session_expired', async () => {
    const id = await overdueSession(server, clock);
    worker = spawn(process.execPath, ['--import', 'tsx', 'src/bin/worker.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: server.config.databaseUrl!,
        DATABASE_SCHEMA: server.config.databaseSchema!,
        SESSION_EXPIRY_INTERVAL_SECONDS: '1',
        LOG_LEVEL: 'silent',
      },
      stdio: 'ignore',
    });
    // The worker's first sweep comes one interval after its start; its start takes a few seconds.
    const deadline = Date.now() + 30_000;
    while ((await statusOf(server, id)) !== 'session_expired') {
      assert.ok(Date.now() < deadline, 'the worker did not expire the session within 30 seconds');
      assert.equal(worker.exitCode, null, 'the worker exited');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const events = await server.store.db.query<{ data: { status: string } }>(
      `SELECT data FROM events WHERE type = 'session_status_changed' AND session_id = $1`,
      [id],
    );
    assert.deepEqual(events.map((event) => event.data.status), ['session_expired']);
  });
});
