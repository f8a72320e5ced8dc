import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ManualClock, MINUTE } from '../../src/core/shared/clock.js';
import { APITEST } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { createSession, postForm, postJson, sessionBody, sessionStatus } from './checkout-fixtures.js';

const SHOP = 'https://shop.example.test';

async function sessionEvents(server: TestServer, sessionId: string): Promise<Record<string, unknown>[]> {
  return server.store.db.query(
    `SELECT data FROM events WHERE type = 'session_status_changed' AND session_id = $1 ORDER BY id`,
    [sessionId],
  ).then((rows) => rows.map((row) => row.data as Record<string, unknown>));
}

describe('reading a session status', () => {
  let server: TestServer;
  const clock = new ManualClock(new Date('2026-03-02T10:00:00.000Z'));
  before(async () => {
    server = await startTestServer({ overrides: { clock } });
  });
  after(() => server.close());

  test('says session_active until the customer approves, then order_created, by session id and by Billink number', async () => {
    const created = await createSession(server.url, sessionBody(SHOP));
    assert.deepEqual(await sessionStatus(server.url, { sessionID: created.sessionID }), { status: 200, body: { status: 'session_active' } });

    const approved = await postForm(`${created.sessionURL}/approve`, { birthDate: '31-12-1990', phone: '06 12345678', terms: 'yes' });
    assert.equal(approved.status, 303);

    assert.deepEqual(await sessionStatus(server.url, { sessionID: created.sessionID }), { status: 200, body: { status: 'order_created' } });
    // Magento falls back to the Billink invoice number for orders created before it stored sessionID (spec §2.13).
    assert.deepEqual(await sessionStatus(server.url, { billinkInvoiceNumber: created.invoice }), { status: 200, body: { status: 'order_created' } });
  });

  test('finds by Billink number the session that placed the order rather than a newer retry', async () => {
    const body = sessionBody(SHOP);
    const first = await createSession(server.url, body);
    const cancelled = await postForm(`${first.sessionURL}/cancel`, {});
    assert.equal(cancelled.status, 303);
    const second = await createSession(server.url, body);
    assert.equal(second.invoice, first.invoice);
    assert.deepEqual((await sessionStatus(server.url, { billinkInvoiceNumber: first.invoice })).body, { status: 'session_active' });
    await postForm(`${second.sessionURL}/approve`, { birthDate: '31-12-1990', phone: '0612345678', terms: 'yes' });
    await createSession(server.url, body).then(
      () => assert.fail('an order number that placed an order cannot start another session'),
      (error: Error) => assert.match(error.message, /already exists/),
    );
    assert.deepEqual((await sessionStatus(server.url, { billinkInvoiceNumber: first.invoice })).body, { status: 'order_created' });
  });

  test('says session_expired 60 minutes after creation and records the expiry once', async () => {
    const created = await createSession(server.url, sessionBody(SHOP));
    clock.advance(59 * MINUTE);
    assert.equal((await sessionStatus(server.url, { sessionID: created.sessionID })).body.status, 'session_active');
    clock.advance(2 * MINUTE);
    assert.equal((await sessionStatus(server.url, { sessionID: created.sessionID })).body.status, 'session_expired');
    assert.equal((await sessionStatus(server.url, { sessionID: created.sessionID })).body.status, 'session_expired');
    const events = await sessionEvents(server, created.sessionID);
    assert.deepEqual(events.map((event) => event.status), ['session_expired']);
    assert.equal(events[0]!.billinkInvoiceNumber, created.invoice);
    assert.match(String(events[0]!.transactionId), /^tx_[A-Za-z0-9_-]{22,}$/);
  });

  test('answers 404 for a session that does not exist', async () => {
    assert.deepEqual(await sessionStatus(server.url, { sessionID: 'AAAAAAAAAAAAAAAAAAAAAA' }), {
      status: 404,
      body: { status: 'error', message: 'Session not found' },
    });
    assert.equal((await sessionStatus(server.url, { billinkInvoiceNumber: '1TSTnothing' })).status, 404);
  });

  test("answers 403 for another merchant's session", async () => {
    const created = await createSession(server.url, sessionBody(SHOP));
    const answer = await postJson(server.url, '/v2/session/status', {
      billinkUsername: APITEST.username,
      billinkID: APITEST.clientId,
      sessionID: created.sessionID,
    });
    assert.deepEqual(answer, { status: 403, body: { status: 'error', message: 'This session belongs to another client' } });
  });

  test('answers 400 when a parameter is missing and 404 when the client is unknown', async () => {
    assert.deepEqual(await sessionStatus(server.url, {}), { status: 400, body: { status: 'error', message: 'sessionID parameter missing' } });
    assert.deepEqual(await postJson(server.url, '/v2/session/status', { billinkID: 'x', sessionID: 'y' }), {
      status: 400,
      body: { status: 'error', message: 'billinkUsername parameter missing' },
    });
    assert.deepEqual(await sessionStatus(server.url, { billinkID: 'wrong', sessionID: 'y' }), {
      status: 404,
      body: { status: 'error', message: 'Client not found' },
    });
    assert.deepEqual(await postJson(server.url, '/v2/session/status', 'not json'), {
      status: 400,
      body: { status: 'error', message: 'Request body is not valid JSON' },
    });
  });
});

describe('the session expiry sweep', () => {
  let server: TestServer;
  const clock = new ManualClock(new Date('2026-03-02T10:00:00.000Z'));
  before(async () => {
    server = await startTestServer({ env: { SESSION_EXPIRY_INTERVAL_SECONDS: '1' }, overrides: { clock } });
  });
  after(() => server.close());

  test('marks a session nobody reads as expired after 60 minutes and records the event', async () => {
    const created = await createSession(server.url, sessionBody(SHOP));
    const kept = await createSession(server.url, sessionBody(SHOP));
    clock.advance(30 * MINUTE);
    const fresh = await createSession(server.url, sessionBody(SHOP));
    await postForm(`${kept.sessionURL}/cancel`, {});
    clock.advance(31 * MINUTE);

    const statusOf = async (id: string) =>
      (await server.store.db.query<{ status: string }>('SELECT status FROM checkout_sessions WHERE id = $1', [id]))[0]!.status;
    const deadline = Date.now() + 10_000;
    while ((await statusOf(created.sessionID)) !== 'session_expired') {
      assert.ok(Date.now() < deadline, 'the sweep did not expire the session within 10 seconds');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.deepEqual((await sessionEvents(server, created.sessionID)).map((event) => event.status), ['session_expired']);
    assert.equal(await statusOf(kept.sessionID), 'cancelled');
    assert.equal(await statusOf(fresh.sessionID), 'session_active');
  });
});
