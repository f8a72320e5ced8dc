/**
 * When the SDK asks again: reads after a 5xx or a network failure; v2 writes only with an
 * idempotency key (the same key on every attempt); legacy XML writes never. Timeouts and the
 * caller's AbortSignal end a call. A loopback HTTP server plays a failing Billink here.
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { backoffMs, Billink, BillinkApiError, BillinkConnectionError, BillinkProtocolError, BillinkTimeoutError } from '@achteraf/billink';

type Plan = 'fail' | 'reset' | 'hang' | 'ok';

const ORDER_INFO_OK = JSON.stringify({ result: 'MSG', code: '200', invoices: [{ invoiceNumber: 'A', status: 1, description: 'Paid' }] });
const PAYMENT_OK = JSON.stringify({ result: 'MSG', code: '200', invoices: [{ code: 200, invoiceNumber: 'A', message: 'Payment applied: 1.00 EURO.' }] });
const STATUS_OK = "<?xml version='1.0' encoding='UTF-8' ?>\n<API><RESULT>MSG</RESULT><MSG><CODE>200</CODE><INVOICES><INVOICE><INVOICENUMBER>A</INVOICENUMBER><STATUS>1</STATUS><DESCRIPTION>Paid</DESCRIPTION></INVOICE></INVOICES></MSG></API>";

describe('retries, timeouts and cancellation', () => {
  let server: Server;
  let base = '';
  let plans: Plan[] = [];
  let requests: IncomingMessage[] = [];
  before(async () => {
    server = createServer((request, response) => {
      requests.push(request);
      request.resume();
      const plan = plans.shift() ?? 'ok';
      if (plan === 'hang') return;
      if (plan === 'reset') return void request.socket.destroy();
      if (plan === 'fail') return void response.writeHead(503, { 'content-type': 'text/plain' }).end('busy');
      const body = request.url!.startsWith('/v1/client/status') ? STATUS_OK : request.url!.includes('payment') ? PAYMENT_OK : ORDER_INFO_OK;
      response.writeHead(200, { 'content-type': request.url!.startsWith('/v1/') ? 'text/xml' : 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    plans = [];
    requests = [];
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const billink = (options: Partial<ConstructorParameters<typeof Billink>[0]> = {}) =>
    new Billink({ baseUrl: base, username: 'u', clientId: 'c', retry: { maxRetries: 2, baseDelayMs: 5, maxDelayMs: 20 }, timeoutMs: 2_000, ...options });

  test('a read answered 503 twice is asked a third time and succeeds', async () => {
    plans = ['fail', 'fail'];
    const info = await billink().v2.orderInfo({ invoices: ['A'] });
    assert.equal(info.invoices[0]!.status, 1);
    assert.equal(requests.length, 3);
  });

  test('a read whose connection is reset is asked again', async () => {
    plans = ['reset'];
    await billink().legacy.status({ invoices: ['A'] });
    assert.equal(requests.length, 2);
  });

  test('a read that keeps failing stops after the configured retries with the last answer', async () => {
    plans = ['fail', 'fail', 'fail', 'fail'];
    await assert.rejects(billink().v2.orderInfo({ invoices: ['A'] }), BillinkProtocolError);
    assert.equal(requests.length, 3);
  });

  test('a v2 write without an idempotency key is sent once, whatever happens', async () => {
    plans = ['fail'];
    await assert.rejects(billink().v2.payment({ invoices: [{ invoiceNumber: 'A', amount: '1.00' }] }), BillinkProtocolError);
    plans = ['reset'];
    await assert.rejects(billink().v2.payment({ invoices: [{ invoiceNumber: 'A', amount: '1.00' }] }), BillinkConnectionError);
    assert.equal(requests.length, 2);
    assert.equal(requests[0]!.headers['idempotency-key'], undefined);
  });

  test('a v2 write with an idempotency key is retried, every attempt carrying the same key', async () => {
    plans = ['fail', 'reset'];
    await billink().v2.payment({ invoices: [{ invoiceNumber: 'A', amount: '1.00' }] }, { idempotencyKey: 'pay-A-1' });
    assert.deepEqual(requests.map((request) => request.headers['idempotency-key']), ['pay-A-1', 'pay-A-1', 'pay-A-1']);
  });

  test('with retryWrites a v2 write gets a generated key that stays the same across its attempts', async () => {
    plans = ['fail'];
    await billink({ retryWrites: true }).v2.payment({ invoices: [{ invoiceNumber: 'A', amount: '1.00' }] });
    const keys = requests.map((request) => request.headers['idempotency-key']);
    assert.equal(keys.length, 2);
    assert.match(String(keys[0]), /^[0-9a-f-]{36}$/);
    assert.equal(keys[0], keys[1]);
  });

  test('a legacy XML write is never retried, even with retryWrites', async () => {
    plans = ['fail'];
    await assert.rejects(billink({ retryWrites: true }).legacy.payment({ invoices: [{ invoiceNumber: 'A', amount: '1.00' }] }), BillinkProtocolError);
    assert.equal(requests.length, 1);
    assert.equal(requests[0]!.headers['idempotency-key'], undefined);
  });

  test('no answer within the timeout is a BillinkTimeoutError, and reads are asked again first', async () => {
    plans = ['hang', 'hang', 'hang'];
    await assert.rejects(billink({ timeoutMs: 100 }).v2.orderInfo({ invoices: ['A'] }), BillinkTimeoutError);
    assert.equal(requests.length, 3);
  });

  test('an aborted call ends with the caller\'s reason and is not retried', async () => {
    plans = ['hang'];
    const controller = new AbortController();
    const call = billink().v2.orderInfo({ invoices: ['A'] }, { signal: controller.signal });
    while (requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error('shop closed the page'));
    await assert.rejects(call, { message: 'shop closed the page' });
    assert.equal(requests.length, 1);
  });

  test('an unreachable server is a BillinkConnectionError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await assert.rejects(new Billink({ baseUrl: `http://127.0.0.1:${port}`, username: 'u', clientId: 'c', retry: { maxRetries: 0 } }).v2.webshopSettings(), BillinkConnectionError);
  });

  test('backoff waits are jittered between zero and a doubling ceiling', () => {
    const retry = { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 1_000 };
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const ceiling = Math.min(1_000, 100 * 2 ** attempt);
      for (let i = 0; i < 50; i += 1) {
        const wait = backoffMs(attempt, retry);
        assert.ok(wait >= 0 && wait < ceiling, `attempt ${attempt}: ${wait} outside [0, ${ceiling})`);
      }
    }
  });

  test('an API refusal is never retried', async () => {
    const refusing = createServer((request, response) => {
      requests.push(request);
      response.end(JSON.stringify({ result: 'error', code: '101', description: 'Unknown username' }));
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const client = new Billink({ baseUrl: `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`, username: 'u', clientId: 'c' });
    await assert.rejects(client.v2.orderInfo({ invoices: ['A'] }), BillinkApiError);
    assert.equal(requests.length, 1);
    refusing.closeAllConnections();
    await new Promise((resolve) => refusing.close(resolve));
  });
});
