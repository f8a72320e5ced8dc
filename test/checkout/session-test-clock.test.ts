/**
 * Checkout sessions of a sandbox merchant run on its test clock (docs/architecture.md "Time and
 * ids"): created and expiring on the moved clock, expired by a status read or by the sweep once
 * the merchant's time, not real time, passes their 60 minutes, and the expiry dated on that clock.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ManualClock, MINUTE } from '../../src/core/shared/clock.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { createSession, CREDENTIALS, postJson, sessionBody, sessionStatus } from './checkout-fixtures.js';

const SHOP = 'https://shop.example.test';
const DAY = 1440 * MINUTE;

describe('checkout sessions on a test clock', () => {
  let server: TestServer;
  // Real time stands still unless the test moves it; only the merchant's clock moves.
  const clock = new ManualClock(new Date('2026-03-02T10:00:00.000Z'));
  before(async () => {
    server = await startTestServer({ env: { SESSION_EXPIRY_INTERVAL_SECONDS: '1' }, overrides: { clock } });
    assert.equal((await postJson(server.url, '/v2/sandbox/clock/reset', CREDENTIALS)).body.code, '200');
    assert.equal((await postJson(server.url, '/v2/sandbox/clock/advance', { ...CREDENTIALS, days: 1 })).body.code, '200');
  });
  after(() => server.close());

  async function stored(id: string) {
    const [row] = await server.store.db.query<{ status: string; created_at: Date; expires_at: Date; finished_at: Date | null }>(
      'SELECT status, created_at, expires_at, finished_at FROM checkout_sessions WHERE id = $1',
      [id],
    );
    return row!;
  }

  async function merchantNow(): Promise<number> {
    return new Date((await postJson(server.url, '/v2/sandbox/clock', CREDENTIALS)).body.now).getTime();
  }

  test('a session is created and expires on the moved clock, and a read after the merchant time passed its expiry finds it expired', async () => {
    const created = await createSession(server.url, sessionBody(SHOP));
    const row = await stored(created.sessionID);
    assert.equal(row.created_at.getTime(), clock.now().getTime() + DAY);
    assert.equal(row.expires_at.getTime() - row.created_at.getTime(), 60 * MINUTE);

    assert.equal((await postJson(server.url, '/v2/sandbox/clock/advance', { ...CREDENTIALS, hours: 1 })).body.code, '200');
    assert.equal((await sessionStatus(server.url, { sessionID: created.sessionID })).body.status, 'session_expired');
    assert.equal((await stored(created.sessionID)).finished_at!.getTime(), await merchantNow());
  });

  test('the sweep expires a session nobody reads once the merchant time passes its expiry, and dates it on that clock', async () => {
    const created = await createSession(server.url, sessionBody(SHOP));
    assert.equal((await postJson(server.url, '/v2/sandbox/clock/advance', { ...CREDENTIALS, hours: 2 })).body.code, '200');
    const deadline = Date.now() + 10_000;
    while ((await stored(created.sessionID)).status !== 'session_expired') {
      assert.ok(Date.now() < deadline, 'the sweep did not expire the session within 10 seconds');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal((await stored(created.sessionID)).finished_at!.getTime(), await merchantNow());
  });
});
