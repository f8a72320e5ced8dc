/**
 * Several nodes started in the same instant on a new PostgreSQL schema: each creates the schema
 * and the migrations table if missing and migrates, and all of them come up (docs/operations.md,
 * "Several nodes"). Real server processes, as `npm start` runs them.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { openPostgres } from '../../src/store/database.js';
import { migrate } from '../../src/store/migrate.js';
import { dropSchema, TEST_DATABASE_URL, uniqueSchema } from '../support/test-server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NODES = 4;
const ROUNDS = 3;

/** Resolves with the exit code and output once the process has said it listens and then stopped on SIGTERM. */
function runNode(schema: string): Promise<{ code: number | null; output: string }> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/bin/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, PORT: '0', LOG_LEVEL: 'info', JOBS: 'off' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Achteraf listening on')) child.kill('SIGTERM');
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('nodes starting together on PostgreSQL', { skip: TEST_DATABASE_URL ? false : 'needs TEST_DATABASE_URL' }, () => {
  test(`${NODES} server processes started at once on a fresh schema all come up, ${ROUNDS} times over`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const schema = uniqueSchema();
      try {
        const results = await Promise.all(Array.from({ length: NODES }, () => runNode(schema)));
        for (const result of results) {
          // A node that fails to migrate exits before it listens, with an error line. (The exit
          // code is not asked: SIGTERM can arrive before the server has installed its handler.)
          assert.ok(result.output.includes('Achteraf listening on'), `a node did not come up:\n${result.output}`);
          assert.equal(/"level":(50|60)/.test(result.output), false, result.output);
        }
      } finally {
        await dropSchema(TEST_DATABASE_URL!, schema);
      }
    }
  });
});

describe('opening and migrating one fresh schema from many connections at once', { skip: TEST_DATABASE_URL ? false : 'needs TEST_DATABASE_URL' }, () => {
  test('eight openers of the same new schema in the same instant all migrate without an error, and the migrations run once', async () => {
    for (let round = 0; round < 5; round++) {
      const schema = uniqueSchema();
      try {
        const opened = await Promise.allSettled(
          Array.from({ length: 8 }, async () => {
            const db = await openPostgres({ url: TEST_DATABASE_URL!, schema, poolSize: 1 });
            try {
              return await migrate(db);
            } finally {
              await db.close();
            }
          }),
        );
        const failures = opened.filter((result) => result.status === 'rejected').map((result) => String((result as PromiseRejectedResult).reason));
        assert.deepEqual(failures, []);
        const applied = opened.flatMap((result) => (result.status === 'fulfilled' ? result.value : []));
        assert.equal(new Set(applied).size, applied.length, 'a migration ran twice');
        assert.ok(applied.length > 0);
      } finally {
        await dropSchema(TEST_DATABASE_URL!, schema);
      }
    }
  });
});
