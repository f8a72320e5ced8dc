/**
 * Which customer types a workflow accepts is the workflow's `customer_types` (migration 006): a
 * workflow nobody restricted accepts both, and an installation seeded before 006 gets sandbox
 * workflow 2 opened to private customers, as Billink's sandbox has it. Runs on PGlite, and on
 * PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openDatabase } from '../../src/main.js';
import type { Database } from '../../src/store/database.js';
import { insertMerchant } from '../../src/store/merchant-repository.js';
import { migrate } from '../../src/store/migrate.js';
import { SANDBOX_WORKFLOWS, seedSandbox } from '../../src/store/seed-sandbox.js';
import { dropSchema, testConfig } from '../support/test-server.js';

const MIGRATION = '006-workflow-customer-types.sql';

describe('the customer types of a workflow in the database', () => {
  const config = testConfig();
  let db: Database;
  before(async () => {
    db = await openDatabase(config);
    await migrate(db);
    await seedSandbox(db);
  });
  after(async () => {
    await db.close();
    if (config.databaseUrl && config.databaseSchema) await dropSchema(config.databaseUrl, config.databaseSchema);
  });

  const typesOf = async (merchantId: string, number: number) =>
    (await db.query<{ customer_types: string }>('SELECT customer_types FROM workflows WHERE merchant_id = $1 AND number = $2', [merchantId, number]))[0]!
      .customer_types;

  test('a fresh installation seeds every sandbox workflow with both customer types', async () => {
    for (const merchantId of ['m_usertest', 'm_apitest']) {
      for (const workflow of SANDBOX_WORKFLOWS) assert.equal(await typesOf(merchantId, workflow.number), 'P,B');
    }
  });

  test('a workflow written without customer types accepts both', async () => {
    await db.query(`INSERT INTO workflows (merchant_id, number, name, guaranteed) VALUES ('m_usertest', 9, 'Extra', false)`);
    assert.equal(await typesOf('m_usertest', 9), 'P,B');
  });

  test('upgrading a database seeded before 006 opens sandbox workflow 2 to private customers and leaves live merchants alone', async () => {
    await insertMerchant(db, {
      id: 'm_live_b2b', username: 'live-b2b', clientId: 'c'.repeat(40), code: 'LIVB', name: 'Live B2B', email: 'b2b@example.com',
      mode: 'live', workflows: [{ ...SANDBOX_WORKFLOWS[1]!, customerTypes: ['B'] }],
    });
    // What the old seed wrote, and a migration table that has not seen 006 yet.
    await db.query(`UPDATE workflows SET customer_types = 'B', name = 'Guaranteed, business' WHERE merchant_id IN ('m_usertest', 'm_apitest') AND number = 2`);
    await db.query('DELETE FROM schema_migrations WHERE version = $1', [MIGRATION]);

    assert.deepEqual(await migrate(db), [MIGRATION]);
    assert.equal(await typesOf('m_usertest', 2), 'P,B');
    assert.equal(await typesOf('m_apitest', 2), 'P,B');
    assert.equal(await typesOf('m_live_b2b', 2), 'B');
  });
});
