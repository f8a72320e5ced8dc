/**
 * A server that cannot start says why in one line and exits non-zero, without a stack trace
 * (docs/operations.md, "When it does not start"); a server that can start says where to go next.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, test } from 'node:test';
import { listeningUrl, spawnServer } from '../support/server-process.js';

const STACK_LINE = /^\s+at /m;

describe('starting the server', { timeout: 120_000 }, () => {
  test('a port already in use ends the start with one line naming the port, exit code 1', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as net.AddressInfo).port;
    const server = spawnServer({ env: { PORT: String(port) } });
    try {
      assert.equal(await server.exited, 1);
      const output = server.output().trim();
      assert.equal(output, `achteraf: Port ${port} on 127.0.0.1 is already in use; stop the process that holds it or choose another PORT`);
      assert.doesNotMatch(output, STACK_LINE);
    } finally {
      await server.stop();
      holder.close();
    }
  });

  test('an unreachable DATABASE_URL ends the start with one line naming the database but not its password, exit code 1', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const server = spawnServer({ testDatabase: false, env: { DATABASE_URL: `postgres://achteraf:s3cret-pass@127.0.0.1:${port}/shop` } });
    try {
      assert.equal(await server.exited, 1);
      const output = server.output().trim();
      assert.equal(
        output,
        `achteraf: Cannot use the PostgreSQL database at postgres://achteraf:***@127.0.0.1:${port}/shop: ` +
          'connection refused; is PostgreSQL running there? (ECONNREFUSED); check DATABASE_URL',
      );
      assert.doesNotMatch(output, /s3cret-pass/);
    } finally {
      await server.stop();
    }
  });

  test('an invalid setting ends the start with one line naming it, exit code 2', async () => {
    const server = spawnServer({ env: { SHUTDOWN_GRACE_MS: 'soon' } });
    try {
      assert.equal(await server.exited, 2);
      assert.equal(server.output().trim(), 'achteraf: Invalid configuration: SHUTDOWN_GRACE_MS must be a whole number from 0 to 600000');
    } finally {
      await server.stop();
    }
  });

  test('the start log names the landing page as the place to go next', async () => {
    const server = spawnServer();
    try {
      const url = await listeningUrl(server);
      const line = await server.line(/Achteraf listening on/);
      assert.ok(line.includes(`open ${url}/ for the documentation`), line);
      const landing = await fetch(url + '/', { headers: { accept: 'application/json' } });
      assert.equal(landing.status, 200);
    } finally {
      await server.stop();
    }
  });
});
