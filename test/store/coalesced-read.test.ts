/**
 * Reads shared by the calls that wait at the same moment (src/store/coalesced-read.ts), as the
 * fresh test-clock read of a sandbox merchant uses them: calls that come together share one read,
 * and no call is answered by a read that was already on its way when the call came. Runs on
 * PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openDatabase } from '../../src/main.js';
import { CoalescedRead } from '../../src/store/coalesced-read.js';
import type { Database } from '../../src/store/database.js';
import { dropSchema, testConfig } from '../support/test-server.js';

describe('a coalesced read', () => {
  const config = testConfig();
  let db: Database;

  before(async () => {
    db = await openDatabase(config);
    await db.exec('CREATE TABLE scratch_clock (key text PRIMARY KEY, offset_ms integer NOT NULL)');
  });
  after(async () => {
    await db.close();
    if (config.databaseUrl && config.databaseSchema) await dropSchema(config.databaseUrl, config.databaseSchema);
  });

  const setOffset = (key: string, offset: number) =>
    db.query('INSERT INTO scratch_clock (key, offset_ms) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET offset_ms = $2', [key, offset]);

  /** A read that has its row and then waits for `release` before it answers, so it is still on its way. */
  function heldReads() {
    let reads = 0;
    let release: () => void = () => {};
    let held = new Promise<void>((resolve) => (release = resolve));
    const read = new CoalescedRead<number | undefined>(async (key) => {
      reads += 1;
      const rows = await db.query<{ offset_ms: number }>('SELECT offset_ms FROM scratch_clock WHERE key = $1', [key]);
      await held;
      return rows[0]?.offset_ms;
    });
    return {
      read,
      reads: () => reads,
      release() {
        release();
        held = new Promise<void>((resolve) => (release = resolve));
      },
    };
  }

  test('answers calls made while a read is on its way with a read of their own, which they share', async () => {
    await setOffset('m1', 1);
    const held = heldReads();
    const first = held.read.get('m1');
    // Let the first read fetch its row, then change the row, as an advance through another node would.
    while (held.reads() === 0) await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await setOffset('m1', 2);
    const second = held.read.get('m1');
    const third = held.read.get('m1');
    held.release();
    assert.equal(await first, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    held.release();
    assert.deepEqual(await Promise.all([second, third]), [2, 2]);
    assert.equal(held.reads(), 2, 'the two later calls share one read');
  });

  test('reads keys apart', async () => {
    await setOffset('m2', 20);
    await setOffset('m3', 30);
    const read = new CoalescedRead<number | undefined>(async (key) => {
      const rows = await db.query<{ offset_ms: number }>('SELECT offset_ms FROM scratch_clock WHERE key = $1', [key]);
      return rows[0]?.offset_ms;
    });
    assert.deepEqual(await Promise.all([read.get('m2'), read.get('m3'), read.get('unknown')]), [20, 30, undefined]);
  });

  test('fails every call of a failed read, and reads again for the next call', async () => {
    let fail = true;
    const read = new CoalescedRead<number>(async () => {
      const rows = await db.query<{ n: number }>(fail ? 'SELECT 1 / 0 AS n' : 'SELECT 7 AS n');
      return rows[0]!.n;
    });
    const calls = [read.get('k'), read.get('k')];
    const outcomes = await Promise.allSettled(calls);
    assert.deepEqual(outcomes.map((outcome) => outcome.status), ['rejected', 'rejected']);
    fail = false;
    assert.equal(await read.get('k'), 7);
  });
});
