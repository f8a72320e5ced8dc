import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { rowCounts } from '../support/row-counts.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { type Answer, ENDPOINTS, performSale, post, saleRequest, signSale } from './dapi-client.js';

/** The fail response of spec §4, with the path's invoiceId beside the error. */
function assertFail(answer: Answer, httpStatus: number, error: { cause: string; code: string; message?: string | RegExp }, invoiceId: string): void {
  assert.equal(answer.status, httpStatus, answer.text);
  assert.deepEqual(Object.keys(answer.body), ['error', 'invoiceId']);
  assert.equal(answer.body.invoiceId, invoiceId);
  assert.deepEqual(Object.keys(answer.body.error), ['cause', 'code', 'message']);
  assert.equal(answer.body.error.cause, error.cause);
  assert.equal(answer.body.error.code, error.code);
  if (typeof error.message === 'string') assert.equal(answer.body.error.message, error.message);
  else if (error.message) assert.match(answer.body.error.message, error.message);
}

describe('starting a BillBlend DAPI sale', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('a signed pay-later sale answers its invoiceId and a UUID session token', async () => {
    const sale = saleRequest();
    const answer = await performSale(server.url, sale);
    assert.equal(answer.status, 200, answer.text);
    assert.deepEqual(Object.keys(answer.body), ['invoiceId', 'session']);
    assert.equal(answer.body.invoiceId, sale.invoiceId);
    assert.match(answer.body.session.token, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test('each sandbox endpoint takes sales signed with its own control key and books them for its merchant', async () => {
    const sale = saleRequest({ endpoint: ENDPOINTS.apitest });
    assert.equal((await performSale(server.url, sale)).status, 200);
    const [row] = await server.store.db.query<{ merchant_id: string; invoice_number: string }>(
      `SELECT s.merchant_id, s.invoice_number FROM psp_sales p JOIN checkout_sessions s ON s.id = p.session_id WHERE p.reference = $1`,
      [sale.invoiceId],
    );
    assert.deepEqual(row, { merchant_id: 'm_apitest', invoice_number: `1API${sale.invoiceId}` });

    const crossed = saleRequest({ endpoint: { endpointId: ENDPOINTS.usertest.endpointId, controlKey: ENDPOINTS.apitest.controlKey } });
    assertFail(await performSale(server.url, crossed), 400, { cause: 'INVALID_REQUEST', code: '102' }, crossed.invoiceId);
  });

  test('a signature in lower-case hex is accepted as well', async () => {
    const sale = saleRequest();
    sale.body.session.signature = sale.body.session.signature.toLowerCase();
    assert.equal((await performSale(server.url, sale)).status, 200);
  });

  test('an unknown endpoint is INVALID_CONFIGURATION and writes nothing', async () => {
    const sale = saleRequest({ endpoint: { endpointId: '9999', controlKey: ENDPOINTS.usertest.controlKey } });
    const before = await rowCounts(server);
    assertFail(await performSale(server.url, sale), 400, { cause: 'INVALID_CONFIGURATION', code: '200', message: 'Unknown endpointId' }, sale.invoiceId);
    assert.deepEqual(await rowCounts(server), before);
  });

  test('a wrong signature is INVALID_REQUEST and writes nothing', async () => {
    const sale = saleRequest();
    sale.body.transaction.amountCentis = 10486;
    sale.body.transaction.items[1].amountCentis = 496;
    const before = await rowCounts(server);
    assertFail(await performSale(server.url, sale), 400, { cause: 'INVALID_REQUEST', code: '102', message: 'session.signature does not match the request' }, sale.invoiceId);
    assert.deepEqual(await rowCounts(server), before);
  });

  test('a missing or too short token names the field', async () => {
    const noNonce = saleRequest({ change: (body) => delete body.session.nonce });
    assertFail(await performSale(server.url, noNonce), 400, { cause: 'INVALID_REQUEST', code: '101', message: 'session.nonce is missing or invalid' }, noNonce.invoiceId);
    const short = saleRequest({ change: (body) => (body.session.accessToken = 'too-short') });
    assertFail(await performSale(server.url, short), 400, { cause: 'INVALID_REQUEST', code: '101', message: 'session.accessToken is missing or invalid' }, short.invoiceId);
  });

  test('card data is refused: the endpoint takes pay-later sales only', async () => {
    const sale = saleRequest({ change: (body) => (body.sourceOfFunds = { card: { number: '4111111111111111', expiry: '12/30' } }) });
    assertFail(await performSale(server.url, sale), 400, { cause: 'INVALID_REQUEST', code: '104' }, sale.invoiceId);
  });

  test('an amount that is not the sum of the items is refused with both amounts and writes nothing', async () => {
    const sale = saleRequest({ change: (body) => (body.transaction.amountCentis = 10000) });
    const before = await rowCounts(server);
    assertFail(await performSale(server.url, sale), 400, {
      cause: 'INVALID_REQUEST', code: '124', message: 'transaction.amountCentis 100.00 does not equal the sum of transaction.items, 104.85',
    }, sale.invoiceId);
    assert.deepEqual(await rowCounts(server), before);
  });

  test('an order rule the consumer breaks names the DAPI field', async () => {
    const sale = saleRequest({ change: (body) => delete body.consumer.address.city });
    assertFail(await performSale(server.url, sale), 400, { cause: 'INVALID_REQUEST', code: '156', message: 'consumer.address.city is missing' }, sale.invoiceId);
  });

  test('an invoiceId that breaks the order number rules is refused', async () => {
    const sale = saleRequest();
    const invoiceId = 'not~allowed';
    sale.body.session.signature = signSale(ENDPOINTS.usertest.controlKey, {
      ...sale.body.session, serialNumber: sale.body.consumer.device.serialNumber, endpointId: '1001', invoiceId, amountCentis: 10485, currency: 'EUR',
    });
    assertFail(await performSale(server.url, { ...sale, invoiceId }), 400, { cause: 'INVALID_REQUEST', code: '112' }, invoiceId);
  });

  test('the same start sent again gets the same token; another start on that invoiceId is refused', async () => {
    const sale = saleRequest();
    const first = await performSale(server.url, sale);
    const again = await performSale(server.url, sale);
    assert.equal(again.status, 200);
    assert.equal(again.body.session.token, first.body.session.token);

    const other = saleRequest();
    const reused = { ...other, invoiceId: sale.invoiceId };
    reused.body.session.signature = signSale(ENDPOINTS.usertest.controlKey, {
      ...other.body.session, serialNumber: other.body.consumer.device.serialNumber, endpointId: '1001', invoiceId: sale.invoiceId, amountCentis: 10485, currency: 'EUR',
    });
    const before = await rowCounts(server);
    assertFail(await performSale(server.url, reused), 400, {
      cause: 'INVALID_REQUEST', code: '105', message: `invoiceId ${sale.invoiceId} is already used by another sale`,
    }, sale.invoiceId);
    assert.deepEqual(await rowCounts(server), before);
  });

  test('starts racing for one invoiceId book one sale and one session; the others are refused', async () => {
    const first = saleRequest();
    const racers = [first, ...Array.from({ length: 4 }, () => saleRequest())].map((other) => {
      const body = structuredClone(other.body);
      body.session.signature = signSale(ENDPOINTS.usertest.controlKey, {
        ...body.session, serialNumber: body.consumer.device.serialNumber, endpointId: '1001', invoiceId: first.invoiceId, amountCentis: 10485, currency: 'EUR',
      });
      return { endpointId: '1001', invoiceId: first.invoiceId, body };
    });
    const answers = await Promise.all(racers.map((racer) => performSale(server.url, racer)));
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 400, 400, 400, 400]);
    for (const answer of answers.filter((a) => a.status === 400)) assert.equal(answer.body.error.code, '105');
    const [row] = await server.store.db.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM checkout_sessions WHERE order_number = $1', [first.invoiceId],
    );
    assert.equal(row!.count, 1);
  });

  test('a body that is not JSON gets the fail response, not a framework error', async () => {
    const answer = await post(server.url, '/checkout/dapi/v1/sale/1001/abc', '{"session":');
    assertFail(answer, 400, { cause: 'INVALID_REQUEST', code: '100' }, 'abc');
    const array = await post(server.url, '/checkout/dapi/v1/sale/1001/abc', '[]');
    assertFail(array, 400, { cause: 'INVALID_REQUEST', code: '100' }, 'abc');
  });
});
