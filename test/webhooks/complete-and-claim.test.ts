/**
 * The delivery job writes a batch's results and its next claim in one transaction
 * (SqlWebhookDeliveryRepository.completeAndClaim): the results are applied before the claim, so a
 * retry they schedule is not claimed again at once, and when the transaction fails neither the
 * results nor the claim happened, so the deliveries stay held and go out again when their lease
 * runs out (at least once, nothing lost). The server runs with JOBS=off, so only this test claims.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SessionEvent } from '../../src/core/shared/events.js';
import { newWebhookSecret } from '../../src/outbound/webhook-transport.js';
import { type ClaimedDelivery, type DeliveryResult, SqlWebhookDeliveryRepository } from '../../src/store/webhook-delivery-repository.js';
import { SqlWebhookSettingsRepository } from '../../src/store/webhook-settings-repository.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** The sandbox's seeded merchant. */
const MERCHANT = 'm_usertest';
const NOW = new Date('2026-03-02T10:00:00Z');
const LEASE = new Date('2026-03-02T10:00:15Z');

function sessionEvent(transactionId: string): SessionEvent {
  return {
    type: 'session_status_changed',
    merchantId: MERCHANT,
    sessionId: `ses-${transactionId}`,
    status: 'order_created',
    invoiceId: undefined,
    orderNumber: `ORDER-${transactionId}`,
    billinkInvoiceNumber: `1TSTORDER-${transactionId}`,
    transactionId,
    at: NOW,
  };
}

function delivered(delivery: ClaimedDelivery): DeliveryResult {
  return {
    delivery,
    outcome: { startedAt: NOW, httpStatus: 204, latencyMs: 3, responseBody: '', error: undefined },
    next: { state: 'delivered', finishedAt: NOW },
  };
}

function retryLater(delivery: ClaimedDelivery): DeliveryResult {
  return {
    delivery,
    outcome: { startedAt: NOW, httpStatus: 500, latencyMs: 3, responseBody: 'busy', error: undefined },
    next: { state: 'pending', nextAttemptAt: new Date(NOW.getTime() + 60_000) },
  };
}

describe('results and the next claim in one transaction', () => {
  let server: TestServer;
  let deliveries: SqlWebhookDeliveryRepository;
  const attempts = async () =>
    server.store.db.query<{ delivery_id: string; http_status: number }>('SELECT delivery_id::text, http_status FROM webhook_attempts ORDER BY delivery_id');
  const states = async () =>
    server.store.db.query<{ id: string; state: string; attempts: number; claim_token: string | null }>(
      'SELECT id::text, state, attempts, claim_token FROM webhook_deliveries ORDER BY id',
    );

  before(async () => {
    server = await startTestServer({ env: { JOBS: 'off' } });
    const settings = new SqlWebhookSettingsRepository(server.store.db);
    await settings.saveSecret(MERCHANT, newWebhookSecret(), NOW);
    await settings.subscribe({ merchantId: MERCHANT, kind: 'session', url: 'http://127.0.0.1:9/hooks', signed: true, at: NOW });
    await server.store.transaction(async (tx) => {
      for (const id of ['one', 'two', 'three']) await tx.events.append(sessionEvent(id));
    });
    await server.store.db.query('UPDATE webhook_deliveries SET next_attempt_at = $1', [NOW]);
    deliveries = new SqlWebhookDeliveryRepository(server.store.db);
  });
  after(async () => server?.close());

  test('applies the results, then claims what is due, skipping the retry just scheduled', async () => {
    const [first, second, ...rest] = await deliveries.claim({ now: NOW, lockedUntil: LEASE, limit: 2, token: 'claim-a' });
    assert.ok(first && second);
    assert.equal(rest.length, 0);

    const { applied, claimed } = await deliveries.completeAndClaim([delivered(first), retryLater(second)], {
      now: NOW,
      lockedUntil: LEASE,
      limit: 10,
      token: 'claim-b',
    });

    assert.equal(applied, 2);
    assert.equal(claimed.length, 1, 'only the third delivery is due and free');
    assert.notEqual(claimed[0]!.id, first.id);
    assert.notEqual(claimed[0]!.id, second.id);
    assert.equal(claimed[0]!.claimToken, 'claim-b');
    assert.deepEqual(
      (await attempts()).map((row) => [row.delivery_id, row.http_status]),
      [
        [first.id, 204],
        [second.id, 500],
      ],
    );
    const byId = new Map((await states()).map((row) => [row.id, row]));
    assert.equal(byId.get(first.id)!.state, 'delivered');
    assert.equal(byId.get(second.id)!.state, 'pending');
    assert.equal(byId.get(second.id)!.attempts, 1);
    assert.equal(byId.get(second.id)!.claim_token, null);
    assert.equal(byId.get(claimed[0]!.id)!.claim_token, 'claim-b');
  });

  test('a failed transaction records no result and claims nothing', async () => {
    const [third] = (await states()).filter((row) => row.claim_token === 'claim-b');
    assert.ok(third);
    const held = (await deliveries.claim({ now: LEASE, lockedUntil: new Date(LEASE.getTime() + 15_000), limit: 10, token: 'claim-c' })).find(
      (delivery) => delivery.id === third.id,
    );
    assert.ok(held, 'the lease of claim-b ran out, so claim-c holds the third delivery');
    const before = { attempts: await attempts(), states: await states() };

    // A negative LIMIT makes the claim's statement fail after the results were written in the same transaction.
    await assert.rejects(deliveries.completeAndClaim([delivered(held)], { now: LEASE, lockedUntil: LEASE, limit: -1, token: 'claim-d' }));

    assert.deepEqual(await attempts(), before.attempts);
    assert.deepEqual(await states(), before.states);
  });
});
