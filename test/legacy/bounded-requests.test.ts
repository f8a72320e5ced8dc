/**
 * Parsing costs by the byte and by the element, so legacy bodies are bounded before the parser
 * runs: 256 KiB and 10,000 tags (docs/legacy-api.md "Bounded requests"). What is refused is
 * answered 601 in the contract's shape; the largest real request, a 500-line order, still passes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { freshCustomer } from '../support/fresh-customer.js';
import { Legacy, apiXml, orderFields, orderNumber, post, type Item } from '../support/legacy-client.js';
import { rowCounts } from '../support/row-counts.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const HEAD = '<?xml version="1.0" encoding="UTF-8"?><API><VERSION>BILLINK2.0</VERSION><CLIENTUSERNAME>usertest</CLIENTUSERNAME>' +
  '<CLIENTID>d38a3439590889df026367bf01d621e687b8d278</CLIENTID><ACTION>Status</ACTION>';

describe('bounded legacy request bodies', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('a body of 120,000 tiny elements is answered 601 and writes nothing', async () => {
    const before = await rowCounts(server);
    const answer = await post(server.url, '/api/status', `${HEAD}<INVOICES>${'<a/>'.repeat(120_000)}</INVOICES></API>`);
    assert.deepEqual(answer.api.ERROR, { CODE: '601', DESCRIPTION: 'Errors parsing xml file' });
    assert.deepEqual(await rowCounts(server), before);
  });

  test('60,000 tiny elements, under the byte limit, are answered 601 too; 10,000 tags are still read', async () => {
    const many = `${HEAD}<INVOICES>${'<a/>'.repeat(60_000)}</INVOICES></API>`;
    assert.ok(Buffer.byteLength(many) < 256 * 1024);
    assert.deepEqual((await post(server.url, '/api/status', many)).api.ERROR, { CODE: '601', DESCRIPTION: 'Errors parsing xml file' });
    // 10,000 tags in all: the head's, INVOICES' and the tiny elements'.
    const head = (HEAD.match(/</g) ?? []).length + 3;
    const enough = `${HEAD}<INVOICES>${'<a/>'.repeat(10_000 - head)}</INVOICES></API>`;
    assert.equal((enough.match(/</g) ?? []).length, 10_000);
    assert.deepEqual((await post(server.url, '/api/status', enough)).api.ERROR, { CODE: '110', DESCRIPTION: 'Limit is 100 invoices per request' });
  });

  test('a body over 256 KiB is answered 601 on every path, Credit with its own 601 text', async () => {
    const big = `${HEAD}<NOTE>${'x'.repeat(256 * 1024)}</NOTE></API>`;
    assert.deepEqual((await post(server.url, '/api/status', big)).api.ERROR, { CODE: '601', DESCRIPTION: 'Errors parsing xml file' });
    assert.deepEqual((await post(server.url, '/api/credit', big)).api.ERROR, { CODE: '601', DESCRIPTION: 'XML empty or not found' });
  });

  test('a 500-line order with long descriptions, the largest order taken, is placed', async () => {
    const legacy = new Legacy(server.url);
    const customer = freshCustomer({ WORKFLOWNUMBER: '3' });
    const items = Array.from({ length: 500 }, (_, index): Item => ({
      CODE: `SKU-${index}`,
      DESCRIPTION: `Artikel ${index}: ${'wollen trui, maat XL, donkerblauw, merinowol; '.repeat(4)}`,
      ORDERQUANTITY: '1',
      PRICEINCL: '0.10',
      BTW: '21',
    }));
    const uuid = await legacy.check({ ...customer, ORDERAMOUNT: '50.00' });
    const body = apiXml('Order', orderFields(uuid, orderNumber(), customer), { ORDERITEMS: items });
    assert.ok(Buffer.byteLength(body) > 128 * 1024, `${Buffer.byteLength(body)} bytes`);
    const answer = await post(server.url, '/api/order', body);
    assert.equal(answer.code, '200', answer.text);
  });
});
