/**
 * One golden file per Buckaroo wire shape that clients parse (house rule 8): the transaction
 * answer for success, validation failure, rejection and refund (§5.1), the status answer (§5.2),
 * refund info and cancel. Keys, invoice numbers and times become placeholders.
 */
import { after, before, describe, test } from 'node:test';
import { assertGolden } from '../support/golden.js';
import { BuckarooClient, followUp, freshPerson, orderRequest } from '../support/buckaroo-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const DATE_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/g;

describe('Buckaroo golden answers', () => {
  let server: TestServer;
  let client: BuckarooClient;
  before(async () => {
    server = await startTestServer();
    client = new BuckarooClient(server.url);
  });
  after(() => server.close());

  const golden = (name: string, text: string, volatile: Record<string, string>) =>
    assertGolden(`buckaroo/${name}`, `${text.replace(DATE_TIME, '{{DATETIME}}')}\n`, volatile);

  test('a Pay, a Refund and the Pay status answer exactly as the golden files', async () => {
    const request = orderRequest('Pay');
    const pay = await client.transaction(request);
    const volatile = { KEY: pay.json.Key, PAYMENT_KEY: pay.json.PaymentKey, INVOICE: request.Invoice, ORDER: request.Order };
    golden('pay-success.json', pay.text, volatile);
    const refund = await client.transaction(followUp('Refund', pay.json.Key, 10.5));
    golden('refund-success.json', refund.text, { ...volatile, REFUND_KEY: refund.json.Key, REFUND_PAYMENT_KEY: refund.json.PaymentKey, REFUND_INVOICE: refund.json.Invoice });
    const status = await client.send('GET', `/json/Transaction/Status/${pay.json.Key}`);
    golden('status.json', status.text, { ...volatile, REFUND_KEY: refund.json.Key });
    const info = await client.send('GET', `/json/Transaction/RefundInfo/${pay.json.Key}`);
    golden('refund-info.json', info.text, volatile);
  });

  test('an Authorize and its Cancel answer exactly as the golden files', async () => {
    const request = orderRequest('Authorize');
    const authorize = await client.transaction(request);
    golden('authorize-success.json', authorize.text, { KEY: authorize.json.Key, INVOICE: request.Invoice, ORDER: request.Order });
    const cancel = await client.send('GET', `/json/Transaction/Cancel/${authorize.json.Key}`);
    golden('cancel.json', cancel.text, { KEY: authorize.json.Key });
  });

  test('a validation failure and a rejection answer exactly as the golden files', async () => {
    const wrong = orderRequest('Pay', { amountDebit: 99 });
    const invalid = await client.transaction(wrong);
    golden('pay-validation-failure.json', invalid.text, { KEY: invalid.json.Key, INVOICE: wrong.Invoice, ORDER: wrong.Order });
    const declined = orderRequest('Pay', { person: freshPerson({ email: 'golden+decline@example.com' }) });
    const rejected = await client.transaction(declined);
    golden('pay-rejected.json', rejected.text, { KEY: rejected.json.Key, INVOICE: declined.Invoice, ORDER: declined.Order });
  });
});
