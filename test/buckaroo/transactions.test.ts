/**
 * POST /json/Transaction for the Billink service against the real server (spec buckaroo.md §4,
 * seed 003): Pay, Authorize, Capture, Refund and CancelAuthorize with their status codes,
 * transaction types, mutation types and related transactions, every answer signed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BuckarooClient, followUp, freshPerson, orderRequest } from '../support/buckaroo-client.js';
import { rowCounts } from '../support/row-counts.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('Buckaroo transactions for the Billink service', () => {
  let server: TestServer;
  let client: BuckarooClient;
  before(async () => {
    server = await startTestServer();
    client = new BuckarooClient(server.url);
  });
  after(() => server.close());

  const invoiceRow = async (key: string) =>
    (await server.store.db.query<{ total: number; credited: number; status: string; step: string }>(
      `SELECT i.total, i.credited, i.status, i.step FROM invoices i JOIN buckaroo_transactions t ON t.invoice_id = i.id WHERE t.key = $1`,
      [key],
    ))[0];

  test('a Pay answers 190 with C068, MutationType 1 and a key, places the order and starts its workflow', async () => {
    const answer = await client.transaction(orderRequest('Pay'));
    assert.equal(answer.status, 200);
    assert.ok(answer.signedCorrectly, 'the response is signed over its body');
    const body = answer.json;
    assert.match(body.Key, /^[0-9A-F]{32}$/);
    assert.equal(body.Status.Code.Code, 190);
    assert.equal(body.Status.SubCode.Code, 'S990');
    assert.equal(body.TransactionType, 'C068');
    assert.equal(body.MutationType, 1);
    assert.equal(body.AmountDebit, 100.3);
    assert.equal(body.ServiceCode, 'Billink');
    assert.equal(body.IsTest, true);
    assert.equal(body.RequestErrors, null);
    assert.match(body.PaymentKey, /^[0-9A-F]{32}$/);
    assert.deepEqual(await invoiceRow(body.Key), { total: 10030, credited: 0, status: 'open', step: 'wait_for_payment' });
  });

  test('an Authorize answers 190 with I069 and MutationType 3 and leaves the workflow unstarted until Capture', async () => {
    const authorize = (await client.transaction(orderRequest('Authorize'))).json;
    assert.equal(authorize.Status.Code.Code, 190);
    assert.equal(authorize.TransactionType, 'I069');
    assert.equal(authorize.MutationType, 3);
    assert.equal(authorize.PaymentKey, null);
    assert.equal((await invoiceRow(authorize.Key))?.step, 'not_started');

    const capture = await client.transaction(followUp('Capture', authorize.Key, 100.3));
    assert.ok(capture.signedCorrectly);
    assert.equal(capture.json.Status.Code.Code, 190);
    assert.equal(capture.json.TransactionType, 'C073');
    assert.equal(capture.json.MutationType, 1);
    assert.deepEqual(capture.json.RelatedTransactions, [{ RelationType: 'capture', RelatedTransactionKey: authorize.Key }]);
    assert.equal((await invoiceRow(authorize.Key))?.step, 'wait_for_payment');

    const again = (await client.transaction(followUp('Capture', authorize.Key, 100.3))).json;
    assert.equal(again.Status.Code.Code, 491, 'a second capture is refused');
  });

  test('Refunds of a Pay may be partial, link back with RelationType refund, and never exceed what is left', async () => {
    const pay = (await client.transaction(orderRequest('Pay'))).json;
    const first = (await client.transaction(followUp('Refund', pay.Key, 30.3, [{ Name: 'Refundreason', Value: 'Returned' }]))).json;
    assert.equal(first.Status.Code.Code, 190);
    assert.equal(first.TransactionType, 'C070');
    assert.equal(first.MutationType, 1);
    assert.equal(first.AmountCredit, 30.3);
    assert.equal(first.AmountDebit, undefined);
    assert.deepEqual(first.RelatedTransactions, [{ RelationType: 'refund', RelatedTransactionKey: pay.Key }]);

    const before = await rowCounts(server);
    const tooMuch = (await client.transaction(followUp('Refund', pay.Key, 70.01))).json;
    assert.equal(tooMuch.Status.Code.Code, 491);
    assert.equal(tooMuch.Status.SubCode.Code, 'VR02');
    const afterCounts = await rowCounts(server);
    assert.equal(afterCounts.ledger_entries, before.ledger_entries, 'the refused refund booked nothing');

    const rest = (await client.transaction(followUp('Refund', pay.Key, 70))).json;
    assert.equal(rest.Status.Code.Code, 190);
    assert.deepEqual(await invoiceRow(pay.Key), { total: 10030, credited: 10030, status: 'credited', step: 'credited' });
  });

  test('a Refund of a Capture credits the captured invoice; a Refund of an uncaptured Authorize is refused', async () => {
    const authorize = (await client.transaction(orderRequest('Authorize'))).json;
    const early = (await client.transaction(followUp('Refund', authorize.Key, 10))).json;
    assert.equal(early.Status.Code.Code, 491);
    assert.equal(early.Status.SubCode.Code, 'VR01');
    const capture = (await client.transaction(followUp('Capture', authorize.Key, 100.3))).json;
    const refund = (await client.transaction(followUp('Refund', capture.Key, 10))).json;
    assert.equal(refund.Status.Code.Code, 190);
    assert.deepEqual(refund.RelatedTransactions, [{ RelationType: 'refund', RelatedTransactionKey: capture.Key }]);
    assert.equal((await invoiceRow(authorize.Key))?.credited, 1000);
  });

  test('a CancelAuthorize cancels the uncaptured order in full; it cannot be captured afterwards', async () => {
    const authorize = (await client.transaction(orderRequest('Authorize'))).json;
    const cancel = (await client.transaction(followUp('CancelAuthorize', authorize.Key, 100.3))).json;
    assert.equal(cancel.Status.Code.Code, 190);
    assert.equal(cancel.TransactionType, 'I014');
    assert.equal(cancel.MutationType, 3);
    assert.deepEqual(cancel.RelatedTransactions, [{ RelationType: 'cancelauthorize', RelatedTransactionKey: authorize.Key }]);
    assert.deepEqual(await invoiceRow(authorize.Key), { total: 10030, credited: 10030, status: 'credited', step: 'credited' });
    const capture = (await client.transaction(followUp('Capture', authorize.Key, 100.3))).json;
    assert.equal(capture.Status.Code.Code, 491);
    const twice = (await client.transaction(followUp('CancelAuthorize', authorize.Key, 100.3))).json;
    assert.equal(twice.Status.Code.Code, 491);
  });

  test('a CancelAuthorize of a captured authorization is refused and changes nothing', async () => {
    const authorize = (await client.transaction(orderRequest('Authorize'))).json;
    await client.transaction(followUp('Capture', authorize.Key, 100.3));
    const cancel = (await client.transaction(followUp('CancelAuthorize', authorize.Key, 100.3))).json;
    assert.equal(cancel.Status.Code.Code, 491);
    assert.equal((await invoiceRow(authorize.Key))?.credited, 0);
  });

  test("a credit-check decline answers 690 with a key and places no order", async () => {
    const before = await rowCounts(server);
    const answer = await client.transaction(orderRequest('Pay', { person: freshPerson({ email: `someone+decline@example.com` }) }));
    assert.ok(answer.signedCorrectly);
    assert.equal(answer.json.Status.Code.Code, 690);
    assert.equal(answer.json.Status.Code.Description, 'Rejected');
    assert.match(answer.json.Key, /^[0-9A-F]{32}$/);
    const afterCounts = await rowCounts(server);
    assert.equal(afterCounts.invoices, before.invoices);
  });

  test('an AmountDebit that differs from the sum of the articles is a 491 with VP03 and writes no order', async () => {
    const before = await rowCounts(server);
    const answer = (await client.transaction(orderRequest('Pay', { amountDebit: 100.31 }))).json;
    assert.equal(answer.Status.Code.Code, 491);
    assert.equal(answer.Status.SubCode.Code, 'VP03');
    assert.equal(answer.RequestErrors.ParameterErrors[0].Name, 'AmountDebit');
    assert.deepEqual(answer.RequestErrors.ChannelErrors, []);
    assert.deepEqual(answer.RequestErrors.CustomParameterErrors, []);
    const afterCounts = await rowCounts(server);
    assert.equal(afterCounts.invoices, before.invoices);
    assert.equal(afterCounts.credit_checks, before.credit_checks);
  });

  test('a missing customer field is a 491 naming the parameter, and leaves no credit check behind', async () => {
    const request = orderRequest('Pay');
    const parameters = request.Services.ServiceList[0]!.Parameters.filter((p: { Name: string; GroupType?: string }) => !(p.Name === 'LastName' && p.GroupType === 'BillingCustomer'));
    request.Services.ServiceList[0]!.Parameters = parameters;
    const before = await rowCounts(server);
    const answer = (await client.transaction(request)).json;
    assert.equal(answer.Status.Code.Code, 491);
    assert.deepEqual(answer.RequestErrors.ParameterErrors, [
      { Service: 'Billink', Action: 'Pay', Name: 'BillingCustomer.LastName', Error: 'ParameterMissing', ErrorMessage: 'LastName is required.' },
    ]);
    assert.equal((await rowCounts(server)).credit_checks, before.credit_checks);
  });

  test('an unknown action is an ActionError and an unknown service a ServiceError, both 491 with a key', async () => {
    const request = orderRequest('Pay');
    request.Services.ServiceList[0]!.Action = 'PayRemainder' as 'Pay';
    const action = (await client.transaction(request)).json;
    assert.equal(action.Status.Code.Code, 491);
    assert.equal(action.RequestErrors.ActionErrors[0].Name, 'PayRemainder');
    request.Services.ServiceList[0]!.Name = 'ideal';
    const service = (await client.transaction(request)).json;
    assert.equal(service.Status.Code.Code, 491);
    assert.equal(service.RequestErrors.ServiceErrors[0].Name, 'ideal');
    assert.match(service.Key, /^[0-9A-F]{32}$/);
  });

  test('a Capture, Refund or CancelAuthorize naming an unknown key is a 491 about OriginalTransactionKey', async () => {
    for (const action of ['Capture', 'Refund', 'CancelAuthorize'] as const) {
      const answer = (await client.transaction(followUp(action, '0123456789ABCDEF0123456789ABCDEF', 10))).json;
      assert.equal(answer.Status.Code.Code, 491, action);
      assert.equal(answer.RequestErrors.ParameterErrors[0].Name, 'OriginalTransactionKey');
    }
  });

  test("another website's transaction key is unknown", async () => {
    const pay = (await client.transaction(orderRequest('Pay'))).json;
    const other = new BuckarooClient(server.url, { websiteKey: 'APITEST001', secret: 'apitest-buckaroo-secret' });
    const refund = (await other.transaction(followUp('Refund', pay.Key, 10))).json;
    assert.equal(refund.Status.Code.Code, 491);
    assert.equal((await invoiceRow(pay.Key))?.credited, 0);
  });
});
