import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Legacy } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { call, JSON_CUSTOMER, JSON_ITEMS } from './v2-client.js';

let sequence = 0;
function fresh(): { orderNumber: string; email: string } {
  sequence += 1;
  return { orderNumber: `JSON-${sequence}`, email: `json-${sequence}@example.com` };
}

describe('the JSON check and order for server-to-server clients', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  const count = async (table: string) => Number((await server.store.db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

  async function check(fields: Record<string, unknown>) {
    return call(server.url, '/v2/client/check', { ...JSON_CUSTOMER, orderAmount: 104.85, ...fields });
  }

  test('a positive check answers code 500, Advies=1 and a uuid that one order consumes', async () => {
    const { orderNumber, email } = fresh();
    const checked = await check({ email });
    assert.equal(checked.status, 200);
    assert.deepEqual(Object.keys(checked.body), ['result', 'code', 'description', 'uuid']);
    assert.equal(checked.body.code, '500');
    assert.equal(checked.body.description, 'Advies=1');
    assert.match(checked.body.uuid, /^[0-9a-f-]{36}$/);
    const order = { ...JSON_CUSTOMER, email, orderNumber, date: '2026-11-21', checkUuid: checked.body.uuid, orderItems: JSON_ITEMS };
    const placed = await call(server.url, '/v2/client/order', order);
    assert.deepEqual(placed.body, { result: 'MSG', code: '200', description: 'Order successfully added', invoice: `1TST${orderNumber}` });
    const again = await call(server.url, '/v2/client/order', { ...order, orderNumber: `${orderNumber}-B` });
    assert.equal(again.body.code, '446');
    assert.equal(again.body.description, 'Check request with given uuid already has been used');
  });

  test('the JSON order stores the same invoice an XML order would: lines, total and VAT in cents', async () => {
    const { orderNumber, email } = fresh();
    const checked = await check({ email });
    await call(server.url, '/v2/client/order', { ...JSON_CUSTOMER, email, orderNumber, date: '21-11-2026', checkUuid: checked.body.uuid, orderItems: JSON_ITEMS });
    const rows = await server.store.db.query<{ total: number; vat: number; lines: { quantity: number }[] }>(
      'SELECT total, vat, lines FROM invoices WHERE merchant_number = $1',
      [orderNumber],
    );
    assert.equal(rows[0]!.total, 10485);
    assert.equal(rows[0]!.vat, 1820);
    assert.deepEqual(rows[0]!.lines.map((line) => line.quantity), [2, 1]);
    const legacy = new Legacy(server.url);
    const status = await legacy.call('/api/status', 'Status', {}, { INVOICES: [{ INVOICENUMBER: `1TST${orderNumber}` }] });
    assert.equal(status.api.MSG.INVOICES.INVOICE[0].STATUS, '0');
  });

  test('a negative advice answers code 501 and Advies=0 without a uuid; backdoor true forces a positive one', async () => {
    const email = `json-${fresh().orderNumber.toLowerCase()}+decline@example.com`;
    const declined = await check({ email });
    assert.deepEqual(declined.body, { result: 'MSG', code: '501', description: 'Advies=0' });
    assert.equal((await check({ email, backdoor: false })).body.code, '501');
    const forced = await check({ email, backdoor: true });
    assert.equal(forced.body.code, '500');
    assert.equal((await check({ email: fresh().email, backdoor: 2 })).body.code, '501');
  });

  test('check answers the Check table\'s codes: 104 no workflow, 105 unknown, 406 no type, 417 no phone, 427 no amount, 428 bad amount', async () => {
    const before = await count('credit_checks');
    const cases: [Record<string, unknown>, string][] = [
      [{ workflowNumber: undefined }, '104'],
      [{ workflowNumber: 9 }, '105'],
      [{ type: undefined }, '406'],
      [{ phoneNumber: undefined }, '417'],
      [{ phoneNumber: 'abc' }, '402'],
      [{ orderAmount: undefined }, '427'],
      [{ orderAmount: '10,50' }, '428'],
      [{ birthDate: '31-02-1990' }, '418'],
      [{ payTrustScore: 11 }, '435'],
    ];
    for (const [fields, code] of cases) {
      const answer = await check({ email: fresh().email, ...fields });
      assert.equal(answer.status, 200);
      assert.equal(answer.body.result, 'error', JSON.stringify(fields));
      assert.equal(answer.body.code, code, JSON.stringify(fields));
      assert.deepEqual(answer.body.error, { code, description: answer.body.description });
    }
    assert.equal(await count('credit_checks'), before);
  });

  test('order answers the Order table\'s codes and writes nothing on bad input', async () => {
    const { email } = fresh();
    const checked = await check({ email });
    const base = { ...JSON_CUSTOMER, email, orderNumber: fresh().orderNumber, date: '21-11-2026', checkUuid: checked.body.uuid, orderItems: JSON_ITEMS };
    const before = await count('invoices');
    const cases: [Record<string, unknown>, string][] = [
      [{ workflowNumber: undefined }, '401'],
      [{ orderNumber: undefined }, '404'],
      [{ orderNumber: 'A B' }, '434'],
      [{ date: undefined }, '405'],
      [{ checkUuid: undefined }, '447'],
      [{ checkUuid: '00000000-0000-4000-8000-000000000000' }, '440'],
      [{ orderItems: [] }, '423'],
      [{ orderItems: [{ description: 'Trui', orderQuantity: 1, priceIncl: 10, btw: 13 }] }, '430'],
      [{ orderItems: [{ description: 'Trui', orderQuantity: 1, btw: 21 }] }, '435'],
      [{ sex: undefined }, '411'],
      [{ currency: 'JPY' }, '601'],
    ];
    for (const [fields, code] of cases) {
      const answer = await call(server.url, '/v2/client/order', { ...base, ...fields });
      assert.equal(answer.body.code, code, JSON.stringify(fields));
    }
    assert.equal(await count('invoices'), before);
  });

  test('validateOrder runs every rule, writes nothing and leaves the uuid usable', async () => {
    const { orderNumber, email } = fresh();
    const checked = await check({ email });
    const order = { ...JSON_CUSTOMER, email, orderNumber, date: '21-11-2026', checkUuid: checked.body.uuid, orderItems: JSON_ITEMS };
    const before = await count('invoices');
    const dryRun = await call(server.url, '/v2/client/order', { ...order, validateOrder: true });
    assert.deepEqual(dryRun.body, { result: 'MSG', code: '200', description: 'Order successfully validated' });
    assert.equal((await call(server.url, '/v2/client/order', { ...order, validateOrder: 'Y' })).body.code, '200');
    assert.equal(await count('invoices'), before);
    const placed = await call(server.url, '/v2/client/order', { ...order, validateOrder: false });
    assert.equal(placed.body.invoice, `1TST${orderNumber}`);
  });

  test('an order number used before answers 403 on the JSON order too', async () => {
    const first = fresh();
    const checked = await check({ email: first.email });
    const order = { ...JSON_CUSTOMER, email: first.email, orderNumber: first.orderNumber, date: '21-11-2026', checkUuid: checked.body.uuid, orderItems: JSON_ITEMS };
    await call(server.url, '/v2/client/order', order);
    const second = fresh();
    const recheck = await check({ email: second.email });
    const duplicate = await call(server.url, '/v2/client/order', { ...order, email: second.email, checkUuid: recheck.body.uuid });
    assert.equal(duplicate.body.code, '403');
    assert.equal(duplicate.body.description, `Order with number ${first.orderNumber} already exists`);
  });
});
