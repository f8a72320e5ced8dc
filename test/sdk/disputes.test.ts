/**
 * The SDK's dispute methods against a real server (spec §2.16, docs/sdk.md "Disputes"): open with
 * an attachment given as bytes, the open dispute in order info, list, get, resolve; a refusal is
 * a BillinkApiError with the dispute table's code; an idempotency key replays the first answer
 * instead of opening twice. Also the two Achteraf calls the SDK gained beside them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BillinkApiError } from '@achteraf/billink';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { client, placeOrder } from './sdk-fixtures.js';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('the SDK on disputes', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { JOBS: 'off' } });
  });
  after(() => server.close());

  const startedOrder = async () => {
    const billink = client(server.url);
    const placed = await placeOrder(billink, 'v2');
    assert.equal((await billink.v2.startWorkflow({ invoices: [placed.invoiceNumber] })).code, '500');
    return placed;
  };

  test('a dispute is opened with its file, shows in order info, is listed and read, and is resolved', async () => {
    const billink = client(server.url);
    const { invoiceNumber, orderNumber } = await startedOrder();
    const opened = await billink.disputes.open({
      invoice: orderNumber, category: 3, customerEmail: 'klant@example.nl', customerName: 'Jan de Vries', locale: 'en',
      message: 'The sleeve is torn.', fileName: 'sleeve.png', file: PNG,
    });
    assert.equal(opened.status, 'open');
    assert.equal(opened.invoice, orderNumber);
    assert.equal(opened.categoryName, 'Product damaged or defective');
    assert.equal(opened.fileSize, PNG.length);

    const info = await billink.v2.orderInfo({ invoices: [orderNumber] });
    assert.deepEqual(info.invoices, [{
      invoiceNumber: orderNumber, status: 0, description: 'Wait for payment', paidOut: false,
      dispute: { id: opened.id, category: 3, categoryName: 'Product damaged or defective', createdAt: opened.createdAt, message: 'The sleeve is torn.' },
    }]);
    assert.deepEqual((await billink.disputes.list({ invoice: orderNumber, status: 'open' })).map((dispute) => dispute.id), [opened.id]);
    assert.deepEqual(await billink.disputes.list({ invoice: orderNumber, status: 'resolved' }), []);
    assert.deepEqual(await billink.disputes.get(opened.id), opened);

    const resolved = await billink.disputes.resolve({ id: opened.id, resolution: 'Replaced' });
    assert.equal(resolved.resolved, true);
    assert.equal(resolved.resolution, 'Replaced');
    assert.deepEqual(resolved.steps.map((step) => step.step), ['open', 'resolved']);
    assert.equal((await billink.v2.orderInfo({ invoices: [invoiceNumber] })).invoices[0]!.dispute, undefined);
  });

  test('a refusal is a BillinkApiError with the dispute code, and a file without its name is refused before sending', async () => {
    const billink = client(server.url);
    const { orderNumber } = await startedOrder();
    const input = { invoice: orderNumber, category: 1, customerEmail: 'klant@example.nl', customerName: 'Jan', message: 'Niet ontvangen' } as const;
    await billink.disputes.open(input);
    await assert.rejects(billink.disputes.open(input), (error: unknown) => {
      assert.ok(error instanceof BillinkApiError);
      assert.deepEqual([error.endpoint, error.code, error.httpStatus, error.description], ['openDispute', '701', 400, 'The invoice already has an open dispute']);
      return true;
    });
    await assert.rejects(billink.disputes.get('00000000-0000-4000-8000-000000000000'), (error: unknown) => error instanceof BillinkApiError && error.httpStatus === 400);
    await assert.rejects(billink.disputes.open({ ...input, file: PNG }), TypeError);
  });

  test('an open sent again with the same idempotency key answers the first dispute, not a refusal', async () => {
    const billink = client(server.url);
    const { orderNumber } = await startedOrder();
    const input = { invoice: orderNumber, category: 6, customerEmail: 'klant@example.nl', customerName: 'Jan', message: 'Al betaald' } as const;
    const first = await billink.disputes.open(input, { idempotencyKey: `dispute-${orderNumber}` });
    const again = await billink.disputes.open(input, { idempotencyKey: `dispute-${orderNumber}` });
    assert.deepEqual(again, first);
    assert.equal((await billink.disputes.list({ invoice: orderNumber })).length, 1);
  });

  test('return URL domains are set and lifted, and the Buckaroo pair is replaced', async () => {
    const billink = client(server.url);
    assert.deepEqual(await billink.sessions.setReturnDomains(['shop.example']), ['shop.example']);
    assert.deepEqual(await billink.sessions.setReturnDomains([]), []);
    const first = await billink.buckaroo.rotateCredentials();
    const second = await billink.buckaroo.rotateCredentials();
    assert.match(first.websiteKey, /^[A-Z0-9]{10}$/);
    assert.notEqual(second.secretKey, first.secretKey);
    assert.equal(await billink.buckaroo.setPushUrl('https://shop.example/push'), 'https://shop.example/push');
    assert.equal(await billink.buckaroo.pushUrl(), 'https://shop.example/push');
    assert.equal(await billink.buckaroo.setPushUrl(null), null);
    assert.deepEqual(await billink.billblend.setCallbackUrl({ endpointId: '1001', url: 'https://shop.example/callback' }), { endpointId: '1001', callbackUrl: 'https://shop.example/callback' });
    assert.deepEqual((await billink.billblend.callbackUrls()).find((endpoint) => endpoint.endpointId === '1001'), { endpointId: '1001', workflowNumber: 1, callbackUrl: 'https://shop.example/callback' });
    await assert.rejects(billink.billblend.setCallbackUrl({ endpointId: '1002', url: null }), (error: BillinkApiError) => error.httpStatus === 404);
    // The sandbox's BillBlend keys are published, so they stay (docs/billblend.md).
    await assert.rejects(billink.billblend.rotateControlKey({ endpointId: '1001' }), (error: BillinkApiError) =>
      error.endpoint === 'rotateBillBlendControlKey' && error.httpStatus === 400 && /keeps its published control key/.test(error.description));
  });
});
