/**
 * Start workflow, ACTION `activate order` (spec §2.3), against the real server: the request-level
 * MSG/CODE 500, one MSG/STATUSES/ITEM per invoice, and the item codes 500 / 707 / -1.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ManualClock } from '../../src/core/shared/clock.js';
import { APITEST, Legacy, apiXml, post, type Fields, type Item } from '../support/legacy-client.js';
import { assertGolden } from '../support/golden.js';
import { freshCustomer } from '../support/fresh-customer.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const START = 'activate order';

describe('starting the collection workflow over the legacy API', () => {
  let server: TestServer;
  let legacy: Legacy;
  const clock = new ManualClock(new Date('2026-11-23T09:30:00Z'));
  before(async () => {
    server = await startTestServer({ overrides: { clock } });
    legacy = new Legacy(server.url);
  });
  after(() => server.close());

  const start = (invoices: Record<string, string>[], fields: Record<string, string> = {}) =>
    legacy.call('/api/start-workflow', START, fields, { INVOICES: invoices });
  const statusOf = async (number: string) =>
    (await legacy.call('/api/status', 'Status', {}, { INVOICES: [{ INVOICENUMBER: number }] })).api.MSG.INVOICES.INVOICE[0];
  const row = async (number: string) =>
    (await server.store.db.query<{ step: string; due_date: string | null; workflow_started_at: Date | null }>(
      'SELECT step, due_date, workflow_started_at FROM invoices WHERE merchant_number = $1',
      [number],
    ))[0]!;

  test('a started invoice answers 500 with an item of its own and the status turns from "No steps given" to "Wait for payment"', async () => {
    const { orderNumber } = await placeOrder(legacy);
    assert.equal((await statusOf(orderNumber)).DESCRIPTION, 'No steps given');

    const answer = await start([{ INVOICENUMBER: orderNumber }]);
    assert.equal(answer.result, 'MSG');
    assert.equal(answer.code, '500');
    assert.deepEqual(answer.api.MSG.STATUSES.ITEM, [{ INVOICENUMBER: orderNumber, MESSAGE: 'Success', CODE: '500' }]);
    assert.equal((await statusOf(orderNumber)).DESCRIPTION, 'Wait for payment');

    // The invoice e-mail goes out three days after the start, and workflow 1's 14-day term runs from
    // that day (Amsterdam time; docs/collection.md "The default course").
    const started = await row(orderNumber);
    assert.equal(started.step, 'wait_for_payment');
    assert.equal(started.due_date, '2026-12-10');
    assert.equal(started.workflow_started_at?.toISOString(), '2026-11-23T09:30:00.000Z');
  });

  test('starting an invoice a second time answers item 707 and leaves its due date and outbox alone', async () => {
    const { orderNumber } = await placeOrder(legacy);
    await start([{ INVOICENUMBER: orderNumber }]);
    clock.advance(3 * 86_400_000);

    const again = await start([{ INVOICENUMBER: orderNumber }]);
    assert.equal(again.code, '500');
    assert.deepEqual(again.api.MSG.STATUSES.ITEM, [
      { INVOICENUMBER: orderNumber, MESSAGE: 'Order workflow is allready started', CODE: '707' },
    ]);
    assert.equal((await row(orderNumber)).due_date, '2026-12-10');
    const events = await server.store.db.query<{ type: string }>(
      `SELECT e.type FROM events e JOIN invoices i ON i.id = e.invoice_id WHERE i.merchant_number = $1 AND e.type = 'order_workflow_started'`,
      [orderNumber],
    );
    assert.equal(events.length, 1);
  });

  test('a mixed list keeps request order: known invoices start, unknown ones answer -1, by either number', async () => {
    const first = await placeOrder(legacy);
    const second = await placeOrder(legacy);
    const answer = await start([
      { INVOICENUMBER: first.orderNumber },
      { INVOICENUMBER: 'NO-SUCH-ORDER' },
      { INVOICENUMBER: second.invoice },
    ]);
    assert.equal(answer.code, '500');
    assert.deepEqual(
      answer.api.MSG.STATUSES.ITEM.map((item: Record<string, string>) => [item.INVOICENUMBER, item.CODE]),
      [
        [first.orderNumber, '500'],
        ['NO-SUCH-ORDER', '-1'],
        [second.invoice, '500'],
      ],
    );
    assert.equal(answer.api.MSG.STATUSES.ITEM[1].MESSAGE, 'Order does not exist');
    assert.equal((await row(second.orderNumber)).step, 'wait_for_payment');
  });

  test('a request none of whose invoices exists answers error 704 naming the first unknown number, as Billink recorded it', async () => {
    const single = await start([{ INVOICENUMBER: 'I2014.001.234' }]);
    assert.equal(single.result, 'ERROR');
    assert.equal(single.api.MSG, undefined);
    assert.deepEqual(single.api.ERROR, { CODE: '704', DESCRIPTION: 'Unknown invoice number: I2014.001.234' });

    const several = await start([{ INVOICENUMBER: 'NOPE-1' }, { INVOICENUMBER: 'NOPE-2' }]);
    assert.deepEqual(several.api.ERROR, { CODE: '704', DESCRIPTION: 'Unknown invoice number: NOPE-1' });
  });

  test('a known invoice next to an unknown one starts, and only the unknown item answers -1 under code 500', async () => {
    const known = await placeOrder(legacy);
    const answer = await start([{ INVOICENUMBER: known.orderNumber }, { INVOICENUMBER: 'I2014.001.234' }]);
    assert.equal(answer.result, 'MSG');
    assert.equal(answer.code, '500');
    assert.deepEqual(answer.api.MSG.STATUSES.ITEM, [
      { INVOICENUMBER: known.orderNumber, MESSAGE: 'Success', CODE: '500' },
      { INVOICENUMBER: 'I2014.001.234', MESSAGE: 'Order does not exist', CODE: '-1' },
    ]);
    assert.equal((await row(known.orderNumber)).step, 'wait_for_payment');
  });

  test("another merchant's invoice is unknown (704 on its own, -1 beside a known one) and stays unstarted", async () => {
    const theirs = await placeOrder(new Legacy(server.url, APITEST));
    const alone = await start([{ INVOICENUMBER: theirs.orderNumber }]);
    assert.equal(alone.code, '704');
    const mine = await placeOrder(legacy);
    const beside = await start([{ INVOICENUMBER: mine.orderNumber }, { INVOICENUMBER: theirs.orderNumber }]);
    assert.equal(beside.api.MSG.STATUSES.ITEM[1].CODE, '-1');
    assert.equal((await row(theirs.orderNumber)).step, 'not_started');
  });

  test('a workflow number that is not the invoice\'s own makes the invoice unknown and leaves it unstarted', async () => {
    const { orderNumber } = await placeOrder(legacy);
    const answer = await start([{ INVOICENUMBER: orderNumber, WORKFLOWNUMBER: '3' }]);
    assert.deepEqual(answer.api.ERROR, { CODE: '704', DESCRIPTION: `Unknown invoice number: ${orderNumber}` });
    assert.equal((await row(orderNumber)).step, 'not_started');
  });

  test('a request without invoices answers error 705, whether INVOICES is empty or absent', async () => {
    for (const body of [
      apiXml(START, {}, { INVOICES: [] }),
      apiXml(START, { WORKFLOWNUMBER: '1' }),
    ]) {
      const answer = await post(server.url, '/api/start-workflow', body);
      assert.equal(answer.result, 'ERROR');
      assert.deepEqual(answer.api.ERROR, { CODE: '705', DESCRIPTION: 'No invoices provided' });
    }
  });

  test('more than ten invoices answer error 708 and start none of them', async () => {
    const { orderNumber } = await placeOrder(legacy);
    const invoices = [{ INVOICENUMBER: orderNumber }, ...Array.from({ length: 10 }, (_, i) => ({ INVOICENUMBER: `X-${i}` }))];
    const answer = await start(invoices);
    assert.deepEqual(answer.api.ERROR, { CODE: '708', DESCRIPTION: 'Maximum 10 invoices per request allowed' });
    assert.equal((await row(orderNumber)).step, 'not_started');

    const ten = await start(invoices.slice(0, 10));
    assert.equal(ten.code, '500');
    assert.equal(ten.api.MSG.STATUSES.ITEM.length, 10);
  });

  test('a Ruby-style request with no top-level WORKFLOWNUMBER starts the invoice on /v1/client', async () => {
    const { orderNumber } = await placeOrder(legacy);
    const answer = await legacy.call('/v1/client/start-workflow', START, {}, {
      INVOICES: [{ WORKFLOWNUMBER: '1', INVOICENUMBER: orderNumber }],
    });
    assert.equal(answer.api.MSG.STATUSES.ITEM[0].CODE, '500');
  });

  test('an avido-style item full of empty elements is read by its INVOICENUMBER alone', async () => {
    const { orderNumber } = await placeOrder(legacy);
    const answer = await start(
      [{ WORKFLOWNUMBER: '1', INVOICENUMBER: orderNumber, STATUS: '', DESCRIPTION: '', CODE: '', MESSAGE: '', CREDITAMOUNT: '', AMOUNT: '' }],
      { WORKFLOWNUMBER: '1' },
    );
    assert.equal(answer.code, '500');
    assert.deepEqual(answer.api.MSG.STATUSES.ITEM[0], { INVOICENUMBER: orderNumber, MESSAGE: 'Success', CODE: '500' });
  });

  test('the answer to a mixed request matches its golden file byte for byte', async () => {
    const started = await placeOrder(legacy);
    const fresh = await placeOrder(legacy);
    await start([{ INVOICENUMBER: started.orderNumber }]);
    const answer = await start([
      { INVOICENUMBER: fresh.orderNumber },
      { INVOICENUMBER: started.orderNumber },
      { INVOICENUMBER: 'UNKNOWN-1' },
    ]);
    assert.equal(answer.contentType, 'text/xml; charset=UTF-8');
    assertGolden('start-workflow-mixed.xml', answer.text, { FRESH: fresh.orderNumber, STARTED: started.orderNumber });
  });
});

/** An order for a customer no other order shares, so earlier open orders never decline its check. */
function placeOrder(client: Legacy, options: { workflow?: string; fields?: Fields; items?: Item[] } = {}) {
  return client.placeOrder({ ...options, fields: freshCustomer(options.fields) });
}

