/**
 * Capture onto the core (docs/buckaroo.md "Partial capture"): a full capture starts the workflow
 * on the authorised order; a smaller AmountDebit with the articles being shipped credits the part
 * not captured first, so the customer owes what was captured; more than authorised, a capture
 * after a cancel and a second capture are refused with Buckaroo's 491 and change nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ARTICLES, articleParameters, BuckarooClient, followUp, orderRequest } from '../support/buckaroo-client.js';
import { rowCounts } from '../support/row-counts.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('Buckaroo Capture', () => {
  let server: TestServer;
  let client: BuckarooClient;
  before(async () => {
    server = await startTestServer();
    client = new BuckarooClient(server.url);
  });
  after(() => server.close());

  const invoiceRow = async (key: string) =>
    (await server.store.db.query<{ total: number; paid: number; credited: number; status: string; step: string }>(
      'SELECT i.total, i.paid, i.credited, i.status, i.step FROM invoices i JOIN buckaroo_transactions t ON t.invoice_id = i.id WHERE t.key = $1',
      [key],
    ))[0];
  // The Node SDK sends a Capture's articles without GroupID (§4.2).
  const shipped = articleParameters([ARTICLES[0]!], false);

  test('a full capture starts the workflow on the whole authorised amount and credits nothing', async () => {
    const authorize = (await client.transaction(orderRequest('Authorize'))).json;
    const capture = (await client.transaction(followUp('Capture', authorize.Key, 100.3, articleParameters(ARTICLES, false)))).json;
    assert.equal(capture.Status.Code.Code, 190);
    assert.equal(capture.AmountDebit, 100.3);
    assert.deepEqual(await invoiceRow(authorize.Key), { total: 10030, paid: 0, credited: 0, status: 'open', step: 'wait_for_payment' });
  });

  test('a partial capture with the shipped articles starts the workflow and credits the rest, so the customer owes what was captured', async () => {
    const authorize = (await client.transaction(orderRequest('Authorize'))).json;
    const capture = (await client.transaction(followUp('Capture', authorize.Key, 80.2, shipped))).json;
    assert.equal(capture.Status.Code.Code, 190, JSON.stringify(capture.RequestErrors));
    assert.equal(capture.AmountDebit, 80.2);
    assert.deepEqual(capture.RelatedTransactions, [{ RelationType: 'capture', RelatedTransactionKey: authorize.Key }]);
    assert.deepEqual(await invoiceRow(authorize.Key), { total: 10030, paid: 0, credited: 2010, status: 'open', step: 'wait_for_payment' });
    const [credit] = await server.store.db.query<{ amount: number; description: string }>(
      "SELECT l.amount, l.description FROM ledger_entries l JOIN buckaroo_transactions t ON t.invoice_id = l.invoice_id WHERE t.key = $1 AND l.kind = 'credit'",
      [authorize.Key],
    );
    assert.deepEqual(credit, { amount: 2010, description: 'Not captured' });

    const tooMuch = (await client.transaction(followUp('Refund', capture.Key, 80.21))).json;
    assert.equal(tooMuch.Status.SubCode.Code, 'VR02', 'refunds are limited to what was captured');
    assert.equal((await client.transaction(followUp('Refund', capture.Key, 80.2))).json.Status.Code.Code, 190);
  });

  test('the remainder of a partial capture cannot be captured later: the authorization is used up', async () => {
    const authorize = (await client.transaction(orderRequest('Authorize'))).json;
    assert.equal((await client.transaction(followUp('Capture', authorize.Key, 80.2, shipped))).json.Status.Code.Code, 190);
    const before = await rowCounts(server);
    const rest = (await client.transaction(followUp('Capture', authorize.Key, 20.1))).json;
    assert.equal(rest.Status.Code.Code, 491);
    assert.equal(rest.Status.SubCode.Code, 'VR01');
    assert.equal((await rowCounts(server)).ledger_entries, before.ledger_entries);
    assert.equal((await invoiceRow(authorize.Key))?.credited, 2010);
  });

  test('a partial capture without articles takes the amount alone', async () => {
    const authorize = (await client.transaction(orderRequest('Authorize'))).json;
    assert.equal((await client.transaction(followUp('Capture', authorize.Key, 50))).json.Status.Code.Code, 190);
    assert.equal((await invoiceRow(authorize.Key))?.credited, 5030);
  });

  test('a partial capture whose articles do not add up to AmountDebit is a 491 VP03 and changes nothing', async () => {
    const authorize = (await client.transaction(orderRequest('Authorize'))).json;
    const answer = (await client.transaction(followUp('Capture', authorize.Key, 60, shipped))).json;
    assert.equal(answer.Status.Code.Code, 491);
    assert.equal(answer.Status.SubCode.Code, 'VP03');
    assert.deepEqual(await invoiceRow(authorize.Key), { total: 10030, paid: 0, credited: 0, status: 'open', step: 'not_started' });
  });

  test('capturing more than was authorised, or nothing, is a 491 VA02 about AmountDebit and changes nothing', async () => {
    const authorize = (await client.transaction(orderRequest('Authorize'))).json;
    for (const amount of [100.31, 0]) {
      const answer = (await client.transaction(followUp('Capture', authorize.Key, amount))).json;
      assert.equal(answer.Status.Code.Code, 491, String(amount));
      assert.equal(answer.Status.SubCode.Code, 'VA02');
      assert.equal(answer.RequestErrors.ParameterErrors[0].Name, 'AmountDebit');
    }
    assert.equal((await invoiceRow(authorize.Key))?.step, 'not_started');
  });

  test('a capture after a CancelAuthorize is a 491 VR01 and books nothing', async () => {
    const authorize = (await client.transaction(orderRequest('Authorize'))).json;
    assert.equal((await client.transaction(followUp('CancelAuthorize', authorize.Key, 100.3))).json.Status.Code.Code, 190);
    const before = await rowCounts(server);
    for (const amount of [100.3, 50]) {
      const answer = (await client.transaction(followUp('Capture', authorize.Key, amount))).json;
      assert.equal(answer.Status.Code.Code, 491);
      assert.equal(answer.Status.SubCode.Code, 'VR01');
    }
    assert.equal((await rowCounts(server)).ledger_entries, before.ledger_entries);
    assert.equal((await invoiceRow(authorize.Key))?.step, 'credited');
  });
});
