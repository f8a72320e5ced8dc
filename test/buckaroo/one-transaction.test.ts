/**
 * A Buckaroo transaction is one database transaction (docs/buckaroo.md "One transaction"): the
 * use cases of its action (credit check, order, workflow start, credit), the Buckaroo transaction
 * row and its push delivery row commit together or not at all. A real failure is injected between
 * the steps: a trigger makes the database refuse one of the later inserts, as a full disk or a
 * dying connection would, after the earlier steps already wrote their rows.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BuckarooClient, followUp, orderRequest } from '../support/buckaroo-client.js';
import { rowCounts } from '../support/row-counts.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';

/**
 * The rows a request changes. Left out: the nonce, which authentication remembers before the action
 * runs, and delivery attempts, which the delivery job records for earlier pushes meanwhile.
 */
async function changes(server: TestServer): Promise<Record<string, number>> {
  const { buckaroo_nonces: _nonces, webhook_attempts: _attempts, ...counts } = await rowCounts(server);
  return counts;
}

function difference(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(after)
      .filter(([table, count]) => count !== before[table])
      .map(([table, count]) => [table, count - (before[table] ?? 0)]),
  );
}

/** Makes the database refuse inserts into `table` whose row matches `condition` (plpgsql over NEW). */
async function refuseInserts(server: TestServer, table: string, condition: string): Promise<() => Promise<void>> {
  await server.store.db.query(`CREATE FUNCTION refuse_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF ${condition} THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$`);
  await server.store.db.query(`CREATE TRIGGER refuse_insert BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_insert()`);
  return async () => {
    await server.store.db.query(`DROP TRIGGER refuse_insert ON ${table}`);
    await server.store.db.query('DROP FUNCTION refuse_insert()');
  };
}

describe('a Buckaroo transaction that fails half way', () => {
  let server: TestServer;
  let client: BuckarooClient;
  let receiver: WebhookReceiver;
  before(async () => {
    receiver = await new WebhookReceiver().start();
    server = await startTestServer();
    client = new BuckarooClient(server.url);
  });
  after(async () => {
    await server.close();
    await receiver.close();
  });

  const pushesOf = async (key: string) =>
    (
      await server.store.db.query<{ event: string }>(`SELECT event FROM webhook_deliveries WHERE contract = 'buckaroo' AND body LIKE $1`, [
        `%"Key":"${key}"%`,
      ])
    ).map((row) => row.event);
  const ordersNumbered = async (number: string) =>
    (await server.store.db.query<{ step: string }>('SELECT step FROM invoices WHERE merchant_number = $1', [number])).map((row) => row.step);

  const failurePoints = [
    // After the credit check and the order, before the workflow starts.
    { step: 'the workflow start', table: 'invoice_timers', condition: 'true' },
    // After the order and its workflow start, before the Buckaroo transaction row.
    { step: 'the Buckaroo transaction row', table: 'buckaroo_transactions', condition: "NEW.action = 'Pay'" },
    // After the Buckaroo transaction row, before its push.
    { step: 'the push delivery row', table: 'webhook_deliveries', condition: "NEW.contract = 'buckaroo'" },
  ];

  for (const point of failurePoints) {
    test(`a Pay that fails at ${point.step} leaves nothing behind, and its retry books once with exactly one push`, async () => {
      const body = orderRequest('Pay', { extra: { PushURL: receiver.url('/one-transaction') } });
      const before = await changes(server);
      const restore = await refuseInserts(server, point.table, point.condition);
      const failed = await client.transaction(body);
      await restore();
      assert.equal(failed.status, 500);
      assert.deepEqual(difference(before, await changes(server)), {}, 'no order, check, timer, event, transaction row or push is left');

      // The client sends the same Pay again (same Invoice, a new nonce).
      const retried = await client.transaction(body);
      assert.equal(retried.json.Status.Code.Code, 190);
      assert.deepEqual(await ordersNumbered(body.Invoice), ['wait_for_payment'], 'one order, its workflow started');
      assert.deepEqual(await pushesOf(retried.json.Key), ['Pay 190']);
      const booked = difference(before, await changes(server));
      assert.equal(booked.invoices, 1);
      assert.equal(booked.buckaroo_transactions, 1);
      const [push] = await receiver.waitFor(1, (entry) => (entry.json as any).Transaction?.Key === retried.json.Key);
      assert.equal((push!.json as any).Transaction.Status.Code.Code, 190);

      // Once booked, the same Invoice again is the documented 491: nothing more is booked or pushed.
      const repeated = await client.transaction(body);
      assert.equal(repeated.json.Status.Code.Code, 491);
      assert.equal(repeated.json.RequestErrors.ParameterErrors[0].Name, 'Invoice');
      assert.deepEqual(await ordersNumbered(body.Invoice), ['wait_for_payment']);
      assert.deepEqual(await pushesOf(retried.json.Key), ['Pay 190']);
      assert.deepEqual(await pushesOf(repeated.json.Key), []);
    });
  }

  test('a Capture whose transaction row fails leaves the authorization uncaptured, and its retry captures once', async () => {
    const authorize = (await client.transaction(orderRequest('Authorize', { extra: { PushURL: receiver.url('/one-transaction') } }))).json;
    assert.equal(authorize.Status.Code.Code, 190);
    const before = await changes(server);
    const restore = await refuseInserts(server, 'buckaroo_transactions', "NEW.action = 'Capture'");
    const failed = await client.transaction({ ...followUp('Capture', authorize.Key, 60.3), PushURL: receiver.url('/one-transaction') });
    await restore();
    assert.equal(failed.status, 500);
    assert.deepEqual(difference(before, await changes(server)), {}, 'no credit of the rest, no workflow start, no re-push of the Authorize');

    const captured = (await client.transaction({ ...followUp('Capture', authorize.Key, 60.3), PushURL: receiver.url('/one-transaction') })).json;
    assert.equal(captured.Status.Code.Code, 190);
    const [invoice] = await server.store.db.query<{ total: number; credited: number; step: string }>(
      'SELECT i.total, i.credited, i.step FROM invoices i JOIN buckaroo_transactions t ON t.invoice_id = i.id WHERE t.key = $1',
      [authorize.Key],
    );
    assert.deepEqual(invoice, { total: 10030, credited: 4000, step: 'wait_for_payment' }, 'the rest credited once');
    assert.deepEqual(await pushesOf(captured.Key), ['Capture 190']);
  });

  test('a Refund whose push fails books no credit, and its retry refunds once with one push', async () => {
    const pay = (await client.transaction(orderRequest('Pay', { extra: { PushURL: receiver.url('/one-transaction') } }))).json;
    const before = await changes(server);
    const restore = await refuseInserts(server, 'webhook_deliveries', "NEW.event = 'Refund 190'");
    const failed = await client.transaction({ ...followUp('Refund', pay.Key, 20), PushURL: receiver.url('/one-transaction') });
    await restore();
    assert.equal(failed.status, 500);
    assert.deepEqual(difference(before, await changes(server)), {}, 'no credit, no ledger entry, no transaction row');

    const refunded = (await client.transaction({ ...followUp('Refund', pay.Key, 20), PushURL: receiver.url('/one-transaction') })).json;
    assert.equal(refunded.Status.Code.Code, 190);
    const [invoice] = await server.store.db.query<{ credited: number }>(
      'SELECT i.credited FROM invoices i JOIN buckaroo_transactions t ON t.invoice_id = i.id WHERE t.key = $1',
      [pay.Key],
    );
    assert.equal(invoice!.credited, 2000);
    assert.deepEqual(await pushesOf(refunded.Key), ['Refund 190']);
  });
});
