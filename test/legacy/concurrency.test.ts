/**
 * House rule 5 against the real server and database: payments, credits and workflow starts on
 * one invoice arrive all at once, over separate HTTP requests, and money is still counted exactly
 * once. Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL with a pool of connections.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Legacy, type Fields, type Item } from '../support/legacy-client.js';
import { freshCustomer } from '../support/fresh-customer.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('parallel management calls on one invoice', () => {
  let server: TestServer;
  let legacy: Legacy;
  before(async () => {
    server = await startTestServer();
    legacy = new Legacy(server.url);
  });
  after(() => server.close());

  const itemCode = async (path: string, action: string, item: Item) => {
    const answer = await legacy.call(path, action, {}, { INVOICES: [item] });
    const list = answer.api.MSG?.INVOICES?.ITEM ?? answer.api.MSG?.STATUSES?.ITEM;
    assert.ok(list, answer.text);
    return String(list[0].CODE);
  };
  const pay = (number: string, amount: string) => itemCode('/api/payment', 'Payment', { INVOICENUMBER: number, AMOUNT: amount });
  const credit = (number: string, amount: string) => itemCode('/api/credit', 'Credit', { INVOICENUMBER: number, CREDITAMOUNT: amount });
  const inParallel = (count: number, call: () => Promise<string>) => Promise.all(Array.from({ length: count }, call));
  const tally = (codes: string[]) => codes.reduce<Record<string, number>>((counts, code) => ({ ...counts, [code]: (counts[code] ?? 0) + 1 }), {});
  const books = async (number: string) => {
    const [row] = await server.store.db.query<{ total: number; paid: number; credited: number; status: string; payments: number; credits: number; entries: number }>(
      `SELECT i.total, i.paid, i.credited, i.status,
         COALESCE((SELECT sum(amount) FROM ledger_entries l WHERE l.invoice_id = i.id AND l.kind = 'payment'), 0)::bigint AS payments,
         COALESCE((SELECT sum(amount) FROM ledger_entries l WHERE l.invoice_id = i.id AND l.kind = 'credit'), 0)::bigint AS credits,
         (SELECT count(*) FROM ledger_entries l WHERE l.invoice_id = i.id)::int AS entries
       FROM invoices i WHERE i.merchant_number = $1`,
      [number],
    );
    return row!;
  };

  test('fifty simultaneous payments of 1.00 on an invoice of 104.85 all succeed and add up to exactly 50.00', async () => {
    const { orderNumber } = await placeOrder(legacy);
    const codes = await inParallel(50, () => pay(orderNumber, '1.00'));
    assert.deepEqual(tally(codes), { '200': 50 });
    const after = await books(orderNumber);
    assert.equal(after.paid, 5000);
    assert.equal(after.payments, after.paid);
    assert.equal(after.entries, 50);
    assert.equal(after.status, 'open');
  });

  test('thirty simultaneous payments of 5.00 with 20.00 open: exactly four succeed, the rest find the invoice paid (707)', async () => {
    const { orderNumber } = await placeOrder(legacy);
    assert.equal(await pay(orderNumber, '84.85'), '200');
    const codes = await inParallel(30, () => pay(orderNumber, '5.00'));
    assert.deepEqual(tally(codes), { '200': 4, '707': 26 });
    const after = await books(orderNumber);
    assert.deepEqual([after.paid, after.payments, after.status], [10485, 10485, 'paid']);
  });

  test('thirty simultaneous payments of 5.00 with 22.00 open: exactly four succeed, the rest exceed what is open (706)', async () => {
    const { orderNumber } = await placeOrder(legacy);
    assert.equal(await pay(orderNumber, '82.85'), '200');
    const codes = await inParallel(30, () => pay(orderNumber, '5.00'));
    assert.deepEqual(tally(codes), { '200': 4, '706': 26 });
    const after = await books(orderNumber);
    assert.deepEqual([after.paid, after.payments, after.status], [10285, 10285, 'open']);
  });

  test('thirty simultaneous credits of 5.00 with 20.00 open: exactly four are applied, the rest cannot be (707)', async () => {
    const { orderNumber } = await placeOrder(legacy);
    assert.equal(await credit(orderNumber, '84.85'), '200');
    const codes = await inParallel(30, () => credit(orderNumber, '5.00'));
    assert.deepEqual(tally(codes), { '200': 4, '707': 26 });
    const after = await books(orderNumber);
    assert.deepEqual([after.credited, after.credits, after.status], [10485, 10485, 'credited']);
  });

  test('payments and credits racing on one invoice never settle more than its total', async () => {
    const { orderNumber } = await placeOrder(legacy);
    const codes = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? pay(orderNumber, '3.00') : credit(orderNumber, '3.00'))),
    );
    const applied = codes.filter((code) => code === '200').length;
    // 104.85 holds 34 steps of 3.00; the 35th and later find too little open or the invoice closed.
    assert.equal(applied, 34);
    const after = await books(orderNumber);
    assert.equal(after.paid + after.credited, 10200);
    assert.equal(after.payments, after.paid);
    assert.equal(after.credits, after.credited);
    assert.equal(after.entries, 34);
  });

  test('twenty simultaneous starts of one invoice start it exactly once', async () => {
    const { orderNumber } = await placeOrder(legacy);
    const codes = await inParallel(20, () => itemCode('/api/start-workflow', 'activate order', { INVOICENUMBER: orderNumber }));
    assert.deepEqual(tally(codes), { '500': 1, '707': 19 });
    const events = await server.store.db.query(
      `SELECT 1 FROM events e JOIN invoices i ON i.id = e.invoice_id WHERE i.merchant_number = $1 AND e.type = 'order_workflow_started'`,
      [orderNumber],
    );
    assert.equal(events.length, 1);
  });
});

/** An order for a customer no other order shares, so earlier open orders never decline its check. */
function placeOrder(client: Legacy, options: { workflow?: string; fields?: Fields; items?: Item[] } = {}) {
  return client.placeOrder({ ...options, fields: freshCustomer(options.fields) });
}
