/**
 * Golden files for the Check and Order answers and the front-door errors (house rule 8): the
 * answer, UUIDs replaced by {{UUID}}, must equal the file byte for byte. A second test reads each
 * file the way the real clients read these answers (spec §2.1, §2.2).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { assertGolden, readGolden } from '../support/golden.js';
import { ITEMS, Legacy, apiXml, checkFields, orderFields, post } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('golden legacy answers for check and order', () => {
  let server: TestServer;
  let legacy: Legacy;
  before(async () => {
    server = await startTestServer();
    legacy = new Legacy(server.url);
  });
  after(() => server.close());

  test('an approved check', async () => {
    assertGolden('check-approved.xml', (await legacy.call('/api/check', 'Check', checkFields())).text);
  });

  test('a declined check', async () => {
    assertGolden('check-declined.xml', (await legacy.call('/api/check', 'Check', checkFields({ BACKDOOR: '2' }))).text);
  });

  test('a check refused by a validation whose text holds quotes', async () => {
    assertGolden('check-error-402.xml', (await legacy.call('/api/check', 'Check', checkFields({ PHONENUMBER: 'x' }))).text);
  });

  test('a placed order, its number turned into Billink\'s', async () => {
    const uuid = await legacy.check();
    assertGolden('order-created.xml', (await legacy.call('/api/order', 'Order', orderFields(uuid, 'O2014.05.28.2443'), { ORDERITEMS: ITEMS })).text);
  });

  test('a validated order', async () => {
    const uuid = await legacy.check();
    const fields = orderFields(uuid, 'O2014.05.28.2444', { VALIDATEORDER: 'Y' });
    assertGolden('order-validated.xml', (await legacy.call('/api/order', 'Order', fields, { ORDERITEMS: ITEMS })).text);
  });

  test('an order refused for a number already used, the number filled into the text', async () => {
    const uuid = await legacy.check();
    assertGolden('order-error-403.xml', (await legacy.call('/api/order', 'Order', orderFields(uuid, 'O2014.05.28.2443'), { ORDERITEMS: ITEMS })).text);
  });

  test('unreadable XML', async () => {
    assertGolden('error-601.xml', (await post(server.url, '/api/check', '<API><VERSION>')).text);
  });

  test('an unknown API version', async () => {
    assertGolden('error-001.xml', (await post(server.url, '/api/check', apiXml('Check').replace('BILLINK2.0', 'BILLINK1.0'))).text);
  });

  test('an unknown username', async () => {
    assertGolden('error-101.xml', (await post(server.url, '/api/order', apiXml('Order').replace('usertest', 'nobody'))).text);
  });
});

describe('the golden answers read the way real clients read them', () => {
  const read = (name: string) => (new XMLParser({ parseTagValue: false }).parse(readGolden(name)) as { API: Record<string, any> }).API;
  const ERRORS = ['check-error-402.xml', 'order-error-403.xml', 'error-601.xml', 'error-001.xml', 'error-101.xml'];

  test('every file starts with Billink\'s single-quoted declaration on a line of its own and ends without a newline', () => {
    for (const name of ['check-approved.xml', 'check-declined.xml', 'order-created.xml', 'order-validated.xml', ...ERRORS]) {
      assert.match(readGolden(name), /^<\?xml version='1\.0' encoding='UTF-8' \?>\n<API>.*<\/API>$/s, name);
    }
  });

  test('avido, keesschepers and Magento find the UUID at the root of an approved check, next to MSG', () => {
    const api = read('check-approved.xml');
    assert.equal(api.RESULT, 'MSG');
    assert.equal(api.MSG.CODE, '500');
    assert.equal(api.MSG.DESCRIPTION, 'Advies=1');
    assert.equal(api.UUID, '{{UUID}}');
    assert.equal(api.MSG.UUID, undefined);
  });

  test('PrestaShop sees a decline by its description alone, and there is no UUID to use', () => {
    const api = read('check-declined.xml');
    assert.notEqual(api.MSG.DESCRIPTION, 'Advies=1');
    assert.equal(api.MSG.CODE, '501');
    assert.equal(api.UUID, undefined);
  });

  test('every client checks an order by MSG/CODE 200 and reads MSG/INVOICE', () => {
    const api = read('order-created.xml');
    assert.equal(api.RESULT, 'MSG');
    assert.equal(api.MSG.CODE, '200');
    assert.equal(api.MSG.INVOICE, '1TSTO2014-05-28-2443');
    assert.equal(read('order-validated.xml').MSG.CODE, '200');
  });

  test('errors carry RESULT=ERROR, no MSG, and a numeric code avido can hand to an exception', () => {
    for (const name of ERRORS) {
      const api = read(name);
      assert.equal(api.RESULT, 'ERROR', name);
      assert.equal(api.MSG, undefined, name);
      assert.match(api.ERROR.CODE, /^\d{3}$/, name);
      assert.ok(api.ERROR.DESCRIPTION.length > 0, name);
    }
    assert.equal(read('check-error-402.xml').ERROR.DESCRIPTION, "Phone number should be between 9-18 characters, it can contain only digits, spaces, '+', '()' and '-' signs");
  });
});
