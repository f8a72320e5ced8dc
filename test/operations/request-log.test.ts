/**
 * The merchant's API request log (docs/operations.md "The API request log"): each answered request
 * of a merchant is kept with method, route pattern, HTTP status, wire code, duration and request id,
 * and nothing of its body; only that merchant reads it, through POST /v2/client/requests, and rows
 * older than 24 hours are forgotten. Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openDatabase } from '../../src/main.js';
import { RequestLogWriter, MAX_WAITING } from '../../src/operations/request-log-writer.js';
import type { Database } from '../../src/store/database.js';
import { migrate } from '../../src/store/migrate.js';
import { SqlRequestLog } from '../../src/store/request-log-repository.js';
import { APITEST, apiXml, checkFields, USERTEST } from '../support/legacy-client.js';
import { dropSchema, startTestServer, testConfig, type TestServer } from '../support/test-server.js';
import { call, postJson } from '../v2/v2-client.js';

interface Logged {
  id: string;
  at: string;
  method: string;
  path: string;
  status: number;
  code: string;
  durationMs: number;
  requestId: string;
}

describe('the API request log', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  const read = async (fields: Record<string, unknown> = {}): Promise<Logged[]> => (await call(server.url, '/v2/client/requests', fields)).body.requests;

  /** The log as it is once the request with this id has been written (writes are batched). */
  async function logWith(requestId: string): Promise<Logged[]> {
    for (let tries = 0; tries < 100; tries++) {
      const rows = await read();
      if (rows.some((row) => row.requestId === requestId)) return rows;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.fail(`request ${requestId} never reached the log`);
  }

  test("keeps each of the merchant's requests with method, route, status, wire code, duration and request id", async () => {
    const email = 'logged.customer@example.com';
    const xml = await fetch(`${server.url}/api/check`, { method: 'POST', body: apiXml('Check', checkFields({ EMAIL: email, BACKDOOR: '1' })) });
    const xmlId = xml.headers.get('x-request-id')!;
    await xml.text();
    const json = await fetch(`${server.url}/v2/client/workflow/set`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ billinkUsername: USERTEST.username, billinkID: USERTEST.clientId, workflowNumber: 1, paymentTermDays: 0 }),
    });
    const jsonId = json.headers.get('x-request-id')!;
    await json.text();
    const rows = await logWith(jsonId);
    const check = rows.find((row) => row.requestId === xmlId);
    assert.ok(check, 'the XML check is logged');
    assert.deepEqual([check.method, check.path, check.status, check.code], ['POST', '/api/check', 200, '500']);
    assert.ok(Number.isInteger(check.durationMs) && check.durationMs >= 0);
    assert.ok(!Number.isNaN(Date.parse(check.at)));
    const refused = rows.find((row) => row.requestId === jsonId)!;
    assert.deepEqual([refused.path, refused.code], ['/v2/client/workflow/set', '403']);
    assert.ok(!JSON.stringify(rows).includes(email), 'no personal data is kept');
    assert.ok(!rows.some((row) => row.path === '/v2/client/requests'), 'reading the log is not logged');
  });

  test('resumes after an id, and shows one merchant nothing of another', async () => {
    const last = (await read()).at(-1)!.id;
    const theirs = await fetch(`${server.url}/api/check`, { method: 'POST', body: apiXml('Check', checkFields({ BACKDOOR: '1' }), {}, APITEST) });
    await theirs.text();
    const own = await fetch(`${server.url}/v2/client/webshop-settings`, {
      method: 'POST',
      body: JSON.stringify({ billinkUsername: USERTEST.username, billinkID: USERTEST.clientId }),
    });
    await own.text();
    await logWith(own.headers.get('x-request-id')!);
    const after = await read({ after: last });
    assert.deepEqual(after.map((row) => row.path), ['/v2/client/webshop-settings']);
    const apitest = await postJson(server.url, '/v2/client/requests', { billinkUsername: APITEST.username, billinkID: APITEST.clientId });
    assert.deepEqual((apitest.body.requests as Logged[]).map((row) => [row.path, row.requestId]), [['/api/check', theirs.headers.get('x-request-id')]]);
    assert.equal((await postJson(server.url, '/v2/client/requests', { billinkUsername: APITEST.username, billinkID: 'x' })).body.code, '102');
  });
});

describe('the request log writer', () => {
  const config = testConfig();
  let db: Database;
  let table: SqlRequestLog;
  before(async () => {
    db = await openDatabase(config);
    await migrate(db);
    table = new SqlRequestLog(db);
  });
  after(async () => {
    await db.close();
    if (config.databaseUrl && config.databaseSchema) await dropSchema(config.databaseUrl, config.databaseSchema);
  });

  const record = (at: Date, requestId: string) => ({
    merchant: 'writer-test', at, method: 'POST', route: '/api/check', status: 200, wireCode: '500', durationMs: 1.6, requestId,
  });

  test('writes its batch on close and forgets rows older than 24 hours', async () => {
    const now = new Date('2026-12-01T12:00:00Z');
    await table.append([record(new Date('2026-11-30T11:59:00Z'), 'old'), record(new Date('2026-11-30T12:01:00Z'), 'recent')]);
    const writer = new RequestLogWriter(table, (error) => assert.fail(String(error)), () => now);
    writer.add(record(now, 'new'));
    await writer.close();
    const rows = await table.list('writer-test', undefined, 100);
    assert.deepEqual(rows.map((row) => row.requestId), ['recent', 'new']);
    assert.equal(rows[1]!.durationMs, 2);
  });

  test(`keeps at most ${MAX_WAITING} records waiting and counts the ones it drops`, async () => {
    const writer = new RequestLogWriter({ append: () => new Promise(() => undefined), prune: async () => undefined }, () => undefined);
    for (let n = 0; n < MAX_WAITING + 700; n++) writer.add(record(new Date(), `r${n}`));
    // The first 500 went to a write that never ends; of the rest, all past the bound are dropped.
    assert.equal(writer.dropped, 200);
  });
});
