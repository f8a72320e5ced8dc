/**
 * Joinable transactions (src/store/joinable-transactions.ts): the database `inOneTransaction` hands
 * on runs its statements in the one transaction and its transactions as savepoints of it (a
 * Buckaroo Capture's own steps inside its request's transaction, a keyed v2 write's use case inside
 * the key's), a failure inside a nested one undoes only its own writes, and after the transaction
 * ends it falls back to the pool. Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openDatabase } from '../../src/main.js';
import type { Database } from '../../src/store/database.js';
import { inOneTransaction } from '../../src/store/joinable-transactions.js';
import { dropSchema, testConfig } from '../support/test-server.js';

describe('a transaction handed on', () => {
  const config = testConfig();
  let db: Database;

  before(async () => {
    db = await openDatabase(config);
    await db.exec('CREATE TABLE scratch (id integer PRIMARY KEY)');
  });
  after(async () => {
    await db.close();
    if (config.databaseUrl && config.databaseSchema) await dropSchema(config.databaseUrl, config.databaseSchema);
  });

  const ids = async () => (await db.query<{ id: number }>('SELECT id FROM scratch ORDER BY id')).map((row) => row.id);

  test('a transaction inside a transaction handed on is a savepoint: it sees the outer writes and both commit together', async () => {
    await inOneTransaction(db, async (bound) => {
      await bound.query('INSERT INTO scratch (id) VALUES (1)');
      await bound.transaction(async (tx) => {
        // Inside the outer transaction: its row is visible here.
        assert.deepEqual((await tx.query<{ id: number }>('SELECT id FROM scratch ORDER BY id')).map((row) => row.id), [1]);
        await tx.query('INSERT INTO scratch (id) VALUES (2)');
      });
      await bound.query('INSERT INTO scratch (id) VALUES (3)');
    });
    assert.deepEqual(await ids(), [1, 2, 3]);
    await db.query('DELETE FROM scratch');
  });

  test('a failure in the inner one undoes its writes only, and the outer one goes on, also after a failed statement', async () => {
    await inOneTransaction(db, async (bound) => {
      await bound.query('INSERT INTO scratch (id) VALUES (1)');
      await assert.rejects(
        bound.transaction(async (tx) => {
          await tx.query('INSERT INTO scratch (id) VALUES (2)');
          // A duplicate key: on PostgreSQL the statement fails and, without the savepoint, would abort the whole transaction.
          await tx.query('INSERT INTO scratch (id) VALUES (1)');
        }),
      );
      await bound.query('INSERT INTO scratch (id) VALUES (3)');
    });
    assert.deepEqual(await ids(), [1, 3]);
    await db.query('DELETE FROM scratch');
  });

  test('a failure in the outer one undoes the inner one that had completed', async () => {
    await assert.rejects(
      inOneTransaction(db, async (bound) => {
        await bound.transaction((tx) => tx.query('INSERT INTO scratch (id) VALUES (1)'));
        throw new Error('the step after it failed');
      }),
      /the step after it failed/,
    );
    assert.deepEqual(await ids(), []);
  });

  test('after the transaction ended, the database it handed on falls back to the pool', async () => {
    let kept: Database | undefined;
    await inOneTransaction(db, async (bound) => {
      kept = bound;
      await bound.query('INSERT INTO scratch (id) VALUES (1)');
    });
    await kept!.query('INSERT INTO scratch (id) VALUES (2)');
    await kept!.transaction((tx) => tx.query('INSERT INTO scratch (id) VALUES (3)'));
    assert.deepEqual(await ids(), [1, 2, 3]);
    await db.query('DELETE FROM scratch');
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
