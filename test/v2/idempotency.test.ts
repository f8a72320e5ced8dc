import assert from 'node:assert/strict';
import { AsyncLocalStorage } from 'node:async_hooks';
import { after, before, describe, test } from 'node:test';
import { DAY, ManualClock } from '../../src/core/shared/clock.js';
import { APITEST } from '../support/legacy-client.js';
import { rowCounts } from '../support/row-counts.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { CREDENTIALS, jsonOrder } from './v2-client.js';
import { sessionBody } from '../checkout/checkout-fixtures.js';

const PARTNER_KEY = 'partner-key-for-idempotency-0123456789';

interface Answer {
  status: number;
  contentType: string | null;
  replayed: string | null;
  text: string;
}

async function post(server: TestServer, path: string, body: unknown, key?: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(server.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key === undefined ? {} : { 'idempotency-key': key }), ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    replayed: response.headers.get('idempotent-replayed'),
    text: await response.text(),
  };
}

async function ledger(server: TestServer, invoiceNumber: string): Promise<{ entries: number; paid: number }> {
  const [row] = await server.store.db.query<{ entries: number; paid: number }>(
    `SELECT (SELECT count(*)::int FROM ledger_entries l WHERE l.invoice_id = i.id) AS entries, i.paid
     FROM invoices i WHERE i.invoice_number = $1`,
    [invoiceNumber],
  );
  return row!;
}

const payment = (invoice: string, amount = '1.00') => ({ ...CREDENTIALS, invoices: [{ invoiceNumber: invoice, amount }] });

describe('idempotency keys on v2 writes', () => {
  const clock = new ManualClock(new Date('2026-11-21T10:00:00Z'));
  let server: TestServer;
  let invoice: string;
  before(async () => {
    server = await startTestServer({ env: { PARTNER_API_KEY: PARTNER_KEY }, overrides: { clock } });
    invoice = await jsonOrder(server.url, 'IDEM-1');
  });
  after(() => server.close());

  test('a payment repeated with the same key is booked once and the repeat replays the first answer byte for byte', async () => {
    const first = await post(server, '/v2/client/invoice/payment', payment(invoice), 'pay-once');
    const again = await post(server, '/v2/client/invoice/payment', payment(invoice), 'pay-once');
    assert.equal(first.status, 200);
    assert.match(first.text, /Payment applied: 1.00 EURO/);
    assert.equal(first.replayed, null);
    assert.deepEqual({ ...again, replayed: null }, first);
    assert.equal(again.replayed, 'true');
    assert.deepEqual(await ledger(server, invoice), { entries: 1, paid: 100 });
  });

  // The first AsyncLocalStorage.run turns on async hooks for the whole process on Node 20, and every
  // later request pays them (docs/benchmarks.md "v2 idempotency keys without async hooks"): the
  // keyed transaction is handed to the handler instead. Watched on the class both ways of using it go through.
  test('a keyed write, kept or rolled back, never enters an AsyncLocalStorage', async () => {
    const before = await ledger(server, invoice);
    const entered: string[] = [];
    const { run, enterWith } = AsyncLocalStorage.prototype;
    AsyncLocalStorage.prototype.run = function (this: AsyncLocalStorage<unknown>, ...args: Parameters<typeof run>) {
      entered.push('run');
      return run.apply(this, args);
    } as typeof run;
    AsyncLocalStorage.prototype.enterWith = function (this: AsyncLocalStorage<unknown>, store: unknown) {
      entered.push('enterWith');
      return enterWith.call(this, store);
    };
    try {
      const kept = await post(server, '/v2/client/invoice/payment', payment(invoice, '0.01'), 'no-async-storage');
      const replayed = await post(server, '/v2/client/invoice/payment', payment(invoice, '0.01'), 'no-async-storage');
      const refused = await post(server, '/v2/client/order/message', { ...CREDENTIALS, invoiceNumber: 'NO-SUCH-INVOICE', message: 'Hi' }, 'no-async-storage-refused');
      assert.match(kept.text, /Payment applied: 0.01 EURO/);
      assert.equal(replayed.replayed, 'true');
      assert.match(refused.text, /"result":"error"/);
    } finally {
      Object.assign(AsyncLocalStorage.prototype, { run, enterWith });
    }
    assert.deepEqual(entered, []);
    assert.deepEqual(await ledger(server, invoice), { entries: before.entries + 1, paid: before.paid + 1 });
  });

  test('the same body with other spacing and key order is the same request', async () => {
    const body = payment(invoice, '0.50');
    const first = await post(server, '/v2/client/invoice/payment', body, 'pay-spacing');
    const reordered = { invoices: body.invoices, billinkID: body.billinkID, billinkUsername: body.billinkUsername };
    const again = await fetch(`${server.url}/v2/client/invoice/payment`, {
      method: 'POST',
      headers: { 'idempotency-key': 'pay-spacing' },
      body: JSON.stringify(reordered, null, 2),
    });
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(await again.text(), first.text);
  });

  test('the same key with a different body is refused with 422 and code 481, and books nothing', async () => {
    await post(server, '/v2/client/invoice/payment', payment(invoice, '2.00'), 'pay-other');
    const before = await ledger(server, invoice);
    const other = await post(server, '/v2/client/invoice/payment', payment(invoice, '3.00'), 'pay-other');
    assert.equal(other.status, 422);
    assert.deepEqual(JSON.parse(other.text), {
      result: 'error',
      code: '481',
      description: 'This Idempotency-Key was already used for a different request',
      error: { code: '481', description: 'This Idempotency-Key was already used for a different request' },
    });
    assert.deepEqual(await ledger(server, invoice), before);
  });

  test('the same key on another path is a different request', async () => {
    await post(server, '/v2/client/order/message', { ...CREDENTIALS, invoiceNumber: invoice, message: 'Hallo' }, 'shared-key');
    const credit = await post(server, '/v2/client/invoice/credit', { ...CREDENTIALS, invoiceNumber: invoice, message: 'Hallo' }, 'shared-key');
    assert.equal(credit.status, 422);
  });

  test('the idempotencyKey body field works like the header', async () => {
    const body = { ...payment(invoice, '0.25'), idempotencyKey: 'pay-field' };
    const first = await post(server, '/v2/client/invoice/payment', body);
    const again = await post(server, '/v2/client/invoice/payment', body);
    const byHeader = await post(server, '/v2/client/invoice/payment', payment(invoice, '0.25'), 'pay-field');
    assert.equal(again.replayed, 'true');
    assert.equal(again.text, first.text);
    assert.equal(byHeader.replayed, 'true', 'the field is no part of the fingerprint');
  });

  test('a header and a body field that differ, or a malformed key, are refused with 400 and code 480, booking nothing', async () => {
    const counts = await rowCounts(server);
    const differ = await post(server, '/v2/client/invoice/payment', { ...payment(invoice), idempotencyKey: 'a' }, 'b');
    const tooLong = await post(server, '/v2/client/invoice/payment', payment(invoice), 'x'.repeat(256));
    const notText = await post(server, '/v2/client/invoice/payment', { ...payment(invoice), idempotencyKey: 42 });
    for (const answer of [differ, tooLong, notText]) {
      assert.equal(answer.status, 400);
      assert.equal(JSON.parse(answer.text).code, '480');
    }
    assert.match(differ.text, /header and the idempotencyKey field differ/);
    assert.deepEqual(await rowCounts(server), counts);
  });

  test('an error answer is not kept: the same key then works for the corrected request', async () => {
    const missing = await post(server, '/v2/client/order/message', { ...CREDENTIALS, invoiceNumber: invoice }, 'message-fix');
    assert.equal(JSON.parse(missing.text).code, '403');
    const fixed = await post(server, '/v2/client/order/message', { ...CREDENTIALS, invoiceNumber: invoice, message: 'Belt terug' }, 'message-fix');
    assert.equal(fixed.replayed, null);
    assert.equal(JSON.parse(fixed.text).description, 'Message added');
  });

  test('an unexpected failure keeps nothing: the key is free once the failure is gone', async () => {
    const body = { ...CREDENTIALS, invoiceNumber: invoice, message: 'Na de storing' };
    await server.store.db.exec('ALTER TABLE invoice_messages RENAME TO invoice_messages_away');
    let failed: Answer;
    try {
      failed = await post(server, '/v2/client/order/message', body, 'message-outage');
    } finally {
      await server.store.db.exec('ALTER TABLE invoice_messages_away RENAME TO invoice_messages');
    }
    assert.equal(JSON.parse(failed.text).code, '603');
    const retried = await post(server, '/v2/client/order/message', body, 'message-outage');
    assert.equal(retried.replayed, null);
    assert.equal(JSON.parse(retried.text).description, 'Message added');
  });

  test('bad credentials with a key get the endpoint\'s own answer and keep nothing', async () => {
    const body = { ...payment(invoice), billinkID: '0'.repeat(40) };
    const first = await post(server, '/v2/client/invoice/payment', body, 'pay-bad-credentials');
    assert.equal(JSON.parse(first.text).code, '102');
    const [row] = await server.store.db.query<{ count: number }>("SELECT count(*)::int AS count FROM idempotency_keys WHERE key = 'pay-bad-credentials'");
    assert.equal(row!.count, 0);
  });

  test('keys are per merchant: another merchant may use the same key for its own request', async () => {
    const apiInvoice = await jsonOrder(server.url, 'IDEM-API', {}).catch(() => undefined);
    const mine = await post(server, '/v2/client/order/message', { ...CREDENTIALS, invoiceNumber: invoice, message: 'Een' }, 'per-merchant');
    const theirs = await post(
      server,
      '/v2/client/order/message',
      { billinkUsername: APITEST.username, billinkID: APITEST.clientId, invoiceNumber: apiInvoice ?? 'NONE', message: 'Een' },
      'per-merchant',
    );
    assert.equal(JSON.parse(mine.text).description, 'Message added');
    assert.equal(theirs.replayed, null);
    assert.notEqual(theirs.status, 422);
  });

  test('a key expires after 24 hours and then runs as new', async () => {
    await post(server, '/v2/client/invoice/payment', payment(invoice, '0.10'), 'pay-expiry');
    clock.advance(DAY - 1);
    const within = await post(server, '/v2/client/invoice/payment', payment(invoice, '0.10'), 'pay-expiry');
    assert.equal(within.replayed, 'true');
    const before = await ledger(server, invoice);
    clock.advance(1);
    const later = await post(server, '/v2/client/invoice/payment', payment(invoice, '0.20'), 'pay-expiry');
    assert.equal(later.status, 200);
    assert.equal(later.replayed, null);
    assert.deepEqual(await ledger(server, invoice), { entries: before.entries + 1, paid: before.paid + 20 });
  });

  test('expired keys are pruned from the table', async () => {
    await post(server, '/v2/client/order/message', { ...CREDENTIALS, invoiceNumber: invoice, message: 'Prune' }, 'prune-me');
    const count = async () =>
      (await server.store.db.query<{ count: number }>("SELECT count(*)::int AS count FROM idempotency_keys WHERE key = 'prune-me'"))[0]!.count;
    assert.equal(await count(), 1);
    const { SqlIdempotencyKeys } = await import('../../src/store/idempotency-repository.js');
    const keys = new SqlIdempotencyKeys(server.store.db);
    await keys.prune(clock.now());
    assert.equal(await count(), 1, 'a key younger than 24 hours is kept');
    assert.ok((await keys.prune(new Date(clock.now().getTime() + DAY))) >= 1);
    assert.equal(await count(), 0);
  });

  test('under 100 parallel identical payments with one key exactly one is booked and all answer alike', async () => {
    const target = await jsonOrder(server.url, 'IDEM-PARALLEL');
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => post(server, '/v2/client/invoice/payment', payment(target, '1.00'), 'pay-parallel')),
    );
    assert.deepEqual(await ledger(server, target), { entries: 1, paid: 100 });
    assert.equal(new Set(answers.map((answer) => `${answer.status} ${answer.contentType} ${answer.text}`)).size, 1);
    assert.equal(answers.filter((answer) => answer.replayed === null).length, 1);
    assert.match(answers[0]!.text, /Payment applied: 1.00 EURO/);
  });

  // More keyed writes at once than the pool has connections (5 in tests): each holds one for its key's
  // transaction, so a statement of its use case that went to the pool instead would wait forever.
  test('40 parallel checks, each with a key of its own, all answer', { timeout: 60_000 }, async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, n) =>
        post(server, '/v2/client/check', {
          ...CREDENTIALS, type: 'P', workflowNumber: 1, firstName: 'John', lastName: 'Doe', street: 'Damrak', houseNumber: 100 + n,
          postalCode: '1234AB', city: 'Amsterdam', countryCode: 'NL', phoneNumber: '0612345678', birthDate: '01-01-1990',
          email: `parallel-check-${n}@example.com`, orderAmount: '4.95',
        }, `check-parallel-${n}`),
      ),
    );
    for (const answer of answers) assert.match(answer.text, /"code":"500"/);
  });

  test('under 100 parallel identical orders with one key exactly one invoice is placed', async () => {
    const check = await post(server, '/v2/client/check', {
      ...CREDENTIALS, type: 'P', workflowNumber: 1, firstName: 'John', lastName: 'Doe', sex: 'M', street: 'Damrak', houseNumber: 1,
      postalCode: '1234AB', city: 'Amsterdam', countryCode: 'NL', phoneNumber: '0612345678', birthDate: '01-01-1990',
      email: 'parallel-order@example.com', orderAmount: '4.95',
    });
    const uuid = JSON.parse(check.text).uuid as string;
    const order = {
      ...CREDENTIALS, type: 'P', workflowNumber: 1, firstName: 'John', lastName: 'Doe', sex: 'M', street: 'Damrak', houseNumber: 1,
      postalCode: '1234AB', city: 'Amsterdam', countryCode: 'NL', phoneNumber: '0612345678', birthDate: '01-01-1990',
      email: 'parallel-order@example.com', orderNumber: 'IDEM-ORDER', date: '21-11-2026', checkUuid: uuid,
      orderItems: [{ code: '1', description: 'Verzendkosten', orderQuantity: 1, priceIncl: '4.95', btw: 21 }],
    };
    const answers = await Promise.all(Array.from({ length: 100 }, () => post(server, '/v2/client/order', order, 'order-parallel')));
    const [row] = await server.store.db.query<{ count: number }>("SELECT count(*)::int AS count FROM invoices WHERE merchant_number = 'IDEM-ORDER'");
    assert.equal(row!.count, 1);
    assert.deepEqual([...new Set(answers.map((answer) => answer.text))], [
      '{"result":"MSG","code":"200","description":"Order successfully added","invoice":"1TSTIDEM-ORDER"}',
    ]);
  });

  test('a webhook setting is kept and replayed in their own answer shape', async () => {
    const set = { ...CREDENTIALS, url: 'https://shop.example.test/hook' };
    const first = await post(server, '/v2/client/webhook/set', set, 'hook-once');
    const again = await post(server, '/v2/client/webhook/set', set, 'hook-once');
    assert.equal(first.text, '{"status":"success","message":"Webhook has been set"}');
    assert.equal(again.replayed, 'true');
    const reused = await post(server, '/v2/client/webhook/set', { ...set, url: 'https://shop.example.test/other' }, 'hook-once');
    assert.equal(reused.status, 422);
    assert.deepEqual(JSON.parse(reused.text), { status: 'error', message: 'This Idempotency-Key was already used for a different request' });
  });

  test('a session created twice with one key is one session, answered alike', async () => {
    const body = sessionBody('https://shop.example.test');
    const first = await post(server, '/v2/session/create', body, 'session-once');
    const again = await post(server, '/v2/session/create', body, 'session-once');
    assert.equal(first.status, 200);
    assert.equal(JSON.parse(first.text).status, 'success');
    assert.equal(again.text, first.text);
    assert.equal(again.replayed, 'true');
    const [row] = await server.store.db.query<{ count: number }>('SELECT count(*)::int AS count FROM checkout_sessions');
    assert.equal(row!.count, 1);
  });

  test('a refused session (answered by the handler itself) is answered at once and keeps nothing', async () => {
    const refused = await post(server, '/v2/session/create', sessionBody('https://shop.example.test', (b) => delete b.transaction.orderNumber), 'session-fix');
    assert.equal(refused.status, 400);
    assert.match(refused.text, /transaction.orderNumber parameter missing/);
    const fixed = await post(server, '/v2/session/create', sessionBody('https://shop.example.test'), 'session-fix');
    assert.equal(fixed.status, 200);
    assert.equal(fixed.replayed, null);
  });

  test('a merchant created twice with one key is one merchant, and only the partner key replays it', async () => {
    const body = {
      billinkUsername: 'partner-one', billinkID: 4711, username: 'idem-shop', email: 'owner@example.com', companyName: 'Idem Goods',
      firstName: 'Anna', lastName: 'de Vries', phone: '0201234567', contactEmail: 'finance@example.com', contactPhone: '0207654321',
      street: 'Keizersgracht', houseNumber: 100, postCode: '1015AA', city: 'Amsterdam', countryCode: 'NL', cocNumber: '12345678',
      vatNumber: 'NL123456789B01', bankAccountNumber: 'NL91ABNA0417164300', bic: 'ABNANL2A', tnv: 'Idem Goods',
    };
    const first = await post(server, '/v2/partner/merchant/create', body, 'merchant-once', { 'x-partner-key': PARTNER_KEY });
    const again = await post(server, '/v2/partner/merchant/create', body, 'merchant-once', { 'x-partner-key': PARTNER_KEY });
    const stranger = await post(server, '/v2/partner/merchant/create', body, 'merchant-once', { 'x-partner-key': 'x'.repeat(40) });
    assert.equal(JSON.parse(first.text).description, 'Merchant created');
    assert.equal(again.text, first.text);
    assert.equal(again.replayed, 'true');
    assert.equal(stranger.status, 403);
    assert.equal(stranger.replayed, null);
    assert.doesNotMatch(stranger.text, /uid/);
    const [row] = await server.store.db.query<{ count: number }>("SELECT count(*)::int AS count FROM merchants WHERE username = 'idem-shop'");
    assert.equal(row!.count, 1);
  });
});
