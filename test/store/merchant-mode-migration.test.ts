/**
 * Migration 008 gives every existing merchant a mode from its old sandbox flag: the seeded
 * merchants stay sandbox, partner-created live ones stay live (docs/security.md).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { openPostgres } from '../../src/store/database.js';
import { openPglite } from '../../src/store/pglite-database.js';
import { migrate } from '../../src/store/migrate.js';
import { TEST_DATABASE_URL, dropSchema, uniqueSchema } from '../support/test-server.js';

const MIGRATIONS = fileURLToPath(new URL('../../src/store/migrations/', import.meta.url));

test('existing merchants keep what they were: sandbox stays sandbox, live stays live', async () => {
  const schema = uniqueSchema();
  const db = TEST_DATABASE_URL ? await openPostgres({ url: TEST_DATABASE_URL, schema, poolSize: 1 }) : await openPglite(undefined);
  try {
    // The schema as it was before 008, with one merchant of each kind.
    await db.exec('CREATE TABLE schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    for (const file of readdirSync(MIGRATIONS).filter((name) => name < '008').sort()) {
      await db.exec(readFileSync(MIGRATIONS + file, 'utf8'));
      await db.query('INSERT INTO schema_migrations (version) VALUES ($1)', [file]);
    }
    await db.query(`INSERT INTO merchants (id, username, client_id, code, name, email, sandbox) VALUES
      ('m_usertest', 'usertest', 'd38a', 'TST', 'Test Webshop', 'a@example.test', true),
      ('m_live', 'live-shop', 'f00d', 'LIVE', 'Live Shop', 'b@example.test', false)`);

    assert.ok((await migrate(db)).includes('008-merchant-mode.sql'));
    assert.deepEqual(await db.query('SELECT username, mode FROM merchants ORDER BY username'), [
      { username: 'live-shop', mode: 'live' },
      { username: 'usertest', mode: 'sandbox' },
    ]);
    await assert.rejects(db.query(`UPDATE merchants SET mode = 'test' WHERE id = 'm_live'`));
    await assert.rejects(db.query(`INSERT INTO merchants (id, username, client_id, code, name, email) VALUES ('m_x', 'x', 'x', 'X', 'X', 'x@example.test')`));
  } finally {
    await db.close();
    if (TEST_DATABASE_URL) await dropSchema(TEST_DATABASE_URL, schema);
  }
});
