/**
 * Orders arriving at the same moment (house rule 5): a UUID feeds one order and a customer's
 * exposure limit holds across checks approved side by side. Runs on PGlite and, in CI, on
 * PostgreSQL with a connection pool, where the requests really do overlap.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { freshCustomer } from '../support/fresh-customer.js';
import { type Fields, ITEMS, Legacy, orderFields, orderNumber } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('orders placed in parallel', () => {
  let server: TestServer;
  let legacy: Legacy;
  before(async () => {
    server = await startTestServer();
    legacy = new Legacy(server.url);
  });
  after(() => server.close());

  async function invoiceCount(where: string, params: unknown[]): Promise<number> {
    const [row] = await server.store.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM invoices WHERE ${where}`, params);
    return row!.count;
  }

  test('two orders on two checks for one customer, together past the exposure limit: one succeeds, the other gets 701', async () => {
    for (let round = 0; round < 3; round += 1) {
      const customer: Fields = { ...freshCustomer(), WORKFLOWNUMBER: '3' };
      // Each check alone fits the 1,500.00 limit; the two orders together do not.
      const uuids = [await legacy.check({ ...customer, ORDERAMOUNT: '900.00' }), await legacy.check({ ...customer, ORDERAMOUNT: '900.00' })];
      const items = [{ DESCRIPTION: 'Fiets', ORDERQUANTITY: '1', PRICEINCL: '900.00', BTW: '21' }];
      const answers = await Promise.all(
        uuids.map((uuid) => legacy.call('/api/order', 'Order', orderFields(uuid, orderNumber(), customer), { ORDERITEMS: items })),
      );
      assert.deepEqual(answers.map((answer) => answer.code).sort(), ['200', '701'], answers.map((answer) => answer.text).join('\n'));
      assert.equal(await invoiceCount('customer_email = $1', [customer.EMAIL]), 1);
    }
  });

  test('the same customer under two e-mail addresses is still one customer when the orders race', async () => {
    const customer: Fields = { ...freshCustomer(), WORKFLOWNUMBER: '3' };
    const twin = { ...customer, EMAIL: `twin-${customer.EMAIL}` };
    const uuids = [await legacy.check({ ...customer, ORDERAMOUNT: '900.00' }), await legacy.check({ ...twin, ORDERAMOUNT: '900.00' })];
    const items = [{ DESCRIPTION: 'Fiets', ORDERQUANTITY: '1', PRICEINCL: '900.00', BTW: '21' }];
    const answers = await Promise.all([
      legacy.call('/api/order', 'Order', orderFields(uuids[0]!, orderNumber(), customer), { ORDERITEMS: items }),
      legacy.call('/api/order', 'Order', orderFields(uuids[1]!, orderNumber(), twin), { ORDERITEMS: items }),
    ]);
    assert.deepEqual(answers.map((answer) => answer.code).sort(), ['200', '701']);
  });

  test('twenty orders with the same UUID at once: exactly one is placed, the others get 446', async () => {
    const customer = freshCustomer();
    const uuid = await legacy.check(customer);
    const numbers = Array.from({ length: 20 }, () => orderNumber('RACE'));
    const answers = await Promise.all(
      numbers.map((number) => legacy.call('/api/order', 'Order', orderFields(uuid, number, customer), { ORDERITEMS: ITEMS })),
    );
    const codes = answers.map((answer) => answer.code);
    assert.equal(codes.filter((code) => code === '200').length, 1, codes.join(','));
    assert.equal(codes.filter((code) => code === '446').length, 19, codes.join(','));
    assert.equal(await invoiceCount('merchant_number = ANY($1)', [numbers]), 1);
    const [check] = await server.store.db.query<{ invoice_id: string | null }>('SELECT invoice_id::text FROM credit_checks WHERE uuid = $1', [uuid]);
    const [invoice] = await server.store.db.query<{ id: string }>('SELECT id::text FROM invoices WHERE check_uuid = $1', [uuid]);
    assert.equal(check!.invoice_id, invoice!.id);
  });

  test('twenty orders with the same order number and twenty checks at once: exactly one is placed, the others get 403', async () => {
    const customers = Array.from({ length: 20 }, () => freshCustomer());
    const uuids = await Promise.all(customers.map((customer) => legacy.check(customer)));
    const number = orderNumber('SAME');
    const answers = await Promise.all(
      customers.map((customer, i) => legacy.call('/api/order', 'Order', orderFields(uuids[i]!, number, customer), { ORDERITEMS: ITEMS })),
    );
    const codes = answers.map((answer) => answer.code);
    assert.equal(codes.filter((code) => code === '200').length, 1, codes.join(','));
    assert.equal(codes.filter((code) => code === '403').length, 19, codes.join(','));
    // The UUIDs of the refused orders stay unused.
    const [row] = await server.store.db.query<{ count: number }>('SELECT count(*)::int AS count FROM credit_checks WHERE uuid = ANY($1) AND used_at IS NULL', [uuids]);
    assert.equal(row!.count, 19);
  });
});
