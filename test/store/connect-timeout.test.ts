/**
 * A PostgreSQL server that accepts the connection and then never answers (a hung database, a
 * black-holing proxy) fails the statement after DATABASE_CONNECT_TIMEOUT_MS instead of holding
 * the request for ever.
 */
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { test } from 'node:test';
import { openPostgres } from '../../src/store/database.js';

test('a database that never answers fails the statement instead of hanging it', { timeout: 20_000 }, async () => {
  const sockets: Socket[] = [];
  const silent = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as { port: number };
  const db = await openPostgres({ url: `postgres://nobody@127.0.0.1:${port}/none`, poolSize: 1, connectTimeoutMs: 300 });
  try {
    await assert.rejects(db.query('SELECT 1'), /timeout/i);
  } finally {
    await db.close();
    for (const socket of sockets) socket.destroy();
    silent.close();
  }
});
