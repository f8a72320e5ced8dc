/**
 * Buckaroo Pays survive a server killed with SIGKILL in the middle of a stream of them
 * (docs/buckaroo.md "One transaction"): every order that exists afterwards has its Pay row and
 * its push, and the restarted server delivers every push; a Pay whose answer was lost, sent again,
 * books once. On PostgreSQL (TEST_DATABASE_URL) in a schema of its own, else on PGlite in a data
 * folder of its own: a PGlite commit survives the process being killed, though not a power loss
 * (docs/architecture.md "Storage").
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BuckarooClient, orderRequest } from '../support/buckaroo-client.js';
import { listeningUrl, type ServerProcess, spawnServer } from '../support/server-process.js';
import { openDatabase } from '../../src/main.js';
import { dropSchema, TEST_DATABASE_URL, testConfig, uniqueSchema } from '../support/test-server.js';
import { eventually, WebhookReceiver } from '../support/webhook-receiver.js';

/** Pays sent at once, so that some are in flight, at any step, when the server dies. */
const WORKERS = 8;
/** The stream stops by itself after this many Pays per worker, should the kill never come. */
const PAYS_PER_WORKER = 20;
/** The server is killed once this many Pays were answered. */
const KILL_AFTER_ANSWERS = 24;

interface Sent {
  body: ReturnType<typeof orderRequest>;
  /** The Key of the 190 answer; undefined when the answer was lost with the server. */
  key?: string;
}

type Query = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

describe('Buckaroo Pays when the server is killed with SIGKILL', () => {
  const schema = uniqueSchema();
  const dataDir = TEST_DATABASE_URL ? undefined : mkdtempSync(join(tmpdir(), 'achteraf-buckaroo-crash-'));
  let receiver: WebhookReceiver;
  const servers: ServerProcess[] = [];
  before(async () => {
    receiver = await new WebhookReceiver().start();
  });
  after(async () => {
    for (const server of servers) await server.stop();
    await receiver.close();
    if (TEST_DATABASE_URL) await dropSchema(TEST_DATABASE_URL, schema);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const env = {
    ...(TEST_DATABASE_URL ? { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, DATABASE_POOL_SIZE: '4' } : { DATA_DIR: dataDir! }),
    HOST: '127.0.0.1',
    WEBHOOK_ALLOW_PRIVATE: '1',
    // A 2 s time limit keeps the claim of a delivery the dead server had in hand short (time limit + 5 s).
    WEBHOOK_TIMEOUT_SECONDS: '2',
    BUCKAROO_PUSH_RETRY_SCHEDULE: '1,1,1',
  };
  const start = async (): Promise<string> => {
    const server = spawnServer({ env, testDatabase: false });
    servers.push(server);
    return listeningUrl(server);
  };
  /** Reads the servers' database while none runs: PGlite's folder takes one process at a time. */
  const inspect = async <T>(read: (query: Query) => Promise<T>): Promise<T> => {
    const db = await openDatabase(TEST_DATABASE_URL ? { ...testConfig(), databaseSchema: schema } : testConfig({ DATA_DIR: dataDir! }));
    try {
      return await read((sql, params) => db.query(sql, params));
    } finally {
      await db.close();
    }
  };

  test('leaves every order with its Pay row and its push, delivered after the restart, and a resent Pay books once', async (t) => {
    const first = new BuckarooClient(await start());
    const pushUrl = receiver.url('/crash');
    const sent: Sent[] = [];
    let answered = 0;
    let killed = false;
    const stream = async () => {
      for (let index = 0; index < PAYS_PER_WORKER && !killed; index += 1) {
        const entry: Sent = { body: orderRequest('Pay', { extra: { PushURL: pushUrl } }) };
        sent.push(entry);
        try {
          const answer = await first.transaction(entry.body);
          assert.equal(answer.json.Status.Code.Code, 190);
          entry.key = answer.json.Key;
        } catch (error) {
          if (!killed) throw error;
          return;
        }
        if (++answered === KILL_AFTER_ANSWERS) {
          killed = true;
          servers[0]!.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, stream));
    assert.equal(await servers[0]!.exited, 'SIGKILL');

    const numbers = sent.map((entry) => entry.body.Invoice);
    const { orders, pushes } = await inspect(async (query) => {
      const orders = await query<{ number: string; step: string; pays: string[] }>(
        `SELECT i.merchant_number AS number, i.step,
                coalesce(array_agg(t.key ORDER BY t.key) FILTER (WHERE t.key IS NOT NULL), '{}') AS pays
         FROM invoices i LEFT JOIN buckaroo_transactions t ON t.invoice_id = i.id AND t.action = 'Pay' AND t.status_code = 190
         WHERE i.merchant_number = ANY($1) GROUP BY i.id, i.merchant_number, i.step`,
        [numbers],
      );
      const pushes = await query<{ key: string; count: number }>(
        `SELECT t.key, (SELECT count(*)::int FROM webhook_deliveries d
                        WHERE d.contract = 'buckaroo' AND d.event = 'Pay 190' AND d.body LIKE '%"Key":"' || t.key || '"%') AS count
         FROM buckaroo_transactions t WHERE t.key = ANY($1)`,
        [orders.flatMap((order) => order.pays)],
      );
      return { orders, pushes };
    });
    // Every answered Pay was committed before its answer left.
    for (const entry of sent.filter((e) => e.key)) {
      assert.deepEqual(orders.find((order) => order.number === entry.body.Invoice)?.pays, [entry.key]);
    }
    // Every order that exists, answered or not, has its workflow started and exactly one Pay row with one push.
    for (const order of orders) {
      assert.equal(order.step, 'wait_for_payment', order.number);
      assert.equal(order.pays.length, 1, `${order.number} has one Pay row`);
    }
    const keys = orders.flatMap((order) => order.pays);
    assert.deepEqual(pushes.map((push) => push.count), keys.map(() => 1), 'one push queued per Pay');

    // The restarted server delivers every push, those the dead one had queued or in hand included.
    const second = new BuckarooClient(await start());
    await eventually(
      async () => keys.every((key) => receiver.received.some((entry) => (entry.json as any).Transaction?.Key === key)) || undefined,
      60_000,
      'a push of every Pay',
    );

    // A Pay whose answer was lost is sent again: it books now if it had left nothing, else it is the documented 491.
    const lost = sent.filter((entry) => !entry.key);
    const committedUnanswered = lost.filter((entry) => orders.some((order) => order.number === entry.body.Invoice)).length;
    t.diagnostic(`${sent.length} Pays sent, ${lost.length} lost with the server, ${committedUnanswered} of those committed`);
    for (const entry of lost) {
      const existed = orders.some((order) => order.number === entry.body.Invoice);
      const again = (await second.transaction(entry.body)).json;
      assert.equal(again.Status.Code.Code, existed ? 491 : 190, entry.body.Invoice);
    }
    await servers[1]!.stop();
    const placed = await inspect((query) =>
      query<{ number: string; count: number }>(
        'SELECT merchant_number AS number, count(*)::int AS count FROM invoices WHERE merchant_number = ANY($1) GROUP BY merchant_number',
        [numbers],
      ),
    );
    assert.equal(placed.length, numbers.length, 'every Pay of the stream was booked');
    assert.deepEqual(placed.map((row) => row.count), numbers.map(() => 1), 'and booked exactly once');
  });
});
