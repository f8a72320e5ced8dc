import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { type PacedCall, runPaced } from '../../bench/support/paced-load.js';

test('the paced load reads the answers of its warm-up but reports only the chains due after it', async () => {
  let answered = 0;
  // The first answer is a failure, so it falls in the warm-up.
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.end(answered++ === 0 ? 'bad' : 'ok'));
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const calls: PacedCall[] = [];
  try {
    const figures = await runPaced({
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      steps: [{ name: 'call', path: '/', body: () => 'x', accept: (body) => body === 'ok' }],
      chainsPerSecond: 50,
      seconds: 0.2,
      warmupSeconds: 0.2,
      measurement: 'paced load test',
      onCall: (call) => calls.push(call),
    });
    assert.equal(calls.length, 20);
    assert.equal(calls.filter((call) => call.warmup).length, 10);
    assert.equal(figures.chains, 10);
    assert.equal(figures.chainLatencies.length, 10);
    assert.equal(figures.steps[0]!.latencies.length, 10);
    assert.equal(figures.steps[0]!.count, 10);
    assert.equal(figures.unsuccessful, 1, 'a failed answer in the warm-up still counts');
    const lastWarmupDue = Math.max(...calls.filter((call) => call.warmup).map((call) => call.dueAt));
    assert.ok(calls.filter((call) => !call.warmup).every((call) => call.dueAt > lastWarmupDue));
  } finally {
    server.close();
  }
});
