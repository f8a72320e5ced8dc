import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Legacy } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('an order through its whole life on the legacy API', () => {
  let server: TestServer;
  let legacy: Legacy;
  before(async () => {
    server = await startTestServer();
    legacy = new Legacy(server.url);
  });
  after(() => server.close());

  test('check, order, start workflow, pay in part, credit the rest, and read the status after each step', async () => {
    const { orderNumber, invoice } = await legacy.placeOrder();
    assert.equal(invoice, `1TST${orderNumber}`);

    let status = await legacy.call('/api/status', 'Status', {}, { INVOICES: [{ INVOICENUMBER: orderNumber }] });
    assert.equal(status.code, '200');
    assert.deepEqual(status.api.MSG.INVOICES.INVOICE[0], { INVOICENUMBER: orderNumber, STATUS: '0', DESCRIPTION: 'No steps given', PAIDOUT: '0' });

    const started = await legacy.call('/api/start-workflow', 'activate order', {}, { INVOICES: [{ INVOICENUMBER: orderNumber }] });
    assert.equal(started.code, '500');
    assert.deepEqual(started.api.MSG.STATUSES.ITEM[0], { INVOICENUMBER: orderNumber, MESSAGE: 'Success', CODE: '500' });

    const paid = await legacy.call('/api/payment', 'Payment', {}, { INVOICES: [{ INVOICENUMBER: orderNumber, AMOUNT: '100.00', DESCRIPTION: 'Bank transfer' }] });
    assert.equal(paid.api.MSG.INVOICES.ITEM[0].CODE, '200');

    const credited = await legacy.call('/api/credit', 'Credit', {}, { INVOICES: [{ INVOICENUMBER: orderNumber, CREDITAMOUNT: '4.85', DESCRIPTION: 'Return' }] });
    assert.deepEqual(credited.api.MSG.STATUSES.ITEM[0], { INVOICENUMBER: orderNumber, MESSAGE: 'Credit applied: 4.85 EURO.; Order paid.', CODE: '200' });

    status = await legacy.call('/v1/client/status', 'Status', {}, { INVOICES: [{ INVOICENUMBER: invoice }] });
    assert.equal(status.api.MSG.INVOICES.INVOICE[0].STATUS, '1');
  });
});
