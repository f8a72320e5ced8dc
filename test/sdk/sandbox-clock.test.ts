/**
 * The SDK's sandbox clock (billink.v2.sandbox) against a real server on loopback: it reads,
 * advances and resets a merchant's test clock, hands back times as Date objects, refuses a live
 * merchant with the endpoint's typed error, and sends an advance without an idempotency key.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Billink, BillinkApiError } from '@achteraf/billink';
import { createMerchant, PARTNER_KEY } from '../support/new-merchant.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { recordingFetch, type Sent } from './sdk-fixtures.js';

const HOUR = 3_600_000;

describe('the SDK sandbox clock', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { PARTNER_API_KEY: PARTNER_KEY } });
  });
  after(() => server.close());

  async function merchantClient(sandbox: boolean, options: { fetch?: typeof fetch; retryWrites?: boolean } = {}): Promise<Billink> {
    const merchant = await createMerchant(server.url, { sandbox });
    return new Billink({ baseUrl: server.url, username: merchant.username, clientId: merchant.clientId, ...options });
  }

  test('clock, advance by days, hours and to, and reset move the merchant time as the server answers', async () => {
    const billink = await merchantClient(true);
    const start = await billink.v2.sandbox.clock();
    assert.equal(start.offsetMs, 0);
    assert.ok(start.now instanceof Date);
    assert.equal(start.mode, 'sandbox');

    const byDays = await billink.v2.sandbox.advance({ days: 2 });
    assert.equal(byDays.offsetMs, 48 * HOUR);
    assert.equal(byDays.now.getTime() - byDays.from.getTime(), 48 * HOUR);
    assert.deepEqual([byDays.steps, byDays.stepsApplied, byDays.emails, byDays.webhooks].map((v) => typeof v), ['object', 'number', 'number', 'number']);

    assert.equal((await billink.v2.sandbox.advance({ hours: 3 })).offsetMs, 51 * HOUR);
    const target = new Date(byDays.now.getTime() + 5 * 24 * HOUR);
    assert.equal((await billink.v2.sandbox.advance({ to: target })).now.toISOString(), target.toISOString());

    const reset = await billink.v2.sandbox.reset();
    assert.equal(reset.offsetMs, 0);
    assert.ok(Math.abs(reset.from.getTime() - target.getTime()) < 60_000, 'from is the moved time the reset left');
    assert.equal((await billink.v2.sandbox.clock()).offsetMs, 0);
  });

  test('a live merchant gets a BillinkApiError with code 401 and a backward move one with code 405', async () => {
    const live = await merchantClient(false);
    await assert.rejects(live.v2.sandbox.advance({ days: 1 }), (error: unknown) => error instanceof BillinkApiError && error.code === '401');
    const sandbox = await merchantClient(true);
    await assert.rejects(sandbox.v2.sandbox.advance({ to: '2020-01-01T00:00:00Z' }), (error: unknown) => error instanceof BillinkApiError && error.code === '405');
  });

  test('an advance with several moves is refused before anything is sent', async () => {
    const sent: Sent[] = [];
    const billink = await merchantClient(true, { fetch: recordingFetch(sent) });
    await assert.rejects(billink.v2.sandbox.advance({ days: 1, hours: 2 } as never), TypeError);
    assert.equal(sent.length, 0);
  });

  test('an advance carries no idempotency key even with retryWrites on, so the server could never tell a retry from a second advance', async () => {
    const sent: Sent[] = [];
    const billink = await merchantClient(true, { fetch: recordingFetch(sent), retryWrites: true });
    await billink.v2.sandbox.advance({ hours: 1 });
    const advances = sent.filter((request) => request.url.endsWith('/v2/sandbox/clock/advance'));
    assert.equal(advances.length, 1);
    assert.equal(advances[0]!.headers['idempotency-key'], undefined);
  });
});
