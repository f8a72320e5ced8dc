/**
 * Retention (docs/security.md "Retention"): the background jobs prune finished webhook deliveries
 * (with their attempts and the mails that quoted them) and finished or expired checkout sessions
 * once they are older than their retention, and keep everything younger, every active session,
 * and every invoice with its ledger.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startBackgroundJobs } from '../../src/jobs/background-jobs.js';
import { coreContext, notificationSigners } from '../../src/main.js';
import { RetentionJob } from '../../src/jobs/retention-job.js';
import { systemClock } from '../../src/runtime/system-clock.js';
import { SqlRetentionRepository } from '../../src/store/retention-repository.js';
import { createSession, postForm, sessionBody } from '../checkout/checkout-fixtures.js';
import { Legacy, USERTEST } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { WebhookReceiver, eventually, subscribe } from '../support/webhook-receiver.js';

const DAYS_AGO = (days: number) => new Date(Date.now() - days * 86_400_000);
const quietLog = { error: () => {} };

describe('retention of deliveries and checkout sessions', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  before(async () => {
    // The test starts the jobs itself, so it knows when a first round runs.
    server = await startTestServer({ env: { JOBS: 'off', RETENTION_DELIVERY_DAYS: '90', RETENTION_SESSION_DAYS: '30' } });
    receiver = await new WebhookReceiver().start();
  });
  after(async () => {
    await receiver.close();
    await server.close();
  });

  const db = () => server.store.db;
  const ids = async (sql: string) => (await db().query<{ id: string }>(sql)).map((row) => String(row.id)).sort();

  /** Two delivered order webhooks, two cancelled sessions, one active session and two sent mails. */
  async function makeRows() {
    await subscribe(server.url, USERTEST, { url: receiver.url('/orders') });
    const legacy = new Legacy(server.url);
    const orders = [await legacy.placeOrder(), await legacy.placeOrder()];
    const jobs = startBackgroundJobs({ db: db(), settings: server.config, clock: systemClock, core: coreContext(server.config, server.store), log: quietLog, signers: notificationSigners(db()) });
    try {
      await eventually(async () => {
        const [row] = await db().query<{ delivered: number }>(`SELECT count(*)::int AS delivered FROM webhook_deliveries WHERE state = 'delivered'`);
        return row!.delivered >= 2 ? true : undefined;
      });
    } finally {
      await jobs.stop();
    }
    const sessions = [];
    for (let i = 0; i < 3; i++) sessions.push(await createSession(server.url, sessionBody('https://shop.example.test')));
    for (const session of sessions.slice(0, 2)) await postForm(`${session.sessionURL}/cancel`, { lang: 'nl' });
    for (const subject of ['old', 'fresh']) {
      await db().query(
        `INSERT INTO mail_outbox (merchant_id, recipient, subject, body, state, next_attempt_at, created_at, sent_at)
         VALUES ('m_usertest', 'shop@example.test', $1, 'Body: {"customer": "…"}', 'sent', now(), now(), now())`,
        [subject],
      );
    }
    const deliveries = await ids('SELECT id FROM webhook_deliveries ORDER BY id');
    return { orders, deliveries, sessions: sessions.map((session) => String(session.sessionID ?? session.sessionId)) };
  }

  test('rows past their retention are removed by the background jobs, younger ones and invoices are kept', async () => {
    const { deliveries, sessions } = await makeRows();
    const [oldDelivery, freshDelivery] = deliveries;
    const [oldSession, youngSession, activeSession] = sessions;
    const ledgerBefore = await ids('SELECT id FROM ledger_entries');
    const invoicesBefore = await ids('SELECT id FROM invoices');

    await db().query('UPDATE webhook_deliveries SET created_at = $2 WHERE id = $1', [oldDelivery, DAYS_AGO(91)]);
    await db().query('UPDATE webhook_deliveries SET created_at = $2 WHERE id = $1', [freshDelivery, DAYS_AGO(89)]);
    await db().query("UPDATE mail_outbox SET created_at = $1 WHERE subject = 'old'", [DAYS_AGO(91)]);
    await db().query('UPDATE checkout_sessions SET finished_at = $2 WHERE id = $1', [oldSession, DAYS_AGO(31)]);
    await db().query('UPDATE checkout_sessions SET finished_at = $2 WHERE id = $1', [youngSession, DAYS_AGO(29)]);
    // An active session is never pruned, however old.
    await db().query('UPDATE checkout_sessions SET created_at = $2 WHERE id = $1', [activeSession, DAYS_AGO(400)]);

    const jobs = startBackgroundJobs({ db: db(), settings: server.config, clock: systemClock, core: coreContext(server.config, server.store), log: quietLog, signers: notificationSigners(db()) });
    try {
      await eventually(async () => ((await ids('SELECT id FROM checkout_sessions')).includes(oldSession!) ? undefined : true));
      await eventually(async () => ((await ids('SELECT id FROM webhook_deliveries')).includes(oldDelivery!) ? undefined : true));
    } finally {
      await jobs.stop();
    }

    assert.deepEqual(await ids('SELECT id FROM webhook_deliveries'), [freshDelivery]);
    assert.deepEqual(await ids('SELECT DISTINCT delivery_id AS id FROM webhook_attempts'), [freshDelivery]);
    assert.deepEqual((await db().query<{ subject: string }>('SELECT subject FROM mail_outbox')).map((row) => row.subject), ['fresh']);
    assert.deepEqual(await ids('SELECT id FROM checkout_sessions'), [youngSession, activeSession].sort());
    assert.deepEqual(await ids('SELECT id FROM invoices'), invoicesBefore);
    assert.deepEqual(await ids('SELECT id FROM ledger_entries'), ledgerBefore);
  });

  test('a retention of 0 days keeps that kind forever', async () => {
    await db().query('UPDATE webhook_deliveries SET created_at = $1', [DAYS_AGO(5000)]);
    await db().query("UPDATE checkout_sessions SET finished_at = $1 WHERE status <> 'session_active'", [DAYS_AGO(5000)]);
    const before = [await ids('SELECT id FROM webhook_deliveries'), await ids('SELECT id FROM checkout_sessions')];
    const job = new RetentionJob({ repository: new SqlRetentionRepository(db()), clock: systemClock, settings: { retentionDeliveryDays: 0, retentionSessionDays: 0 } });
    assert.equal(await job.runOnce(), false);
    assert.deepEqual([await ids('SELECT id FROM webhook_deliveries'), await ids('SELECT id FROM checkout_sessions')], before);
    assert.ok(before[0]!.length > 0 && before[1]!.length > 0);
  });
});
