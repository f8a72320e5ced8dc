/**
 * A payment or credit request with several items is booked whole or not at all, on the legacy XML
 * and the v2 JSON contract: an item that fails after validation (here a NUL character in its
 * description, which no database text can hold) undoes the items before it, so a client that sends
 * the request again books every item once. Whatever the answer, it says exactly what was booked.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Legacy, apiXml, post, type Item } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { call } from '../v2/v2-client.js';

interface ItemAnswer {
  number: string;
  code: string;
}

/** What a batch answered: per item, or one error for the whole request. */
type BatchAnswer = { items: ItemAnswer[] } | { error: string };

interface Contract {
  name: string;
  send(server: TestServer, items: { number: string; amount: string; description: string }[]): Promise<BatchAnswer>;
  kind: 'payment' | 'credit';
}

const CONTRACTS: Contract[] = [
  {
    name: 'a legacy XML Payment',
    kind: 'payment',
    async send(server, items) {
      const body = apiXml('Payment', {}, { INVOICES: items.map((i): Item => ({ INVOICENUMBER: i.number, AMOUNT: i.amount, DESCRIPTION: i.description })) });
      const answer = await post(server.url, '/api/payment', body);
      if (answer.result === 'ERROR') return { error: answer.code };
      return { items: answer.api.MSG.INVOICES.ITEM.map((item: Item) => ({ number: item.INVOICENUMBER, code: item.CODE })) };
    },
  },
  {
    name: 'a legacy XML Credit',
    kind: 'credit',
    async send(server, items) {
      const body = apiXml('Credit', {}, { INVOICES: items.map((i): Item => ({ INVOICENUMBER: i.number, CREDITAMOUNT: i.amount, DESCRIPTION: i.description })) });
      const answer = await post(server.url, '/api/credit', body);
      if (answer.result === 'ERROR') return { error: answer.code };
      return { items: answer.api.MSG.STATUSES.ITEM.map((item: Item) => ({ number: item.INVOICENUMBER, code: item.CODE })) };
    },
  },
  {
    name: 'a v2 payment',
    kind: 'payment',
    async send(server, items) {
      const answer = await call(server.url, '/v2/client/invoice/payment', {
        invoices: items.map((i) => ({ invoiceNumber: i.number, amount: i.amount, description: i.description })),
      });
      if (answer.body.result === 'error') return { error: answer.body.code };
      return { items: answer.body.invoices.map((item: { invoiceNumber: string; code: number }) => ({ number: item.invoiceNumber, code: String(item.code) })) };
    },
  },
  {
    name: 'a v2 credit',
    kind: 'credit',
    async send(server, items) {
      const answer = await call(server.url, '/v2/client/invoice/credit', {
        invoices: items.map((i) => ({ number: i.number, creditAmount: i.amount, description: i.description })),
      });
      if (answer.body.result === 'error') return { error: answer.body.code };
      return { items: answer.body.statuses.map((item: { invoiceNumber: string; code: number }) => ({ number: item.invoiceNumber, code: String(item.code) })) };
    },
  },
];

describe('multi-item payments and credits are atomic', () => {
  let server: TestServer;
  let legacy: Legacy;
  before(async () => {
    server = await startTestServer();
    legacy = new Legacy(server.url);
  });
  after(() => server.close());

  const booked = async (number: string, kind: 'payment' | 'credit') => {
    const [row] = await server.store.db.query<{ amount: number; entries: number; events: number }>(
      `SELECT ${kind === 'payment' ? 'i.paid' : 'i.credited'} AS amount,
              (SELECT count(*)::int FROM ledger_entries l WHERE l.invoice_id = i.id) AS entries,
              (SELECT count(*)::int FROM events e WHERE e.invoice_id = i.id AND e.type <> 'order_placed') AS events
       FROM invoices i WHERE merchant_number = $1`,
      [number],
    );
    return row!;
  };

  for (const contract of CONTRACTS) {
    test(`${contract.name} whose second item fails books nothing twice when the client sends it again`, async () => {
      const first = (await legacy.placeOrder()).orderNumber;
      const second = (await legacy.placeOrder()).orderNumber;
      const items = [
        { number: first, amount: '10.00', description: 'Bank transfer' },
        { number: second, amount: '10.00', description: 'Bank\u0000transfer' },
      ];

      const answer = await contract.send(server, items);
      // The answer says exactly what was booked: one error for the whole request means nothing was.
      const answeredBooked = (number: string) => 'items' in answer && answer.items.some((item) => item.number === number && item.code === '200');
      for (const number of [first, second]) {
        const row = await booked(number, contract.kind);
        const expected = answeredBooked(number) ? 1000 : 0;
        assert.equal(row.amount, expected, `${number} after ${JSON.stringify(answer)}`);
        assert.equal(row.entries, expected ? 1 : 0);
      }

      // A client sends again what was not answered as booked, without the character that failed.
      const retry = items
        .filter((item) => !answeredBooked(item.number))
        .map((item) => ({ ...item, description: item.description.replace('\u0000', ' ') }));
      const again = await contract.send(server, retry);
      assert.ok('items' in again, JSON.stringify(again));
      assert.deepEqual(again.items.map((item) => item.code), retry.map(() => '200'));
      for (const number of [first, second]) {
        const row = await booked(number, contract.kind);
        assert.equal(row.amount, 1000, number);
        assert.equal(row.entries, 1, number);
        assert.equal(row.events, 1, number);
      }
    });
  }

  test('a payment naming the same invoice twice books both items against the open amount the first one left', async () => {
    const { orderNumber, invoice } = await legacy.placeOrder();
    const answer = await CONTRACTS[0]!.send(server, [
      { number: orderNumber, amount: '100.00', description: 'First' },
      { number: invoice, amount: '4.85', description: 'Rest' },
      { number: orderNumber, amount: '0.01', description: 'Too much' },
    ]);
    assert.deepEqual('items' in answer && answer.items.map((item) => item.code), ['200', '200', '707']);
    assert.deepEqual(await booked(orderNumber, 'payment'), { amount: 10485, entries: 2, events: 3 });
  });

  test('parallel payments naming the same invoices in opposite orders all book, never deadlock and never double-count', async () => {
    const a = (await legacy.placeOrder()).orderNumber;
    const b = (await legacy.placeOrder()).orderNumber;
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        CONTRACTS[0]!.send(server, [
          { number: index % 2 ? a : b, amount: '1.00', description: 'Part' },
          { number: index % 2 ? b : a, amount: '1.00', description: 'Part' },
        ]),
      ),
    );
    for (const answer of answers) assert.deepEqual('items' in answer && answer.items.map((item) => item.code), ['200', '200']);
    assert.equal((await booked(a, 'payment')).amount, 1000);
    assert.equal((await booked(b, 'payment')).amount, 1000);
  });
});
