/**
 * GET /health and GET /ready (docs/operations.md): JSON for container orchestrators; readiness
 * answers 503 while the database does not answer or a migration of this version is missing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, TEST_DATABASE_URL, type TestServer } from '../support/test-server.js';

async function getJson(url: string): Promise<{ status: number; type: string | null; body: any }> {
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get('content-type'), body: await response.json() };
}

describe('health and readiness', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('health answers 200 JSON while the process runs', async () => {
    const health = await getJson(`${server.url}/health`);
    assert.equal(health.status, 200);
    assert.match(health.type ?? '', /^application\/json/);
    assert.deepEqual(health.body, { status: 'ok', database: server.store.db.engine });
  });

  test('readiness answers 200 with its checks when the database answers, all migrations are applied and the job runner runs', async () => {
    const ready = await getJson(`${server.url}/ready`);
    assert.equal(ready.status, 200);
    assert.deepEqual(ready.body, {
      status: 'ready',
      database: server.store.db.engine,
      checks: { database: 'ok', migrations: 'ok', jobs: 'running' },
    });
  });

  test('readiness answers 503 while a migration of this version is not applied', async () => {
    const [last] = await server.store.db.query<{ version: string }>('SELECT version FROM schema_migrations ORDER BY version DESC LIMIT 1');
    await server.store.db.query('DELETE FROM schema_migrations WHERE version = $1', [last!.version]);
    try {
      const ready = await getJson(`${server.url}/ready`);
      assert.equal(ready.status, 503);
      assert.equal(ready.body.status, 'not ready');
      assert.equal(ready.body.checks.migrations, '1 pending');
    } finally {
      await server.store.db.query('INSERT INTO schema_migrations (version) VALUES ($1)', [last!.version]);
    }
    assert.equal((await getJson(`${server.url}/ready`)).status, 200);
  });
});

describe('readiness of a server started with JOBS=off', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { JOBS: 'off' } });
  });
  after(() => server.close());

  test('is ready without a job runner, and says that this process runs no jobs', async () => {
    const ready = await getJson(`${server.url}/ready`);
    assert.equal(ready.status, 200);
    assert.equal(ready.body.checks.jobs, 'off');
  });
});

// The database is closed under the running server to make it stop answering. On PostgreSQL a job's
// connect() that waits in pg-pool when the pool ends is never settled, so the server cannot stop
// afterwards; the readiness code path is the same on both engines.
describe('readiness when the database does not answer', { skip: TEST_DATABASE_URL ? 'runs on PGlite, see above' : false }, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(async () => {
    // The database is closed already; closing it again fails, the rest still stops.
    await server.close().catch(() => {});
  });

  test('answers 503 with the database unavailable and no detail of the error, while health still answers 200', async () => {
    await server.store.db.close();
    const ready = await getJson(`${server.url}/ready`);
    assert.equal(ready.status, 503);
    assert.deepEqual(ready.body, {
      status: 'not ready',
      database: server.store.db.engine,
      checks: { database: 'unavailable', migrations: 'unknown', jobs: 'running' },
    });
    assert.equal((await getJson(`${server.url}/health`)).status, 200);
  });
});
