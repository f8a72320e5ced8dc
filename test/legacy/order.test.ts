/** ACTION Order (spec §2.2, seeds 001 Order table): validations, numbers and the credit re-check. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ORDER_WIRE_ERRORS } from '../../src/api/billink-common/order-errors.js';
import { ManualClock } from '../../src/core/shared/clock.js';
import { freshCustomer } from '../support/fresh-customer.js';
import { APITEST, type Fields, ITEMS, type Item, Legacy, orderFields, orderNumber } from '../support/legacy-client.js';
import { rowCounts } from '../support/row-counts.js';
import { restrictWorkflow } from '../support/workflow-types.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const TODAY = new Date('2026-11-21T12:00:00Z');
const BUSINESS: Fields = { TYPE: 'B', COMPANYNAME: 'Bakkerij de Vries', CHAMBEROFCOMMERCE: '12345678' };
const line = (fields: Item): Item => ({ DESCRIPTION: 'Trui', ORDERQUANTITY: '1', PRICEINCL: '10.00', BTW: '21', ...fields });

/** [code, what is wrong, order fields, order lines (default: the fixture's two lines)] */
const VALIDATIONS: [code: keyof typeof ORDER_WIRE_ERRORS, problem: string, fields: Fields, items?: Item[]][] = [
  ['401', 'WORKFLOWNUMBER is missing', { WORKFLOWNUMBER: undefined }],
  ['402', 'the merchant has no workflow 99', { WORKFLOWNUMBER: '99' }],
  ['404', 'ORDERNUMBER is missing', { ORDERNUMBER: undefined }],
  ['434', 'ORDERNUMBER has a space', { ORDERNUMBER: 'ORD 1' }],
  ['434', 'ORDERNUMBER has a hash', { ORDERNUMBER: 'ORD#1' }],
  ['439', 'ORDERNUMBER is 51 characters', { ORDERNUMBER: 'O'.repeat(51) }],
  ['405', 'DATE is missing', { DATE: undefined }],
  ['405', 'DATE is a day that does not exist', { DATE: '31-02-2026' }],
  ['406', 'TYPE is missing', { TYPE: undefined }],
  ['407', 'TYPE is neither P nor B', { TYPE: 'Q' }],
  ['408', 'a business customer has no COMPANYNAME', { ...BUSINESS, COMPANYNAME: undefined }],
  ['448', 'COMPANYNAME is one character', { ...BUSINESS, COMPANYNAME: 'X' }],
  ['411', 'SEX is missing', { SEX: undefined }],
  ['412', 'SEX is not M, V, F or O', { SEX: 'X' }],
  ['409', 'neither FIRSTNAME nor INITIALS is sent', { FIRSTNAME: undefined }],
  ['410', 'LASTNAME is missing', { LASTNAME: undefined }],
  ['427', 'a business customer has no CHAMBEROFCOMMERCE', { ...BUSINESS, CHAMBEROFCOMMERCE: undefined }],
  ['429', 'CHAMBEROFCOMMERCE is four characters', { ...BUSINESS, CHAMBEROFCOMMERCE: '1234' }],
  ['413', 'STREET is missing', { STREET: undefined }],
  ['414', 'HOUSENUMBER is missing', { HOUSENUMBER: undefined }],
  ['450', 'HOUSEEXTENSION is 11 characters', { HOUSEEXTENSION: 'ABCDEFGHIJK' }],
  ['415', 'POSTALCODE is missing', { POSTALCODE: undefined }],
  ['416', 'CITY is missing', { CITY: undefined }],
  ['419', 'CITY has digits', { CITY: 'Amsterdam 1012' }],
  ['419', 'CITY has no letter at all', { CITY: "'-'" }],
  ['420', 'COUNTRYCODE is no ISO 3166 code', { COUNTRYCODE: 'XX' }],
  ['417', 'PHONENUMBER is missing', { PHONENUMBER: undefined }],
  ['449', 'PHONENUMBER has letters', { PHONENUMBER: 'call me now' }],
  ['418', 'EMAIL is missing', { EMAIL: undefined }],
  ['432', 'EMAIL has no @', { EMAIL: 'john.example.com' }],
  ['433', 'EMAIL2 has no @', { EMAIL2: 'john.example.com' }],
  ['421', 'a private customer has no BIRTHDATE', { BIRTHDATE: undefined }],
  ['421', 'BIRTHDATE is a day that does not exist', { BIRTHDATE: '30-02-1990' }],
  ['453', 'the customer turns 16 tomorrow', { BIRTHDATE: '22-11-2010' }],
  ['422', 'IP is no address', { IP: '999.1.1.1' }],
  ['431', 'VATNUMBER is 31 characters', { VATNUMBER: 'NL' + '1'.repeat(29) }],
  ['431', 'VATNUMBER holds a slash', { VATNUMBER: 'NL123/456' }],
  ['431', 'VATNUMBER holds a comma', { VATNUMBER: 'NL123,456' }],
  ['601', 'CURRENCY is one we cannot book', { CURRENCY: 'JPY' }],
  ['438', 'ADITIONALTEXT is longer than 255 characters', { ADITIONALTEXT: 'x'.repeat(256) }],
  ['425', 'BANKACCOUNTHOLDER comes without BANKACCOUNTNUMBER', { BANKACCOUNTHOLDER: 'J. Doe' }],
  ['426', 'BANKACCOUNTNUMBER comes without BANKACCOUNTHOLDER', { BANKACCOUNTNUMBER: 'NL91ABNA0417164300' }],
  ['443', 'BANKACCOUNTNUMBER has wrong check digits', { BANKACCOUNTNUMBER: 'NL92ABNA0417164300', BANKACCOUNTHOLDER: 'J. Doe' }],
  ['441', 'MANDATEID has letters', { MANDATEID: 'M-1' }],
  ['442', 'MANDATETYPE is not FIRST, RECURRING or ONETIME', { MANDATETYPE: 'SOMETIMES' }],
  ['423', 'ORDERITEMS is missing', {}, []],
  ['423', 'a line has no DESCRIPTION', {}, [line({ DESCRIPTION: '' })]],
  ['428', 'an item CODE is 51 characters', {}, [line({ CODE: 'C'.repeat(51) })]],
  ['430', 'a line has a VAT rate that does not exist', {}, [line({ BTW: '12' })]],
  ['430', 'a line has no BTW', {}, [{ DESCRIPTION: 'Trui', PRICEINCL: '10.00' }]],
  ['435', 'a line has no price', {}, [{ DESCRIPTION: 'Trui', ORDERQUANTITY: '1', BTW: '21' }]],
  ['435', 'a line has a quantity of zero', {}, [line({ ORDERQUANTITY: '0' })]],
  ['435', 'a line has a fractional quantity', {}, [line({ ORDERQUANTITY: '1.5' })]],
  ['435', 'the discount makes the total zero', {}, [line({}), line({ DESCRIPTION: 'Korting', PRICEINCL: '-10.00' })]],
  ['452', 'the total is a cent above workflow 1\'s maximum of 400.00', {}, [line({ PRICEINCL: '400.01' })]],
];

describe('an order on the legacy API', () => {
  let server: TestServer;
  let legacy: Legacy;
  before(async () => {
    server = await startTestServer({ overrides: { clock: new ManualClock(TODAY) } });
    legacy = new Legacy(server.url);
  });
  after(() => server.close());

  /** A positive check for the customer, then the order; returns the order answer. */
  async function checkAndOrder(customer: Fields, fields: Fields = {}, items: Item[] = ITEMS, client = legacy) {
    const uuid = await client.check({ ...customer, ORDERAMOUNT: '400.00', WORKFLOWNUMBER: '1' });
    const number = fields.ORDERNUMBER ?? orderNumber();
    const lists: Record<string, Item[]> = items.length > 0 ? { ORDERITEMS: items } : {};
    return client.call('/api/order', 'Order', orderFields(uuid, number, { ...customer, ...fields }), lists);
  }

  for (const [code, problem, fields, items] of VALIDATIONS) {
    test(`answers ${code} when ${problem}, and stores nothing`, async () => {
      const customer = freshCustomer();
      const uuid = await legacy.check({ ...customer, ORDERAMOUNT: '400.00' });
      const before = await rowCounts(server);
      const lists: Record<string, Item[]> = items === undefined ? { ORDERITEMS: ITEMS } : items.length > 0 ? { ORDERITEMS: items } : {};
      const answer = await legacy.call('/api/order', 'Order', orderFields(uuid, orderNumber(), { ...customer, ...fields }), lists);
      assert.equal(answer.result, 'ERROR');
      assert.equal(answer.code, code, answer.text);
      assert.doesNotMatch(answer.api.ERROR.DESCRIPTION, /%[a-z_]+%/);
      assert.deepEqual(await rowCounts(server), before);
    });
  }

  test('fills the placeholders of 402 and 430 with what was sent and what is allowed', async () => {
    const workflow = await checkAndOrder(freshCustomer(), { WORKFLOWNUMBER: '99' });
    assert.equal(workflow.api.ERROR.DESCRIPTION, 'Workflow with number 99 does not exist');
    const vat = await checkAndOrder(freshCustomer(), {}, [line({ BTW: '12' })]);
    assert.equal(vat.api.ERROR.DESCRIPTION, 'Wrong BTW value, should be 0, 5, 6, 7, 9, 16, 19, 20 or 21.');
  });

  test('takes any VATNUMBER of up to 30 letters, digits, spaces, dots and hyphens, and stores it as sent', async () => {
    for (const vat of ['btw.1231.3231123.123', 'NL 1234.56.789.B01', 'BE-0123-456-789', '12', 'x'.repeat(30)]) {
      const number = orderNumber();
      const answer = await checkAndOrder(freshCustomer(), { ORDERNUMBER: number, VATNUMBER: vat });
      assert.equal(answer.code, '200', `${vat}: ${answer.text}`);
      const [row] = await server.store.db.query<{ customer: { vatNumber?: string } }>('SELECT customer FROM invoices WHERE merchant_number = $1', [number]);
      assert.equal(row!.customer.vatNumber, vat);
    }
  });

  test("takes city names that start with an apostrophe, such as 's-Hertogenbosch", async () => {
    for (const city of ["'s-Hertogenbosch", "'s-Gravenhage", 'Sint-Michielsgestel', 'Bergen (NH)']) {
      assert.equal((await checkAndOrder(freshCustomer(), { CITY: city })).code, '200', city);
    }
  });

  test('a private customer may order on workflow 2 of the sandbox', async () => {
    const customer = { ...freshCustomer(), WORKFLOWNUMBER: '2' };
    const uuid = await legacy.check({ ...customer, ORDERAMOUNT: '500.00' });
    const answer = await legacy.call('/api/order', 'Order', orderFields(uuid, orderNumber(), customer), { ORDERITEMS: [line({ PRICEINCL: '500.00' })] });
    assert.equal(answer.code, '200', answer.text);
  });

  test('a workflow the merchant restricted to businesses answers 402 for a private customer, writing nothing; 407 stays for a TYPE that is neither', async () => {
    const customer = { ...freshCustomer(), WORKFLOWNUMBER: '3' };
    const uuid = await legacy.check(customer);
    await restrictWorkflow(server, 'usertest', 3, 'B');
    try {
      const before = await rowCounts(server);
      const refused = await legacy.call('/api/order', 'Order', orderFields(uuid, orderNumber(), customer), { ORDERITEMS: ITEMS });
      assert.deepEqual(refused.api.ERROR, { CODE: '402', DESCRIPTION: 'Workflow with number 3 does not exist' });
      const wrongType = await legacy.call('/api/order', 'Order', orderFields(uuid, orderNumber(), { ...customer, TYPE: 'Q' }), { ORDERITEMS: ITEMS });
      assert.equal(wrongType.code, '407');
      assert.deepEqual(await rowCounts(server), before);
    } finally {
      await restrictWorkflow(server, 'usertest', 3, 'P,B');
    }
    const placed = await legacy.call('/api/order', 'Order', orderFields(uuid, orderNumber(), customer), { ORDERITEMS: ITEMS });
    assert.equal(placed.code, '200', placed.text);
  });

  test('answers 200 Order successfully added with the Billink invoice number', async () => {
    const answer = await checkAndOrder(freshCustomer(), { ORDERNUMBER: 'O2014.05.28.2443' });
    assert.equal(answer.result, 'MSG');
    assert.match(answer.text, /<MSG><CODE>200<\/CODE><DESCRIPTION>Order successfully added<\/DESCRIPTION><INVOICE>1TSTO2014-05-28-2443<\/INVOICE><\/MSG><\/API>$/);
  });

  test('numbers the invoice 1 + merchant code + order number with dots as dashes, per merchant', async () => {
    const apitest = new Legacy(server.url, APITEST);
    const answer = await checkAndOrder(freshCustomer(), { ORDERNUMBER: 'O2014.05.28.2443' }, ITEMS, apitest);
    assert.equal(String(answer.api.MSG.INVOICE), '1APIO2014-05-28-2443');
    const plain = await checkAndOrder(freshCustomer(), { ORDERNUMBER: 'Web_shop-42' });
    assert.equal(String(plain.api.MSG.INVOICE), '1TSTWeb_shop-42');
    const [row] = await server.store.db.query<{ merchant_number: string; total: number; vat: number }>(
      'SELECT merchant_number, total, vat FROM invoices WHERE invoice_number = $1',
      ['1TSTWeb_shop-42'],
    );
    assert.deepEqual(row, { merchant_number: 'Web_shop-42', total: 10_485, vat: 1_820 });
  });

  test('answers 403 for an order number the merchant already used, or one giving the same Billink number', async () => {
    const number = orderNumber('DUP');
    assert.equal((await checkAndOrder(freshCustomer(), { ORDERNUMBER: number })).code, '200');
    const before = await rowCounts(server);
    const again = await checkAndOrder(freshCustomer(), { ORDERNUMBER: number });
    assert.equal(again.code, '403');
    assert.equal(again.api.ERROR.DESCRIPTION, `Order with number ${number} already exists`);
    assert.equal((await checkAndOrder(freshCustomer(), { ORDERNUMBER: 'A.B.1' })).code, '200');
    assert.equal((await checkAndOrder(freshCustomer(), { ORDERNUMBER: 'A-B-1' })).code, '403');
    // The three checks above are new rows; the refused orders added nothing else.
    const after = await rowCounts(server);
    assert.equal(after.invoices, before.invoices! + 1);
    assert.equal(after.credit_checks, before.credit_checks! + 3);
  });

  test('answers 403 when the order number is another invoice\'s Billink number, or its Billink number another\'s order number', async () => {
    // Later calls accept either number, so each must name one invoice.
    assert.equal((await checkAndOrder(freshCustomer(), { ORDERNUMBER: 'nr-7' })).code, '200');
    assert.equal((await checkAndOrder(freshCustomer(), { ORDERNUMBER: '1TSTnr-7' })).code, '403');
    assert.equal((await checkAndOrder(freshCustomer(), { ORDERNUMBER: '1TSTnr-8' })).code, '200');
    assert.equal((await checkAndOrder(freshCustomer(), { ORDERNUMBER: 'nr-8' })).code, '403');
    assert.equal((await checkAndOrder(freshCustomer(), { ORDERNUMBER: 'nr-8', VALIDATEORDER: 'Y' })).code, '403');
    assert.equal((await checkAndOrder(freshCustomer(), { ORDERNUMBER: '1TSTnr-7', VALIDATEORDER: 'Y' })).code, '403');
  });

  test('another merchant may use the same order number', async () => {
    const number = orderNumber('SHARED');
    assert.equal((await checkAndOrder(freshCustomer(), { ORDERNUMBER: number })).code, '200');
    const other = await checkAndOrder(freshCustomer(), { ORDERNUMBER: number }, ITEMS, new Legacy(server.url, APITEST));
    assert.equal(String(other.api.MSG.INVOICE), `1API${number}`);
  });

  test('answers 701 when an earlier order of the same customer used up the exposure the check saw', async () => {
    const customer = { ...freshCustomer(), WORKFLOWNUMBER: '3' };
    const first = await legacy.check({ ...customer, ORDERAMOUNT: '1000.00' });
    const second = await legacy.check({ ...customer, ORDERAMOUNT: '1000.00' });
    const items = [line({ PRICEINCL: '1000.00' })];
    assert.equal((await legacy.call('/api/order', 'Order', orderFields(first, orderNumber(), customer), { ORDERITEMS: items })).code, '200');
    const before = await rowCounts(server);
    const refused = await legacy.call('/api/order', 'Order', orderFields(second, orderNumber(), customer), { ORDERITEMS: items });
    assert.equal(refused.code, '701');
    assert.equal(refused.api.ERROR.DESCRIPTION, 'Credit check not');
    assert.deepEqual(await rowCounts(server), before);
  });

  test('a sandbox BACKDOOR approval is not weighed again when the order comes in', async () => {
    const customer = { ...freshCustomer(), WORKFLOWNUMBER: '3' };
    const items = [line({ PRICEINCL: '1000.00' })];
    const first = await legacy.check({ ...customer, ORDERAMOUNT: '1000.00' });
    const forced = await legacy.check({ ...customer, ORDERAMOUNT: '1000.00', BACKDOOR: '1' });
    assert.equal((await legacy.call('/api/order', 'Order', orderFields(first, orderNumber(), customer), { ORDERITEMS: items })).code, '200');
    assert.equal((await legacy.call('/api/order', 'Order', orderFields(forced, orderNumber(), customer), { ORDERITEMS: items })).code, '200');
  });
});
