/**
 * Reading transactions back (spec buckaroo.md §1, §5.2): Status, Statuses, RefundInfo,
 * RefundInfos, Cancel, CancelMultiple, Specification(s) and DataRequest, over real HTTP.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BuckarooClient, followUp, orderRequest } from '../support/buckaroo-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('Buckaroo status, refund info, cancel and specification calls', () => {
  let server: TestServer;
  let client: BuckarooClient;
  before(async () => {
    server = await startTestServer();
    client = new BuckarooClient(server.url);
  });
  after(() => server.close());

  const pay = async () => (await client.transaction(orderRequest('Pay'))).json;
  const authorize = async () => (await client.transaction(orderRequest('Authorize'))).json;

  test('Status answers the transaction with IsCancelable and Description, and lists its refunds', async () => {
    const payment = await pay();
    const refund = (await client.transaction(followUp('Refund', payment.Key, 10))).json;
    const answer = await client.send('GET', `/json/Transaction/Status/${payment.Key}`);
    assert.equal(answer.status, 200);
    assert.ok(answer.signedCorrectly);
    assert.equal(answer.json.Key, payment.Key);
    assert.equal(answer.json.Status.Code.Code, 190);
    assert.equal(answer.json.TransactionType, 'C068');
    assert.equal(answer.json.IsCancelable, false);
    assert.deepEqual(answer.json.RelatedTransactions, [{ RelationType: 'refund', RelatedTransactionKey: refund.Key }]);
    assert.ok('Description' in answer.json);
    assert.ok(!('RequestErrors' in answer.json), 'the status shape has no RequestErrors (§5.2)');
  });

  test('Status of an unknown key is 404 with a Message; key case does not matter', async () => {
    const missing = await client.send('GET', '/json/Transaction/Status/0123456789ABCDEF0123456789ABCDEF');
    assert.equal(missing.status, 404);
    assert.equal(typeof missing.json.Message, 'string');
    const payment = await pay();
    const lower = await client.send('GET', `/json/Transaction/Status/${payment.Key.toLowerCase()}`);
    assert.equal(lower.status, 200);
  });

  test('an authorization is cancelable until captured; after Cancel its status reads 891', async () => {
    const authorization = await authorize();
    const status = (await client.send('GET', `/json/Transaction/Status/${authorization.Key}`)).json;
    assert.equal(status.IsCancelable, true);
    const cancel = await client.send('GET', `/json/Transaction/Cancel/${authorization.Key}`);
    assert.equal(cancel.status, 200);
    assert.deepEqual(cancel.json, { Key: authorization.Key, IsCanceled: true });
    const after = (await client.send('GET', `/json/Transaction/Status/${authorization.Key}`)).json;
    assert.equal(after.Status.Code.Code, 891);
    assert.equal(after.IsCancelable, false);
    const again = (await client.send('GET', `/json/Transaction/Cancel/${authorization.Key}`)).json;
    assert.equal(again.IsCanceled, false);
  });

  test('CancelMultiple cancels each open authorization and answers false for the rest', async () => {
    const open = await authorize();
    const captured = await authorize();
    await client.transaction(followUp('Capture', captured.Key, 100.3));
    const answer = await client.send('POST', '/json/Transaction/CancelMultiple', {
      Transactions: [{ Key: open.Key }, { Key: captured.Key }, { Key: 'NOPE' }],
    });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.json.Transactions, [
      { Key: open.Key, IsCanceled: true },
      { Key: captured.Key, IsCanceled: false },
      { Key: 'NOPE', IsCanceled: false },
    ]);
  });

  test('Statuses answers known keys under Transactions and unknown ones under ErrorTransactions', async () => {
    const payment = await pay();
    const answer = await client.send('POST', '/json/Transaction/Statuses', { transactions: [{ key: payment.Key }, { key: 'UNKNOWN' }] });
    assert.equal(answer.status, 200);
    assert.equal(answer.json.Transactions.length, 1);
    assert.equal(answer.json.Transactions[0].Key, payment.Key);
    assert.deepEqual(answer.json.ErrorTransactions, [{ Key: 'UNKNOWN', ErrorMessage: 'Transaction not found.' }]);
    const empty = await client.send('POST', '/json/Transaction/Statuses', { Transactions: [] });
    assert.equal(empty.status, 400);
  });

  test('RefundInfo tells what can still be refunded, Billink credits included', async () => {
    const payment = await pay();
    await client.transaction(followUp('Refund', payment.Key, 0.3));
    const info = await client.send('GET', `/json/Transaction/RefundInfo/${payment.Key}`);
    assert.equal(info.status, 200);
    assert.equal(info.json.IsRefundable, true);
    assert.equal(info.json.MaximumRefundAmount, 100);
    assert.equal(info.json.RefundedAmount, 0.3);
    assert.equal(info.json.RefundCurrency, 'EUR');
    const authorization = await authorize();
    const many = await client.send('POST', '/json/Transaction/RefundInfos', {
      RefundInfoCollection: [{ TransactionKey: authorization.Key }, { TransactionKey: 'UNKNOWN' }],
    });
    assert.equal(many.json.RefundInfoCollection[0].IsRefundable, false);
    assert.equal(many.json.RefundInfoCollection[0].MaximumRefundAmount, 0);
    assert.deepEqual(many.json.InvalidRefundInfoCollection, [{ TransactionKey: 'UNKNOWN', ErrorMessage: 'Transaction not found.' }]);
  });

  test('Specification describes billink with its five actions and answers ideal?serviceVersion=2 for credential checks', async () => {
    const billink = await client.send('GET', '/json/Transaction/Specification/billink?serviceVersion=0');
    assert.equal(billink.status, 200);
    assert.deepEqual(billink.json.Actions.map((a: { Name: string }) => a.Name), ['Pay', 'Authorize', 'Capture', 'Refund', 'CancelAuthorize']);
    const ideal = await client.send('GET', '/json/Transaction/Specification/ideal?serviceVersion=2');
    assert.equal(ideal.status, 200);
    assert.equal(ideal.json.Version, 2);
    const dataRequest = await client.send('GET', '/json/DataRequest/Specification/billink?serviceVersion=0');
    assert.equal(dataRequest.status, 200);
    const unknown = await client.send('GET', '/json/Transaction/Specification/paypal');
    assert.equal(unknown.status, 404);
    const several = await client.send('POST', '/json/Transaction/Specifications', { Services: [{ Name: 'billink', Version: 0 }, { Name: 'nope' }] });
    assert.deepEqual(several.json.Services.map((s: { Name: string }) => s.Name), ['billink']);
  });

  test('a DataRequest for billink is a 491 ServiceError with a key', async () => {
    const answer = await client.send('POST', '/json/DataRequest', { Services: { ServiceList: [{ Name: 'billink', Action: 'Pay' }] } });
    assert.equal(answer.status, 200);
    assert.equal(answer.json.Status.Code.Code, 491);
    assert.match(answer.json.Key, /^[0-9A-F]{32}$/);
    assert.equal(answer.json.RequestErrors.ServiceErrors.length, 1);
  });

  test('an unknown endpoint is 404 and a body that is not JSON is 400, both signed', async () => {
    const unknown = await client.send('GET', '/json/Transaction/Nothing/here');
    assert.equal(unknown.status, 404);
    assert.ok(unknown.signedCorrectly);
    const broken = await client.send('POST', '/json/Transaction', '{"Currency":');
    assert.equal(broken.status, 400);
    assert.ok(broken.signedCorrectly);
  });
});
