/**
 * Joinable transactions (src/store/joinable-transactions.ts): everything started while a joined
 * transaction runs joins it, a `joined` inside a `joined` too (a Buckaroo Capture's own steps
 * inside its request's transaction), and a failure inside a nested one undoes only its own writes;
 * a transaction handed on with `inOneTransaction` (the Buckaroo gateway's) behaves the same.
 * Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openDatabase } from '../../src/main.js';
import type { Database } from '../../src/store/database.js';
import { inOneTransaction, type JoinableDatabase, joinableTransactions } from '../../src/store/joinable-transactions.js';
import { dropSchema, testConfig } from '../support/test-server.js';

describe('a joined transaction', () => {
  const config = testConfig();
  let raw: Database;
  let db: JoinableDatabase;

  before(async () => {
    raw = await openDatabase(config);
    await raw.exec('CREATE TABLE scratch (id integer PRIMARY KEY)');
    db = joinableTransactions(raw);
  });
  after(async () => {
    await raw.close();
    if (config.databaseUrl && config.databaseSchema) await dropSchema(config.databaseUrl, config.databaseSchema);
  });

  const ids = async () => (await raw.query<{ id: number }>('SELECT id FROM scratch ORDER BY id')).map((row) => row.id);

  test('a joined transaction opened inside another joins it: it sees the outer writes and both commit together', async () => {
    await db.joined(async () => {
      await db.query('INSERT INTO scratch (id) VALUES (1)');
      await db.joined(async () => {
        // Inside the outer transaction: its row is visible here.
        assert.deepEqual((await db.query<{ id: number }>('SELECT id FROM scratch ORDER BY id')).map((row) => row.id), [1]);
        await db.query('INSERT INTO scratch (id) VALUES (2)');
      });
      await db.query('INSERT INTO scratch (id) VALUES (3)');
    });
    assert.deepEqual(await ids(), [1, 2, 3]);
    await raw.query('DELETE FROM scratch');
  });

  test('a failure in the inner one undoes its writes only, and the outer one goes on, also after a failed statement', async () => {
    await db.joined(async () => {
      await db.query('INSERT INTO scratch (id) VALUES (1)');
      await assert.rejects(
        db.joined(async () => {
          await db.query('INSERT INTO scratch (id) VALUES (2)');
          // A duplicate key: on PostgreSQL the statement fails and, without the savepoint, would abort the whole transaction.
          await db.query('INSERT INTO scratch (id) VALUES (1)');
        }),
      );
      await db.query('INSERT INTO scratch (id) VALUES (3)');
    });
    assert.deepEqual(await ids(), [1, 3]);
    await raw.query('DELETE FROM scratch');
  });

  test('a failure in the outer one undoes the inner one that had completed', async () => {
    await assert.rejects(
      db.joined(async () => {
        await db.joined(() => db.query('INSERT INTO scratch (id) VALUES (1)'));
        throw new Error('the step after it failed');
      }),
      /the step after it failed/,
    );
    assert.deepEqual(await ids(), []);
  });

  test('a transaction handed on (inOneTransaction) runs the bound database in it, its transactions as savepoints, and ends with it', async () => {
    let kept: Database | undefined;
    await db.joined(async () => {}); // a joined transaction before changes nothing for one handed on
    await inOneTransaction(db, async (bound) => {
      kept = bound;
      await bound.query('INSERT INTO scratch (id) VALUES (1)');
      await assert.rejects(
        bound.transaction(async (tx) => {
          await tx.query('INSERT INTO scratch (id) VALUES (2)');
          await tx.query('INSERT INTO scratch (id) VALUES (1)');
        }),
      );
      await bound.transaction(async (tx) => {
        // The savepoint sees the outer write.
        assert.deepEqual((await tx.query<{ id: number }>('SELECT id FROM scratch ORDER BY id')).map((row) => row.id), [1]);
        await tx.query('INSERT INTO scratch (id) VALUES (3)');
      });
    });
    assert.deepEqual(await ids(), [1, 3]);
    // After it ended, the bound database falls back to the pool, as a joined one does.
    await kept!.query('INSERT INTO scratch (id) VALUES (4)');
    assert.deepEqual(await ids(), [1, 3, 4]);
    await raw.query('DELETE FROM scratch');
  });

  test('a failure inside a transaction handed on undoes all of it', async () => {
    await assert.rejects(
      inOneTransaction(db, async (bound) => {
        await bound.transaction((tx) => tx.query('INSERT INTO scratch (id) VALUES (1)'));
        throw new Error('the step after it failed');
      }),
      /the step after it failed/,
    );
    assert.deepEqual(await ids(), []);
  });
});
