/**
 * The sandbox test clock over real HTTP (docs/collection.md "Test clocks"): what an advance moves,
 * what it refuses, how concurrent advances add up, and that it answers only after the webhooks
 * pending for the merchant had their first attempt.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Legacy } from '../support/legacy-client.js';
import { freshCustomer } from '../support/fresh-customer.js';
import { createMerchant, PARTNER_KEY, type NewMerchant } from '../support/new-merchant.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { subscribe, WebhookReceiver } from '../support/webhook-receiver.js';
import { postJson } from './v2-client.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function credentials(merchant: NewMerchant) {
  return { billinkUsername: merchant.username, billinkID: merchant.clientId };
}

function amsterdamTimestamp(at: Date): string {
  return at.toLocaleString('sv-SE', { timeZone: 'Europe/Amsterdam' });
}

/** Within a minute of an expected instant: the test's own reading of real time is not the server's. */
function near(actual: Date, expected: number, what: string): void {
  assert.ok(Math.abs(actual.getTime() - expected) < 60_000, `${what}: ${actual.toISOString()} is not near ${new Date(expected).toISOString()}`);
}

// Jobs off: only the advance's own follow-up attempts webhooks, so what it answers is its own work.
describe('the sandbox test clock', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  before(async () => {
    server = await startTestServer({ env: { PARTNER_API_KEY: PARTNER_KEY, JOBS: 'off' } });
    receiver = await new WebhookReceiver().start();
  });
  after(async () => {
    await receiver.close();
    await server.close();
  });

  const clock = (merchant: NewMerchant, path = '', fields: Record<string, unknown> = {}) =>
    postJson(server.url, `/v2/sandbox/clock${path}`, { ...credentials(merchant), ...fields });

  async function storedOffset(merchant: NewMerchant): Promise<number> {
    const rows = await server.store.db.query<{ offset: string | number }>('SELECT test_clock_offset_ms AS offset FROM merchants WHERE username = $1', [merchant.username]);
    return Number(rows[0]!.offset);
  }

  /** The stored business times of an order placed through the legacy API. */
  async function orderTimes(merchant: NewMerchant) {
    const legacy = new Legacy(server.url, merchant);
    const order = await legacy.placeOrder({ fields: freshCustomer() });
    const [row] = await server.store.db.query<{ invoice_created: Date; check_created: Date; check_expires: Date; check_used: Date; event_at: Date }>(
      `SELECT i.created_at AS invoice_created, c.created_at AS check_created, c.expires_at AS check_expires, c.used_at AS check_used,
              e.created_at AS event_at
       FROM invoices i JOIN credit_checks c ON c.invoice_id = i.id JOIN events e ON e.invoice_id = i.id AND e.type = 'order_placed'
       WHERE i.merchant_number = $1`,
      [order.orderNumber],
    );
    assert.ok(row, 'the order, its check and its event are stored');
    return { order, ...row };
  }

  test("an untouched sandbox merchant's clock reads real time with no offset", async () => {
    const merchant = await createMerchant(server.url, { sandbox: true });
    const answer = await clock(merchant);
    assert.equal(answer.body.code, '200', answer.text);
    assert.equal(answer.body.offsetMs, 0);
    assert.equal(answer.body.mode, 'sandbox');
    assert.equal(answer.body.now, answer.body.realNow);
    near(new Date(answer.body.now), Date.now(), 'now');
  });

  test('an order placed after an advance carries the moved time in the invoice, the check and its expiry, and the event', async () => {
    const merchant = await createMerchant(server.url, { sandbox: true });
    const advanced = await clock(merchant, '/advance', { days: 3 });
    assert.equal(advanced.body.code, '200', advanced.text);
    assert.equal(advanced.body.offsetMs, 3 * DAY);
    assert.equal(new Date(advanced.body.now).getTime() - new Date(advanced.body.from).getTime(), 3 * DAY);
    near(new Date(advanced.body.now), Date.now() + 3 * DAY, 'the answered time');

    const times = await orderTimes(merchant);
    const moved = Date.now() + 3 * DAY;
    near(times.invoice_created, moved, 'invoice created_at');
    near(times.check_created, moved, 'check created_at');
    near(times.check_used, moved, 'check used_at');
    near(times.event_at, moved, 'order_placed event');
    // CHECK_VALIDITY_MINUTES (1440 by default) after the check, on the moved clock.
    assert.equal(times.check_expires.getTime() - times.check_created.getTime(), 1440 * 60_000);

    const read = await clock(merchant);
    assert.equal(read.body.offsetMs, 3 * DAY);
  });

  test('a live merchant is refused by every clock endpoint and its time never moves', async () => {
    const merchant = await createMerchant(server.url, { sandbox: false });
    for (const [path, fields] of [['', {}], ['/advance', { days: 1 }], ['/reset', {}]] as const) {
      const answer = await clock(merchant, path, fields);
      assert.deepEqual(
        [answer.status, answer.body.result, answer.body.code, answer.body.description],
        [200, 'error', '401', 'Test clocks are for sandbox merchants only; a live merchant always runs on real time'],
        path,
      );
    }
    assert.equal(await storedOffset(merchant), 0);
    near((await orderTimes(merchant)).invoice_created, Date.now(), 'live order');
  });

  test('an advance backward, of zero or less, by halves, with several or none of days, hours and to, or too far is refused and changes nothing', async () => {
    const merchant = await createMerchant(server.url, { sandbox: true });
    assert.equal((await clock(merchant, '/advance', { hours: 5 })).body.code, '200');
    const refused: [Record<string, unknown>, string, string][] = [
      [{ to: new Date(Date.now() + HOUR).toISOString() }, '405', "A test clock only moves forward; to is before the merchant's time now"],
      [{ to: '2020-01-01' }, '405', "A test clock only moves forward; to is before the merchant's time now"],
      [{ days: 0 }, '404', 'days must be a whole number above 0 (days, hours) or an ISO 8601 date or time (to)'],
      [{ days: -2 }, '404', 'days must be a whole number above 0 (days, hours) or an ISO 8601 date or time (to)'],
      [{ hours: 1.5 }, '404', 'hours must be a whole number above 0 (days, hours) or an ISO 8601 date or time (to)'],
      [{ hours: 'twelve' }, '404', 'hours must be a whole number above 0 (days, hours) or an ISO 8601 date or time (to)'],
      [{ to: 'next tuesday' }, '404', 'to must be a whole number above 0 (days, hours) or an ISO 8601 date or time (to)'],
      [{ to: '2027-02-30' }, '404', 'to must be a whole number above 0 (days, hours) or an ISO 8601 date or time (to)'],
      [{ days: 1, hours: 2 }, '403', 'Give only one of days, hours or to (got days, hours)'],
      [{}, '402', 'Give exactly one of days, hours or to'],
      [{ days: 3661 }, '406', 'A test clock moves at most 3660 days at once'],
    ];
    for (const [fields, code, description] of refused) {
      const answer = await clock(merchant, '/advance', fields);
      assert.deepEqual([answer.body.result, answer.body.code, answer.body.description], ['error', code, description], JSON.stringify(fields));
    }
    assert.equal(await storedOffset(merchant), 5 * HOUR);
  });

  test('days and hours as digit strings and an instant as to are accepted', async () => {
    const merchant = await createMerchant(server.url, { sandbox: true });
    assert.equal((await clock(merchant, '/advance', { days: '2' })).body.offsetMs, 2 * DAY);
    assert.equal((await clock(merchant, '/advance', { hours: '1' })).body.offsetMs, 2 * DAY + HOUR);
    const target = new Date(Date.now() + 10 * DAY);
    const moved = await clock(merchant, '/advance', { to: target.toISOString() });
    assert.equal(moved.body.now, target.toISOString());
  });

  test('two concurrent advances of the same merchant both apply, one after the other, and add up', async () => {
    const merchant = await createMerchant(server.url, { sandbox: true });
    const moves = [1, 2, 3, 4, 5];
    const answers = await Promise.all(moves.map((hours) => clock(merchant, '/advance', { hours })));
    for (const answer of answers) assert.equal(answer.body.code, '200', answer.text);
    assert.equal(await storedOffset(merchant), 15 * HOUR);
    // Each advance moved on from the offset an earlier one left (or from zero): a chain, no lost update.
    const offsets = new Set([0, ...answers.map((answer) => answer.body.offsetMs as number)]);
    answers.forEach((answer, index) => assert.ok(offsets.has(answer.body.offsetMs - moves[index]! * HOUR), `advance by ${moves[index]} h`));
    assert.equal(offsets.size, moves.length + 1);
  });

  test("advancing one merchant leaves another merchant's time untouched", async () => {
    const moved = await createMerchant(server.url, { sandbox: true });
    const other = await createMerchant(server.url, { sandbox: true });
    assert.equal((await clock(moved, '/advance', { days: 30 })).body.code, '200');
    assert.equal((await clock(other)).body.offsetMs, 0);
    assert.equal(await storedOffset(other), 0);
    near((await orderTimes(other)).invoice_created, Date.now(), "the other merchant's order");
  });

  test('the advance answers after every pending webhook of the merchant had its first attempt, dated on the moved clock', async () => {
    const merchant = await createMerchant(server.url, { sandbox: true });
    await subscribe(server.url, merchant, { url: receiver.url(`/${merchant.username}`) });
    assert.equal((await clock(merchant, '/advance', { days: 7 })).body.code, '200');
    const { order, event_at } = await orderTimes(merchant);
    // No job runs: the delivery of order_placed is still waiting.
    assert.equal(receiver.received.filter((entry) => entry.path === `/${merchant.username}`).length, 0);

    const advanced = await clock(merchant, '/advance', { hours: 1 });
    assert.equal(advanced.body.code, '200', advanced.text);
    assert.equal(advanced.body.webhooks, 1);
    const received = receiver.received.filter((entry) => entry.path === `/${merchant.username}`);
    assert.equal(received.length, 1, 'delivered before the answer');
    assert.equal(received[0]!.json.event, 'order_placed');
    assert.equal(received[0]!.json.invoice_number_clean, order.orderNumber);
    assert.equal(received[0]!.json.timestamp, amsterdamTimestamp(event_at));
    near(event_at, Date.now() + 7 * DAY, 'the event time');

    const attempts = await server.store.db.query<{ attempts: number; state: string }>(
      'SELECT attempts, state FROM webhook_deliveries d JOIN merchants m ON m.id = d.merchant_id WHERE m.username = $1',
      [merchant.username],
    );
    assert.deepEqual(attempts, [{ attempts: 1, state: 'delivered' }]);
  });

  test('concurrent advances attempt each pending webhook once', async () => {
    const merchant = await createMerchant(server.url, { sandbox: true });
    await subscribe(server.url, merchant, { url: receiver.url(`/${merchant.username}`) });
    const orders = [];
    for (let i = 0; i < 3; i += 1) orders.push((await orderTimes(merchant)).order.orderNumber);
    const answers = await Promise.all([1, 2, 3].map((hours) => clock(merchant, '/advance', { hours })));
    for (const answer of answers) assert.equal(answer.body.code, '200', answer.text);
    const received = receiver.received.filter((entry) => entry.path === `/${merchant.username}`);
    assert.deepEqual(received.map((entry) => entry.json.invoice_number_clean).sort(), [...orders].sort());
    assert.equal(new Set(received.map((entry) => entry.webhookId)).size, 3);
  });

  test('a reset returns the merchant to real time and leaves what ran on the moved clock as it was', async () => {
    const merchant = await createMerchant(server.url, { sandbox: true });
    await clock(merchant, '/advance', { days: 5 });
    const before = await orderTimes(merchant);
    const reset = await clock(merchant, '/reset');
    assert.equal(reset.body.code, '200', reset.text);
    assert.equal(reset.body.offsetMs, 0);
    assert.equal(reset.body.now, reset.body.realNow);
    near(new Date(reset.body.from), Date.now() + 5 * DAY, 'the time before the reset');
    assert.equal(await storedOffset(merchant), 0);
    near((await orderTimes(merchant)).invoice_created, Date.now(), 'an order after the reset');
    const [kept] = await server.store.db.query<{ created_at: Date }>('SELECT created_at FROM invoices WHERE merchant_number = $1', [before.order.orderNumber]);
    assert.equal(kept!.created_at.getTime(), before.invoice_created.getTime());
  });
});

// Jobs on: the background delivery job races the advance for the same deliveries.
describe('the sandbox test clock beside the webhook delivery job', () => {
  let server: TestServer;
  let receiver: WebhookReceiver;
  before(async () => {
    server = await startTestServer({ env: { PARTNER_API_KEY: PARTNER_KEY } });
    receiver = await new WebhookReceiver().start();
  });
  after(async () => {
    await receiver.close();
    await server.close();
  });

  test('an advance right after orders answers only when each of their webhooks had its first attempt, and none is attempted twice', async () => {
    const merchant = await createMerchant(server.url, { sandbox: true });
    await subscribe(server.url, merchant, { url: receiver.url(`/${merchant.username}`) });
    const legacy = new Legacy(server.url, merchant);
    const orders = await Promise.all([1, 2, 3].map(() => legacy.placeOrder({ fields: freshCustomer() })));
    const advanced = await postJson(server.url, '/v2/sandbox/clock/advance', { ...credentials(merchant), hours: 2 });
    assert.equal(advanced.body.code, '200', advanced.text);

    const rows = await server.store.db.query<{ attempts: number }>(
      'SELECT attempts FROM webhook_deliveries d JOIN merchants m ON m.id = d.merchant_id WHERE m.username = $1',
      [merchant.username],
    );
    assert.deepEqual(rows.map((row) => row.attempts), [1, 1, 1], 'every delivery tried once when the advance answered');
    const received = receiver.received.filter((entry) => entry.path === `/${merchant.username}`);
    assert.deepEqual(received.map((entry) => entry.json.invoice_number_clean).sort(), orders.map((order) => order.orderNumber).sort());
  });
});
