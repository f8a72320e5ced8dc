/**
 * Request ids and the access log (docs/operations.md): every answer carries X-Request-Id, an
 * incoming valid one is kept, and the server writes one info line per request with method, route,
 * status, wire code, duration, request id and merchant, and nothing of the request's body.
 * The server runs as `npm start` runs it, and its standard output is read.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { apiXml, checkFields, CUSTOMER, post, USERTEST } from '../support/legacy-client.js';
import { dropSchema, TEST_DATABASE_URL, uniqueSchema } from '../support/test-server.js';
import { postJson } from '../v2/v2-client.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Line {
  level: number;
  msg: string;
  reqId?: string;
  [field: string]: unknown;
}

describe('request ids and the access log', () => {
  let child: ChildProcess;
  let url = '';
  let output = '';
  const schema = uniqueSchema();
  const database = TEST_DATABASE_URL ? { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema } : { DATA_DIR: ':memory:' };

  before(async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/bin/server.ts'], {
      cwd: ROOT,
      // The sandbox merchants are seeded on PostgreSQL too, as the test servers have them.
      env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', JOBS: 'off', SANDBOX_SEED: 'on', ...database },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        const found = /Achteraf listening on (http:\/\/[^\s,]+)/.exec(output);
        if (found && !url) {
          url = found[1]!;
          resolve();
        }
      };
      child.stdout!.on('data', read);
      child.stderr!.on('data', read);
      child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
    });
  });
  after(async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    if (TEST_DATABASE_URL) await dropSchema(TEST_DATABASE_URL, schema);
  });

  /** The access lines written so far, once the given request id has one. */
  async function accessLines(requestId: string): Promise<Line[]> {
    for (let tries = 0; tries < 200; tries++) {
      const lines = output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Line)
        .filter((line) => line.msg === 'request');
      if (lines.some((line) => line.reqId === requestId)) return lines;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    assert.fail(`no access line for ${requestId}:\n${output}`);
  }

  test('every answer carries a generated X-Request-Id, unique per request', async () => {
    const first = await fetch(`${url}/health`);
    const second = await fetch(`${url}/nowhere`);
    const ids = [first.headers.get('x-request-id'), second.headers.get('x-request-id')];
    for (const id of ids) assert.match(id ?? '', /^[0-9a-f]{12}-[0-9a-z]+$/);
    assert.notEqual(ids[0], ids[1]);
  });

  test('an incoming valid X-Request-Id is kept; one with spaces, control characters or over 128 characters is replaced', async () => {
    const kept = await fetch(`${url}/health`, { headers: { 'x-request-id': 'edge-7f3a:42/b=' } });
    assert.equal(kept.headers.get('x-request-id'), 'edge-7f3a:42/b=');
    for (const bad of ['two words', 'line\tbreak', 'x'.repeat(129)]) {
      const replaced = await fetch(`${url}/health`, { headers: { 'x-request-id': bad } });
      assert.match(replaced.headers.get('x-request-id') ?? '', /^[0-9a-f]{12}-[0-9a-z]+$/);
    }
  });

  test('a legacy Check writes one info line with route, status, wire code, duration, request id and merchant, and no customer data', async () => {
    const answer = await post(url, '/api/check', apiXml('check', checkFields()), { 'x-request-id': 'check-line-1' });
    assert.equal(answer.result, 'MSG');
    const lines = (await accessLines('check-line-1')).filter((line) => line.reqId === 'check-line-1');
    assert.equal(lines.length, 1);
    const [line] = lines as [Line];
    assert.equal(line.level, 30);
    assert.equal(line.method, 'POST');
    assert.equal(line.route, '/api/check');
    assert.equal(line.status, 200);
    assert.equal(line.code, answer.code);
    assert.equal(line.merchant, USERTEST.username);
    assert.equal(typeof line.ms, 'number');
    const text = JSON.stringify(line);
    for (const value of [CUSTOMER.EMAIL, CUSTOMER.PHONENUMBER, CUSTOMER.BIRTHDATE, CUSTOMER.STREET, USERTEST.clientId]) {
      assert.equal(text.includes(value!), false, `the access line holds ${value}`);
    }
  });

  test('a v2 answer\'s own code is logged, a failed authentication has no merchant, and paths with tokens are logged by their pattern', async () => {
    await postJson(url, '/v2/client/check', { billinkUsername: USERTEST.username, billinkID: 'f'.repeat(40) }, {
      'content-type': 'application/json',
      'x-request-id': 'v2-line-1',
    });
    await fetch(`${url}/files/invoices/secret-token-123/INV-1.pdf`, { headers: { 'x-request-id': 'file-line-1' } });
    const lines = await accessLines('file-line-1');
    const v2 = lines.find((line) => line.reqId === 'v2-line-1')!;
    assert.equal(v2.route, '/v2/client/check');
    assert.equal(v2.code, '102');
    assert.equal(v2.merchant, undefined);
    const file = lines.find((line) => line.reqId === 'file-line-1')!;
    assert.equal(JSON.stringify(file).includes('secret-token-123'), false);
    assert.match(String(file.route), /:/);
  });
});
