/**
 * When the merchant repository reads a cached sandbox merchant's test clock (src/store/
 * merchant-repository.ts): fresh on every lookup by default, so an advance through any node holds
 * for the next request, and not at all for a caller that never reads the merchant's time (legacy
 * Status), which takes the cached merchant as it is. Runs on PGlite, and on PostgreSQL when
 * TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openDatabase } from '../../src/main.js';
import type { Database, Queryable } from '../../src/store/database.js';
import { migrate } from '../../src/store/migrate.js';
import { insertMerchant, SqlMerchantRepository } from '../../src/store/merchant-repository.js';
import { dropSchema, testConfig } from '../support/test-server.js';

const DAY = 86_400_000;

describe("a cached sandbox merchant's test clock", () => {
  const config = testConfig();
  let db: Database;
  const sent: string[] = [];
  /** The real database, with the text of every statement the repository sends kept in `sent`. */
  const recording: Queryable = {
    query: (sql, params) => {
      sent.push(sql);
      return db.query(sql, params);
    },
  };

  before(async () => {
    db = await openDatabase(config);
    await migrate(db);
    await insertMerchant(db, {
      id: '7f0c8b4e-2d7a-4c35-9d8e-3a1f6c0b9e21',
      username: 'clock-reads',
      clientId: 'c0ffee',
      code: 'CLK',
      name: 'Clock reads',
      email: 'clock-reads@example.com',
      mode: 'sandbox',
      workflows: [],
    });
  });
  after(async () => {
    await db.close();
    if (config.databaseUrl && config.databaseSchema) await dropSchema(config.databaseUrl, config.databaseSchema);
  });

  test('is read fresh by default and not at all for a caller that does not read its time', async () => {
    const merchants = new SqlMerchantRepository(recording);
    assert.equal((await merchants.findByUsername('clock-reads'))?.testClockOffsetMs, 0);
    // Another node advances the clock; this node still has the merchant in its cache.
    await db.query("UPDATE merchants SET test_clock_offset_ms = $1 WHERE username = 'clock-reads'", [3 * DAY]);

    sent.length = 0;
    const withoutClock = await merchants.findByUsername('clock-reads', { freshClock: false });
    assert.equal(withoutClock?.username, 'clock-reads');
    assert.equal(withoutClock?.testClockOffsetMs, 0);
    assert.deepEqual(sent, []);

    assert.equal((await merchants.findByUsername('clock-reads'))?.testClockOffsetMs, 3 * DAY);
    assert.equal(sent.length, 1);
    assert.match(sent[0]!, /SELECT test_clock_offset_ms FROM merchants/);
  });
});
