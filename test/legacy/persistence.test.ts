/**
 * What is written survives a restart, on the embedded database and on PostgreSQL, and two server
 * processes never open one embedded database folder at once (src/store/pglite-database.ts).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { Config } from '../../src/config.js';
import { type RunningServer, startServer } from '../../src/main.js';
import { freshCustomer } from '../support/fresh-customer.js';
import { ITEMS, Legacy, orderFields, orderNumber } from '../support/legacy-client.js';
import { TEST_DATABASE_URL, dropSchema, testConfig, uniqueSchema } from '../support/test-server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Places an order and makes a second, unused check; both must outlive the server. */
async function writeSomething(server: RunningServer) {
  const legacy = new Legacy(server.url);
  const placed = await legacy.placeOrder({ fields: freshCustomer() });
  const customer = freshCustomer();
  const unusedCheck = await legacy.check(customer);
  return { ...placed, customer, unusedCheck };
}

async function assertStillThere(server: RunningServer, written: Awaited<ReturnType<typeof writeSomething>>): Promise<void> {
  const legacy = new Legacy(server.url);
  const status = await legacy.call('/api/status', 'Status', {}, { INVOICES: [{ INVOICENUMBER: written.orderNumber }, { INVOICENUMBER: written.invoice }] });
  assert.deepEqual(
    status.api.MSG.INVOICES.INVOICE.map((invoice: { STATUS: string; DESCRIPTION: string }) => [invoice.STATUS, invoice.DESCRIPTION]),
    [['0', 'No steps given'], ['0', 'No steps given']],
  );
  const order = await legacy.call('/api/order', 'Order', orderFields(written.unusedCheck, orderNumber(), written.customer), { ORDERITEMS: ITEMS });
  assert.equal(order.code, '200', order.text);
}

/** The PID on the lock file's first line (the second holds the holder's start time, where /proc exists). */
function lockHolder(dataDir: string): number {
  return Number(readFileSync(join(dataDir, 'achteraf.lock'), 'utf8').split('\n')[0]);
}

/** Runs `npm start`'s entry point as its own process and resolves with how it ended. */
function runServerProcess(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/bin/server.ts'], {
      cwd: ROOT,
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', DATABASE_URL: '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the second server process started instead of refusing the folder'));
    }, 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('the embedded database in a DATA_DIR', () => {
  let dataDir: string;
  let config: Config;
  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'achteraf-data-'));
    // An empty DATABASE_URL keeps this on PGlite when the suite runs against PostgreSQL.
    config = testConfig({ DATA_DIR: dataDir, DATABASE_URL: '' });
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('keeps orders and unused checks across a restart on the same folder', async () => {
    const first = await startServer(config);
    assert.equal(first.store.db.engine, 'pglite');
    const written = await writeSomething(first);
    await first.close();

    const second = await startServer(config);
    try {
      await assertStillThere(second, written);
    } finally {
      await second.close();
    }
  });

  test('a second server process on the same folder is refused with a message saying why, while the first runs', async () => {
    const running = await startServer(config);
    try {
      const refused = await runServerProcess({ DATA_DIR: dataDir });
      assert.notEqual(refused.code, 0);
      assert.match(refused.stderr, new RegExp(`embedded database in ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use by process ${process.pid}`));
      assert.match(refused.stderr, /DATABASE_URL/);
      // The refused process left the first server's lock and data alone.
      assert.equal(lockHolder(dataDir), process.pid);
      assert.equal((await new Legacy(running.url).call('/api/status', 'Status', {}, { INVOICES: [{ INVOICENUMBER: 'X' }] })).code, '200');
    } finally {
      await running.close();
    }
  });

  test('a second server in the same process on the same folder is refused too, and leaves the first one\'s lock alone', async () => {
    const running = await startServer(config);
    try {
      await assert.rejects(startServer(config), /is in use by process/);
      assert.equal(lockHolder(dataDir), process.pid);
      assert.equal((await new Legacy(running.url).call('/api/status', 'Status', {}, { INVOICES: [{ INVOICENUMBER: 'X' }] })).code, '200');
    } finally {
      await running.close();
    }
  });

  test('a lock holding this process\'s own PID, with no server of this process on the folder, is taken over', async () => {
    // A container restarted after kill -9 gets the same PID again and finds its old lock.
    writeFileSync(join(dataDir, 'achteraf.lock'), String(process.pid));
    const server = await startServer(config);
    try {
      assert.equal(lockHolder(dataDir), process.pid);
    } finally {
      await server.close();
    }
    writeFileSync(join(dataDir, 'achteraf.lock'), `${process.pid}\n1\n`);
    await (await startServer(config)).close();
  });

  test('a lock holding the PID of a running process that is not an Achteraf server is taken over', { skip: existsSync('/proc/self/stat') ? false : 'needs /proc' }, async () => {
    const other = spawn('sleep', ['60'], { stdio: 'ignore' });
    const node = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      // Not a Node.js process at all.
      writeFileSync(join(dataDir, 'achteraf.lock'), String(other.pid));
      await (await startServer(config)).close();
      // A Node.js process, but not the one that wrote the lock: its PID was reused after a crash.
      writeFileSync(join(dataDir, 'achteraf.lock'), `${node.pid}\n1\n`);
      const server = await startServer(config);
      try {
        assert.equal(lockHolder(dataDir), process.pid);
      } finally {
        await server.close();
      }
    } finally {
      other.kill();
      node.kill();
    }
  });

  test('a lock left behind by a process that died is taken over', async () => {
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.on('exit', resolve));
    writeFileSync(join(dataDir, 'achteraf.lock'), String(dead.pid));
    const server = await startServer(config);
    try {
      assert.equal(lockHolder(dataDir), process.pid);
    } finally {
      await server.close();
    }
  });
});

describe('PostgreSQL', { skip: TEST_DATABASE_URL ? false : 'TEST_DATABASE_URL is not set' }, () => {
  const schema = uniqueSchema();
  after(() => dropSchema(TEST_DATABASE_URL!, schema));

  test('keeps orders and unused checks across a restart on the same schema', async () => {
    const config = testConfig({ DATABASE_SCHEMA: schema });
    const first = await startServer(config);
    assert.equal(first.store.db.engine, 'postgres');
    const written = await writeSomething(first);
    await first.close();

    const second = await startServer(config);
    try {
      await assertStillThere(second, written);
    } finally {
      await second.close();
    }
  });
});
