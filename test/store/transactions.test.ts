/**
 * The shortcuts the store takes for speed change nothing a use case can observe
 * (docs/benchmarks.md): on PostgreSQL, BEGIN and queued statements travel with the statement after
 * them (src/store/pipelined-transaction.ts) and statements are prepared once per connection. Runs
 * on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openDatabase } from '../../src/main.js';
import { type Database, queueStatement } from '../../src/store/database.js';
import { freshCustomer } from '../support/fresh-customer.js';
import { Legacy } from '../support/legacy-client.js';
import { dropSchema, startTestServer, testConfig, type TestServer } from '../support/test-server.js';

const CHECK_VIOLATION = '23514';

describe('a transaction with queued statements', () => {
  const config = testConfig();
  let db: Database;

  before(async () => {
    db = await openDatabase(config);
    await db.exec('CREATE TABLE scratch (id integer PRIMARY KEY, n integer NOT NULL CHECK (n >= 0))');
  });
  after(async () => {
    await db.close();
    if (config.databaseUrl && config.databaseSchema) await dropSchema(config.databaseUrl, config.databaseSchema);
  });

  const count = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM scratch'))[0]!.n;

  test('runs queued statements in the order they were sent, before the statement after them', async () => {
    const rows = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO scratch (id, n) VALUES (1, 5)');
      await queueStatement(tx, 'UPDATE scratch SET n = n * 2 WHERE id = $1', [1]);
      await queueStatement(tx, 'UPDATE scratch SET n = n + 1 WHERE id = $1', [1]);
      return tx.query<{ n: number }>('SELECT n FROM scratch WHERE id = $1', [1]);
    });
    assert.deepEqual(rows, [{ n: 11 }]);
    await db.query('DELETE FROM scratch');
  });

  test('fails with the queued statement’s own error when a later statement follows, and writes nothing', async () => {
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO scratch (id, n) VALUES (1, 1)');
        await queueStatement(tx, 'UPDATE scratch SET n = -1 WHERE id = $1', [1]);
        await tx.query('INSERT INTO scratch (id, n) VALUES (2, 2)');
      }),
      (error: { code?: string }) => error.code === CHECK_VIOLATION,
    );
    assert.equal(await count(), 0);
  });

  test('fails with the queued statement’s own error when it is the last before the commit, and writes nothing', async () => {
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO scratch (id, n) VALUES (1, 1)');
        await queueStatement(tx, 'UPDATE scratch SET n = -1 WHERE id = $1', [1]);
      }),
      (error: { code?: string }) => error.code === CHECK_VIOLATION,
    );
    assert.equal(await count(), 0);
  });

  test('undoes the first statement, sent together with BEGIN, when a later statement fails', async () => {
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO scratch (id, n) VALUES (1, 1)');
        await tx.query('INSERT INTO scratch (id, n) VALUES (1, 2)');
      }),
      (error: { code?: string }) => error.code === '23505',
    );
    assert.equal(await count(), 0);
  });
});

describe('a running server whose tables gain a column', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('keeps answering status and orders, although its statements were prepared before the change', async () => {
    const legacy = new Legacy(server.url);
    const statusOf = async (number: string) =>
      (await legacy.call('/api/status', 'Status', {}, { INVOICES: [{ INVOICENUMBER: number }] })).api.MSG.INVOICES.INVOICE[0].STATUS;
    const first = await legacy.placeOrder({ fields: freshCustomer() });
    assert.equal(String(await statusOf(first.orderNumber)), '0');

    // What another node's migration does while this one serves.
    await server.store.db.exec('ALTER TABLE invoices ADD COLUMN added_later text; ALTER TABLE credit_checks ADD COLUMN added_later text');

    assert.equal(String(await statusOf(first.orderNumber)), '0');
    const second = await legacy.placeOrder({ fields: freshCustomer() });
    assert.equal(String(await statusOf(second.orderNumber)), '0');
  });
});
