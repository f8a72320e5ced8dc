import assert from 'node:assert/strict';
import net from 'node:net';
import { test } from 'node:test';
import Fastify from 'fastify';
import { gracefulClose } from './graceful-close.js';

test('closing waits for a handler whose client hung up before it answered', async () => {
  const app = Fastify();
  const close = gracefulClose(app);
  let handlerStarted!: () => void;
  const started = new Promise<void>((resolve) => (handlerStarted = resolve));
  let finishHandler!: () => void;
  const handlerMayFinish = new Promise<void>((resolve) => (finishHandler = resolve));
  let clientGone!: () => void;
  const serverSawHangUp = new Promise<void>((resolve) => (clientGone = resolve));
  app.get('/slow', async (request) => {
    request.raw.once('close', () => clientGone());
    handlerStarted();
    await handlerMayFinish;
    return 'done';
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as net.AddressInfo;

  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => {});
  socket.write('GET /slow HTTP/1.1\r\nHost: localhost\r\n\r\n');
  await started;
  socket.destroy();
  await serverSawHangUp;

  let closed = false;
  const closing = close.close(10_000).then(() => (closed = true));
  // Give Fastify's own close every chance to finish: it no longer waits, the connection is gone.
  for (let turn = 0; turn < 20; turn += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.equal(closed, false, 'the close resolved while the handler was still running');

  finishHandler();
  await closing;
  assert.equal(closed, true);
});

// A close that waited for answered requests would run into the ten-minute grace period: the test's
// own timeout turns that hang into a failure.
test('closing does not wait for requests that were answered, hijacked or not found', { timeout: 60_000 }, async () => {
  const app = Fastify();
  const close = gracefulClose(app);
  app.get('/fast', async () => 'ok');
  app.get('/stream', (_request, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, { 'content-type': 'text/plain' });
    reply.raw.end('streamed');
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as net.AddressInfo;
  const answer = await fetch(`http://127.0.0.1:${port}/fast`);
  assert.equal(await answer.text(), 'ok');
  const streamed = await fetch(`http://127.0.0.1:${port}/stream`);
  assert.equal(await streamed.text(), 'streamed');
  const missing = await fetch(`http://127.0.0.1:${port}/missing`);
  assert.equal(missing.status, 404);
  await missing.text();
  await close.close(600_000);
});
