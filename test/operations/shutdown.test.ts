/**
 * Graceful shutdown of the server process (docs/operations.md, "Shutdown"): on SIGTERM or SIGINT
 * it stops accepting, answers the requests in flight, cuts what still runs after
 * SHUTDOWN_GRACE_MS, closes the database and exits 0.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { describe, test } from 'node:test';
import { apiXml, checkFields } from '../support/legacy-client.js';
import { listeningUrl, spawnServer } from '../support/server-process.js';

interface Answer {
  status: number | string;
  body: string;
}

/**
 * A legacy Check: real work on the database, answered with XML. `written` resolves once the whole
 * request sits in the kernel on a connected socket, which is when the client counts it as sent.
 */
function check(url: URL, agent: http.Agent | false): { written: Promise<void>; answer: Promise<Answer> } {
  let connected!: () => void;
  let finished!: () => void;
  const written = Promise.all([new Promise<void>((resolve) => (connected = resolve)), new Promise<void>((resolve) => (finished = resolve))]).then(
    () => new Promise<void>((resolve) => setImmediate(resolve)),
  );
  const answer = new Promise<Answer>((resolve) => {
    const request = http.request(url + 'api/check', { method: 'POST', agent, headers: { 'content-type': 'text/xml' } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body }));
      response.on('error', (error: NodeJS.ErrnoException) => resolve({ status: error.code ?? 'error', body }));
    });
    request.on('socket', (socket) => (socket.connecting ? socket.once('connect', connected) : connected()));
    request.on('error', (error: NodeJS.ErrnoException) => {
      connected();
      finished();
      resolve({ status: error.code ?? 'error', body: '' });
    });
    request.end(apiXml('Check', checkFields()), finished);
  });
  return { written, answer };
}

/** A request whose body never completes: it stays in flight until the server cuts it. */
async function stalledRequest(url: URL): Promise<{ received: () => string; closed: Promise<void> }> {
  const socket = net.connect(Number(url.port), url.hostname);
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  socket.write(`POST /api/check HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: text/xml\r\nContent-Length: 100000\r\n\r\n<API>`);
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  const closed = new Promise<void>((resolve) => {
    socket.on('error', () => {});
    socket.once('close', () => resolve());
  });
  return { received: () => received, closed };
}

function refused(url: URL): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(url.port), url.hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

describe('shutting the server down', { timeout: 240_000 }, () => {
  test('answers every one of 80 requests in flight at SIGTERM, on kept-alive and fresh connections, resets none and exits 0', async () => {
    const server = spawnServer();
    try {
      const url = new URL(await listeningUrl(server));
      // 40 kept-alive connections, each used once before, and 40 new connections.
      const agent = new http.Agent({ keepAlive: true, maxSockets: 40 });
      const warmUp = await Promise.all(Array.from({ length: 40 }, () => check(url, agent).answer));
      assert.deepEqual(new Set(warmUp.map((answer) => answer.status)), new Set([200]));

      const requests = Array.from({ length: 80 }, (_, index) => check(url, index % 2 === 0 ? agent : false));
      await Promise.all(requests.map((request) => request.written));
      server.child.kill('SIGTERM');

      const answers = await Promise.all(requests.map((request) => request.answer));
      const statuses = answers.map((answer) => answer.status);
      assert.deepEqual(statuses, Array.from({ length: 80 }, () => 200), `answers: ${statuses.join(', ')}`);
      for (const answer of answers) assert.match(answer.body, /<RESULT>MSG<\/RESULT><MSG><CODE>500<\/CODE>/);
      assert.equal(await server.exited, 0);
      assert.match(server.output(), /SIGTERM: stopping/);
      assert.match(server.output(), /Achteraf stopped/);
      agent.destroy();
    } finally {
      await server.stop();
    }
  });

  test('refuses new connections while draining, cuts a request still running after SHUTDOWN_GRACE_MS and still exits 0', async () => {
    const server = spawnServer({ env: { SHUTDOWN_GRACE_MS: '3000' } });
    try {
      const url = new URL(await listeningUrl(server));
      const stalled = await stalledRequest(url);
      server.child.kill('SIGTERM');
      await server.line(/SIGTERM: stopping/);

      let stillRunning = true;
      void server.exited.then(() => (stillRunning = false));
      while (!(await refused(url))) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(stillRunning, true, 'the listener closed while the stalled request still held the server open');

      await stalled.closed;
      assert.equal(stalled.received(), '', 'a request cut at the grace period gets no half answer');
      assert.equal(await server.exited, 0);
      assert.match(server.output(), /Cut 1 connection\(s\) still busy after the grace period of 3000 ms/);
    } finally {
      await server.stop();
    }
  });

  test('a second signal while draining cuts the requests still running at once', async () => {
    const server = spawnServer({ env: { SHUTDOWN_GRACE_MS: '600000' } });
    try {
      const url = new URL(await listeningUrl(server));
      const stalled = await stalledRequest(url);
      server.child.kill('SIGINT');
      await server.line(/SIGINT: stopping/);
      server.child.kill('SIGINT');
      await stalled.closed;
      assert.equal(await server.exited, 0);
      assert.match(server.output(), /SIGINT again: cutting the requests still running/);
    } finally {
      await server.stop();
    }
  });
});
