/**
 * Buckaroo's JSON push (spec buckaroo.md §11.1) through the outbox to a real receiver on
 * loopback: `{"Transaction": {...}}` signed like a request, with a body that hashes the same under
 * the Node, PHP and .NET SDKs' canonicalisations, retried with the same body and delivery id.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BuckarooClient, followUp, freshPerson, orderRequest, sign, USERTEST_BUCKAROO } from '../support/buckaroo-client.js';
import { rowCounts } from '../support/row-counts.js';
import { Legacy } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { type ReceivedWebhook, WebhookReceiver } from '../support/webhook-receiver.js';

/**
 * PHP's json_encode(json_decode($body, true), JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE |
 * JSON_PRESERVE_ZERO_FRACTION), which the PHP SDK hashes (§11.1): an empty object comes back as
 * `[]`, integers stay integers, and U+2028/U+2029 are escaped.
 */
function phpCanonical(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  }
  if (Array.isArray(value)) return `[${value.map(phpCanonical).join(',')}]`;
  const entries = Object.entries(value);
  if (entries.length === 0) return '[]';
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${phpCanonical(item)}`).join(',')}}`;
}

/** The SDKs' push validation: the Authorization header recomputed over the push URL and a canonical body. */
function verifies(push: ReceivedWebhook, url: string, canonicalBody: string): boolean {
  const header = String(push.headers.authorization ?? '');
  const match = /^hmac ([^:]+):([^:]+):([^:]+):(\d+)$/.exec(header);
  if (!match) return false;
  return sign(USERTEST_BUCKAROO, 'POST', url, canonicalBody, Number(match[4]), match[3]!) === header;
}

/** Waits until a push of every key has arrived. */
async function eventuallyAll(receiver: WebhookReceiver, filter: (entry: ReceivedWebhook) => boolean, keys: readonly string[]): Promise<void> {
  await receiver.waitFor(1, () => {
    const seen = new Set(receiver.received.filter(filter).map((entry) => (entry.json as { Transaction: { Key: string } }).Transaction.Key));
    return keys.every((key) => seen.has(key));
  });
}

describe('Buckaroo pushes', () => {
  let server: TestServer;
  let client: BuckarooClient;
  let receiver: WebhookReceiver;
  before(async () => {
    receiver = await new WebhookReceiver().start();
    server = await startTestServer({ env: { BUCKAROO_PUSH_RETRY_SCHEDULE: '0,0' } });
    client = new BuckarooClient(server.url);
  });
  after(async () => {
    await server.close();
    await receiver.close();
  });

  test("a Pay pushes {\"Transaction\": …} to its PushURL, signed so that Node's, PHP's and .NET's checks all pass", async () => {
    const url = receiver.url('/push/pay?shop=1');
    const invoice = `Bestelling/Ünï €-${Date.now()}`;
    const pay = (await client.transaction(orderRequest('Pay', { invoice, extra: { PushURL: url, Description: 'Speelgoed/€ 100,30' } }))).json;
    const [push] = await receiver.waitFor(1, (entry) => entry.path === '/push/pay?shop=1');
    const body = push!.body;
    const transaction = (push!.json as { Transaction: Record<string, unknown> }).Transaction;
    assert.equal(transaction.Key, pay.Key);
    assert.equal(transaction.Invoice, invoice);
    assert.ok(body.includes('Bestelling/Ünï €'), 'raw UTF-8 and an unescaped slash');
    assert.deepEqual(transaction.Status, pay.Status);
    assert.equal(transaction.TransactionType, 'C068');
    assert.equal(transaction.AmountDebit, 100.3);
    assert.equal(transaction.IsCancelable, false);
    assert.ok(verifies(push!, url, body), '.NET hashes the raw bytes');
    assert.ok(verifies(push!, url, JSON.stringify(JSON.parse(body))), 'Node hashes JSON.stringify(JSON.parse(body))');
    assert.ok(verifies(push!, url, phpCanonical(JSON.parse(body))), 'PHP hashes json_encode(json_decode(body))');
    assert.doesNotMatch(body, /\{\}|\\\/|\\u|\s"|\.0[,}]/, 'compact, no empty objects, no escapes, no 10.0');
  });

  test('an Authorize, a Capture, a Refund and a decline each push their own transaction', async () => {
    const url = receiver.url('/push/flow');
    const authorize = (await client.transaction(orderRequest('Authorize', { extra: { PushURL: url } }))).json;
    const capture = (await client.transaction({ ...followUp('Capture', authorize.Key, 100.3), PushURL: url })).json;
    const refund = (await client.transaction({ ...followUp('Refund', capture.Key, 5), PushURL: url })).json;
    const decline = (await client.transaction(orderRequest('Pay', { person: freshPerson({ email: 'push+decline@example.com' }), extra: { PushURL: url } }))).json;
    const keys = [authorize.Key, capture.Key, refund.Key, decline.Key];
    const ownPush = (entry: ReceivedWebhook) =>
      entry.path === '/push/flow' && keys.includes((entry.json as { Transaction: { Key: string } }).Transaction.Key);
    // Capture and Refund also re-push the authorization whose invoice they changed; keep the first push of each key.
    await eventuallyAll(receiver, ownPush, keys);
    const byKey = new Map<string, { Transaction: Record<string, any> }>();
    for (const push of receiver.received.filter(ownPush).reverse()) byKey.set((push.json as { Transaction: { Key: string } }).Transaction.Key, push.json as { Transaction: Record<string, any> });
    assert.equal(byKey.get(authorize.Key)?.Transaction.TransactionType, 'I069');
    assert.equal(byKey.get(capture.Key)?.Transaction.TransactionType, 'C073');
    assert.deepEqual(byKey.get(refund.Key)?.Transaction.RelatedTransactions, [{ RelationType: 'refund', RelatedTransactionKey: capture.Key }]);
    assert.equal(byKey.get(decline.Key)?.Transaction.Status.Code.Code, 690);
  });

  test('a Billink payment on an invoice that a Buckaroo Pay placed pushes that Pay again, signed', async () => {
    const url = receiver.url('/push/billink-payment');
    const pay = (await client.transaction(orderRequest('Pay', { extra: { PushURL: url } }))).json;
    await receiver.waitFor(1, (entry) => entry.path === '/push/billink-payment');
    const [{ invoice_number: number } = { invoice_number: '' }] = await server.store.db.query<{ invoice_number: string }>(
      'SELECT invoice_number FROM buckaroo_transactions WHERE key = $1',
      [pay.Key],
    );
    const payment = await new Legacy(server.url).call('/api/payment', 'Payment', {}, { INVOICES: [{ INVOICENUMBER: number, AMOUNT: '20.00' }] });
    assert.equal(String(payment.api.MSG.INVOICES.ITEM[0].CODE), '200', payment.text);
    const [, again] = await receiver.waitFor(2, (entry) => entry.path === '/push/billink-payment');
    const transaction = (again!.json as { Transaction: Record<string, any> }).Transaction;
    assert.equal(transaction.Key, pay.Key);
    assert.equal(transaction.Status.Code.Code, 190);
    assert.ok(verifies(again!, url, again!.body));
    const [log] = await server.store.db.query<{ event: string }>(
      "SELECT event FROM webhook_deliveries WHERE contract = 'buckaroo' AND url = $1 ORDER BY id DESC LIMIT 1",
      [url],
    );
    assert.equal(log?.event, 'Pay partial_payment_added');
  });

  test('an authorization started through Billink is pushed as no longer cancelable', async () => {
    const url = receiver.url('/push/billink-start');
    const authorize = (await client.transaction(orderRequest('Authorize', { extra: { PushURL: url } }))).json;
    const [first] = await receiver.waitFor(1, (entry) => entry.path === '/push/billink-start');
    assert.equal((first!.json as { Transaction: { IsCancelable: boolean } }).Transaction.IsCancelable, true);
    const [{ invoice_number: number } = { invoice_number: '' }] = await server.store.db.query<{ invoice_number: string }>(
      'SELECT invoice_number FROM buckaroo_transactions WHERE key = $1',
      [authorize.Key],
    );
    const started = await new Legacy(server.url).call('/api/start-workflow', 'activate order', {}, { INVOICES: [{ INVOICENUMBER: number }] });
    assert.match(started.text, /<MESSAGE>Success<\/MESSAGE>/);
    const [, again] = await receiver.waitFor(2, (entry) => entry.path === '/push/billink-start');
    assert.equal((again!.json as { Transaction: { Key: string; IsCancelable: boolean } }).Transaction.Key, authorize.Key);
    assert.equal((again!.json as { Transaction: { IsCancelable: boolean } }).Transaction.IsCancelable, false);
  });

  test('a CancelAuthorize re-pushes its authorization as 891 Cancelled by merchant, as Status reads it', async () => {
    const url = receiver.url('/push/cancel');
    const authorize = (await client.transaction(orderRequest('Authorize', { extra: { PushURL: url } }))).json;
    const cancel = (await client.transaction({ ...followUp('CancelAuthorize', authorize.Key, 100.3), PushURL: url })).json;
    assert.equal(cancel.Status.Code.Code, 190);
    const ofAuthorization = (entry: ReceivedWebhook) => entry.path === '/push/cancel' && (entry.json as { Transaction: { Key: string } }).Transaction.Key === authorize.Key;
    // Pushes may arrive in either order (docs/webhooks.md "Order of arrival"): tell them by status.
    const codeOf = (entry: ReceivedWebhook) => (entry.json as { Transaction: Record<string, any> }).Transaction.Status.Code.Code as number;
    const arrived = await receiver.waitFor(2, ofAuthorization);
    assert.deepEqual(arrived.map(codeOf).sort(), [190, 891]);
    const first = arrived.find((entry) => codeOf(entry) === 190);
    const again = arrived.find((entry) => codeOf(entry) === 891);
    assert.ok(first);
    const repushed = (again!.json as { Transaction: Record<string, any> }).Transaction;
    assert.deepEqual(repushed.Status.Code, { Code: 891, Description: 'Cancelled by merchant' });
    assert.equal(repushed.IsCancelable, false);
    assert.ok(verifies(again!, url, again!.body));
    const status = (await client.send('GET', `/json/Transaction/Status/${authorize.Key}`)).json;
    assert.deepEqual(status.Status.Code, repushed.Status.Code);
  });

  test('the Cancel call re-pushes the authorization as 891 too, and a cancel refused after a Capture leaves it 190', async () => {
    const url = receiver.url('/push/cancel-call');
    const authorize = (await client.transaction(orderRequest('Authorize', { extra: { PushURL: url } }))).json;
    const cancelled = (await client.send('GET', `/json/Transaction/Cancel/${authorize.Key}`)).json;
    assert.equal(cancelled.IsCanceled, true);
    const pushes = await receiver.waitFor(2, (entry) => entry.path === '/push/cancel-call');
    // Either order of arrival: the authorization's own push (190) and its re-push as cancelled (891).
    assert.deepEqual(pushes.map((entry) => (entry.json as { Transaction: Record<string, any> }).Transaction.Status.Code.Code).sort(), [190, 891]);

    const captured = (await client.transaction(orderRequest('Authorize'))).json;
    assert.equal((await client.transaction(followUp('Capture', captured.Key, 100.3))).json.Status.Code.Code, 190);
    const refused = (await client.transaction(followUp('CancelAuthorize', captured.Key, 100.3))).json;
    assert.equal(refused.Status.Code.Code, 491);
    assert.equal((await client.send('GET', `/json/Transaction/Status/${captured.Key}`)).json.Status.Code.Code, 190);
  });

  test('a push the receiver refuses is sent again with the same body and delivery id', async () => {
    // A receiver of its own, so that no push of an earlier test takes the planned failure.
    const failing = await new WebhookReceiver().start();
    const url = failing.url('/push/retry');
    failing.answer(500, 1);
    await client.transaction(orderRequest('Pay', { extra: { PushURL: url } }));
    const [first, second] = await failing.waitFor(2, (entry) => entry.path === '/push/retry');
    await failing.close();
    assert.equal(first!.answered, 500);
    assert.equal(second!.answered, 200);
    assert.equal(second!.body, first!.body);
    assert.equal(second!.headers['x-achteraf-delivery-id'], first!.headers['x-achteraf-delivery-id']);
    assert.ok(verifies(second!, url, second!.body), 'each attempt is signed afresh');
  });

  test('a validation failure pushes nothing, and a PushURL that is not an http(s) URL is a 491 that writes no order', async () => {
    const before = await rowCounts(server);
    const invalid = (await client.transaction(orderRequest('Pay', { amountDebit: 1, extra: { PushURL: receiver.url('/push/none') } }))).json;
    assert.equal(invalid.Status.Code.Code, 491);
    const badUrl = (await client.transaction(orderRequest('Pay', { extra: { PushURL: 'file:///etc/passwd' } }))).json;
    assert.equal(badUrl.Status.Code.Code, 491);
    assert.equal(badUrl.RequestErrors.ParameterErrors[0].Name, 'PushURL');
    const afterCounts = await rowCounts(server);
    assert.equal(afterCounts.invoices, before.invoices);
    assert.equal(afterCounts.webhook_deliveries, before.webhook_deliveries);
  });

  test('Buckaroo pushes stay out of the Billink webhook log', async () => {
    const [row] = await server.store.db.query<{ pushes: number }>("SELECT count(*)::int AS pushes FROM webhook_deliveries WHERE contract = 'buckaroo'");
    assert.ok(row!.pushes > 0);
    const { SqlWebhookLogRepository } = await import('../../src/store/webhook-log-repository.js');
    const page = await new SqlWebhookLogRepository(server.store.db).page('m_usertest', { offset: 0, limit: 100, state: undefined });
    assert.equal(page.total, 0);
  });
});
