/**
 * On PostgreSQL a transaction sends BEGIN and queued statements together with the statement after
 * them, without waiting for their answers (src/store/pipelined-transaction.ts), through pg's public
 * `pipeline` and `stream` options only. A loopback proxy between the pool and PostgreSQL sees what
 * arrives together: a statement that waited for the answer to the one before would arrive apart.
 * Runs only when TEST_DATABASE_URL is set (PGlite has no socket).
 */
import assert from 'node:assert/strict';
import { createServer, type Server, Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { type Database, openPostgres } from '../../src/store/database.js';
import { pipelinedTransaction, type RunStatement, SocketOwningClient } from '../../src/store/pipelined-transaction.js';
import { dropSchema, uniqueSchema } from '../support/test-server.js';

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

describe('a PostgreSQL transaction on the wire', { skip: TEST_DATABASE_URL ? false : 'needs TEST_DATABASE_URL' }, () => {
  const schema = uniqueSchema();
  /** What the pool wrote, one entry per chunk the proxy received. */
  const chunks: string[] = [];
  let proxy: Server;
  let db: Database;

  before(async () => {
    const target = new URL(TEST_DATABASE_URL!);
    proxy = createServer((client) => {
      const server = new Socket();
      server.connect(Number(target.port || 5432), target.hostname);
      client.on('data', (chunk: Buffer) => {
        chunks.push(chunk.toString('latin1'));
        server.write(chunk);
      });
      server.pipe(client);
      client.on('close', () => server.destroy());
      server.on('close', () => client.destroy());
      client.on('error', () => server.destroy());
      server.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const address = proxy.address() as { port: number };
    const url = new URL(TEST_DATABASE_URL!);
    url.hostname = '127.0.0.1';
    url.port = String(address.port);
    db = await openPostgres({ url: url.href, schema, poolSize: 1 });
    await db.exec('CREATE TABLE scratch (id integer PRIMARY KEY)');
  });
  after(async () => {
    await db.close();
    await new Promise((resolve) => proxy.close(resolve));
    await dropSchema(TEST_DATABASE_URL!, schema);
  });

  /** The chunk in which `text` arrived. */
  const chunkWith = (text: string) => chunks.find((chunk) => chunk.includes(text)) ?? '';

  test('sends BEGIN together with the first statement, without waiting for its answer', async () => {
    await db.transaction((tx) => tx.query('SELECT 41 AS first_of_transaction'));
    const chunk = chunkWith('first_of_transaction');
    assert.ok(chunk.includes('BEGIN'), 'BEGIN arrived apart from the first statement');
  });

  test('sends a queued statement together with the statement after it, and the last one together with COMMIT', async () => {
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO scratch (id) VALUES (1)');
      await tx.queue!('UPDATE scratch SET id = 2 WHERE id = 1 AND 1 = 1');
      await tx.query('SELECT id AS after_queued FROM scratch');
      await tx.queue!('UPDATE scratch SET id = 3 WHERE id = 2 AND 2 = 2');
    });
    assert.ok(chunkWith('after_queued').includes('SET id = 2'), 'the queued statement arrived apart from the next one');
    assert.ok(chunkWith('SET id = 3').includes('COMMIT'), 'the last queued statement arrived apart from COMMIT');
    assert.deepEqual(await db.query('SELECT id FROM scratch'), [{ id: 3 }]);
  });

  test('still sends a statement that is awaited before the next one is issued on its own', async () => {
    await db.transaction(async (tx) => {
      await tx.query('SELECT 5 AS awaited_alone');
      await tx.query('SELECT 6 AS issued_after_the_answer');
    });
    assert.ok(!chunkWith('awaited_alone').includes('issued_after_the_answer'), 'a statement went out before the one it waited for was answered');
  });
});

describe('statements a transaction issues together', { skip: TEST_DATABASE_URL ? false : 'needs TEST_DATABASE_URL' }, () => {
  /** Counts the writes its socket hands to the system: a corked batch is one `_writev`. */
  class WriteCountingClient extends SocketOwningClient {
    writes = 0;
    constructor(config?: pg.ClientConfig) {
      super(config);
      const socket = this.socket as Socket & { _write: (...args: unknown[]) => void; _writev: (...args: unknown[]) => void };
      const write = socket._write.bind(socket);
      const writev = socket._writev.bind(socket);
      socket._write = (...args) => ((this.writes += 1), write(...args));
      socket._writev = (...args) => ((this.writes += 1), writev(...args));
    }
  }
  const run: RunStatement = async (client, sql, params) => (await client.query({ text: sql, values: params as unknown[] })).rows;

  test('leave in one write when issued before either is awaited, with a queued statement before them, and are answered in order', async () => {
    const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1, pipeline: true, Client: WriteCountingClient });
    try {
      const client = (await pool.connect()) as unknown as WriteCountingClient & pg.PoolClient;
      let writesOfPair = 0;
      const answers = await pipelinedTransaction(client, run, async (tx) => {
        await tx.query('SELECT 1');
        await tx.queue!('SELECT 2');
        const before = client.writes;
        const both = [tx.query<{ n: number }>('SELECT 3 AS n'), tx.query<{ n: number }>('SELECT 4 AS n')];
        const answered = await Promise.all(both);
        writesOfPair = client.writes - before;
        return answered;
      });
      assert.deepEqual(answers, [[{ n: 3 }], [{ n: 4 }]]);
      assert.equal(writesOfPair, 1);
    } finally {
      await pool.end();
    }
  });
});

describe('a pooled PostgreSQL connection', { skip: TEST_DATABASE_URL ? false : 'needs TEST_DATABASE_URL' }, () => {
  test('talks to PostgreSQL through the socket its transactions cork', async () => {
    const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 1, pipeline: true, Client: SocketOwningClient });
    try {
      const client = await pool.connect();
      try {
        assert.ok(client instanceof SocketOwningClient);
        const before = client.socket.bytesWritten;
        await client.query('SELECT 1');
        assert.ok(client.socket.bytesWritten > before, 'the statement did not go out through the owned socket');
      } finally {
        client.release();
      }
    } finally {
      await pool.end();
    }
  });
});
