/**
 * A merchant's send (what a sandbox clock advance runs, docs/collection.md "The customer mail
 * job") and mails another process holds: it waits for them within their lease and sends the ones
 * whose holder let the lease run out, as after a crash, trying each mail once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LifeCycleMail } from '../../src/core/invoices/life-cycle/types.js';
import { SqlCustomerMailOutbox } from '../../src/store/customer-mail-outbox-repository.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { createShop, PARTNER_KEY, placeStartedOrder, queueMail, type ShopUnderTest } from './customer-support.js';

const MAIL: LifeCycleMail = { kind: 'invoice', language: 'nl', amountDue: 10_485, costsDue: 0, dueDate: '2026-12-08', restarted: false };

describe("a merchant's send and mails another process holds", () => {
  let sink: SmtpSink;
  let server: TestServer;
  let shop: ShopUnderTest;
  let outbox: SqlCustomerMailOutbox;
  before(async () => {
    sink = await new SmtpSink().start();
    server = await startTestServer({ env: { PARTNER_API_KEY: PARTNER_KEY, SMTP_URL: sink.url, JOBS: 'off' } });
    shop = await createShop(server);
    outbox = new SqlCustomerMailOutbox(server.store.db);
  });
  after(async () => {
    await server.close();
    await sink.close();
  });

  /** Claims the shop's pending mails as another process would, holding them for `holdMs`. */
  async function claimElsewhere(holdMs: number) {
    const now = new Date();
    return outbox.claim(now, new Date(now.getTime() + holdMs), 20, { id: shop.merchantId, afterId: '0' });
  }

  test('a mail whose holder died is sent once its lease ran out, before the send answers', async () => {
    const invoice = await placeStartedOrder(server, shop);
    await queueMail(server, shop, invoice, MAIL, 'died@example.com');
    const [held] = await claimElsewhere(300);
    assert.ok(held, 'claimed by the other process');
    const received = sink.mails.length;
    assert.equal(await server.sendCustomerMails(shop.merchantId), 1);
    assert.deepEqual(sink.mails.slice(received).map((mail) => mail.to), [['died@example.com']]);
    const [row] = await server.store.db.query<{ state: string; attempts: number }>('SELECT state, attempts FROM customer_mails WHERE id = $1', [held.id]);
    assert.deepEqual(row, { state: 'sent', attempts: 1 });
  });

  test('a mail the SMTP server refuses is tried once, while the held one beside it is waited for and sent', async () => {
    const invoice = await placeStartedOrder(server, shop);
    await queueMail(server, shop, invoice, MAIL, 'niet bestaand@@example.com');
    await queueMail(server, shop, invoice, MAIL, 'held@example.com');
    const held = (await claimElsewhere(300)).find((mail) => mail.recipient === 'held@example.com');
    assert.ok(held);
    await server.store.db.query("UPDATE customer_mails SET locked_until = NULL WHERE recipient = 'niet bestaand@@example.com'");
    const received = sink.mails.length;
    assert.equal(await server.sendCustomerMails(shop.merchantId), 1);
    assert.deepEqual(sink.mails.slice(received).map((mail) => mail.to), [['held@example.com']]);
    const rows = await server.store.db.query<{ recipient: string; state: string; attempts: number }>(
      'SELECT recipient, state, attempts FROM customer_mails WHERE invoice_id = $1 ORDER BY id',
      [invoice.id],
    );
    assert.deepEqual(rows, [
      { recipient: 'niet bestaand@@example.com', state: 'pending', attempts: 1 },
      { recipient: 'held@example.com', state: 'sent', attempts: 1 },
    ]);
  });

  test('a claim given back is due again at once, and a lease that is no longer the claim\'s is left alone', async () => {
    const invoice = await placeStartedOrder(server, shop);
    await queueMail(server, shop, invoice, MAIL, 'given-back@example.com');
    const now = new Date();
    const lease = new Date(now.getTime() + 60_000);
    const [claimed] = await outbox.claim(now, lease, 20, { id: shop.merchantId, afterId: '0' });
    assert.ok(claimed);
    await outbox.release([claimed.id], new Date(lease.getTime() + 1));
    const lockedUntil = async () => (await server.store.db.query<{ locked_until: Date | null }>('SELECT locked_until FROM customer_mails WHERE id = $1', [claimed.id]))[0]?.locked_until;
    assert.equal((await lockedUntil())?.getTime(), lease.getTime());
    await outbox.release([claimed.id], lease);
    assert.equal(await lockedUntil(), null);
    const received = sink.mails.length;
    assert.equal(await server.sendCustomerMails(shop.merchantId), 1);
    assert.deepEqual(sink.mails.slice(received).map((mail) => mail.to), [['given-back@example.com']]);
  });
});
