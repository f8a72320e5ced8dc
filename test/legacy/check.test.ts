/** ACTION Check (spec §2.1, seeds 001 Check table, docs/legacy-api.md "Live credit rules"). */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CHECK_WIRE_ERRORS } from '../../src/api/billink-common/check-errors.js';
import { ManualClock } from '../../src/core/shared/clock.js';
import { freshCustomer } from '../support/fresh-customer.js';
import { type Fields, Legacy, checkFields, orderFields, orderNumber } from '../support/legacy-client.js';
import { rowCounts } from '../support/row-counts.js';
import { restrictWorkflow } from '../support/workflow-types.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** Ages below are counted on this day, in Amsterdam. */
const TODAY = new Date('2026-11-21T12:00:00Z');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const BUSINESS: Fields = { TYPE: 'B', COMPANYNAME: 'Bakkerij de Vries', CHAMBEROFCOMMERCE: '12345678', BIRTHDATE: undefined };

/** [code, what is wrong, the fields that make it wrong] */
const VALIDATIONS: [code: keyof typeof CHECK_WIRE_ERRORS, problem: string, fields: Fields][] = [
  ['104', 'WORKFLOWNUMBER is missing', { WORKFLOWNUMBER: undefined }],
  ['105', 'the merchant has no workflow 99', { WORKFLOWNUMBER: '99' }],
  ['105', 'WORKFLOWNUMBER is not a number', { WORKFLOWNUMBER: 'one' }],
  ['402', 'PHONENUMBER has letters', { PHONENUMBER: '06-CALL-ME' }],
  ['402', 'PHONENUMBER is shorter than 9 characters', { PHONENUMBER: '0612345' }],
  ['406', 'TYPE is missing', { TYPE: undefined }],
  ['407', 'TYPE is neither P nor B', { TYPE: 'X' }],
  ['408', 'a business customer has no COMPANYNAME', { ...BUSINESS, COMPANYNAME: undefined }],
  ['409', 'SEX is not M, V, F or O', { SEX: 'X' }],
  ['410', 'LASTNAME is missing', { LASTNAME: undefined }],
  ['410', 'LASTNAME is an empty element', { LASTNAME: '' }],
  ['411', 'a business customer has no CHAMBEROFCOMMERCE', { ...BUSINESS, CHAMBEROFCOMMERCE: undefined }],
  ['412', 'neither FIRSTNAME nor INITIALS is sent', { FIRSTNAME: undefined }],
  ['414', 'HOUSENUMBER is missing', { HOUSENUMBER: undefined }],
  ['415', 'POSTALCODE is missing', { POSTALCODE: undefined }],
  ['416', 'a Dutch POSTALCODE has five digits', { POSTALCODE: '12345' }],
  ['416', 'a Belgian POSTALCODE has letters', { COUNTRYCODE: 'BE', POSTALCODE: '1000AB' }],
  ['417', 'PHONENUMBER is missing', { PHONENUMBER: undefined }],
  ['418', 'BIRTHDATE is a day that does not exist', { BIRTHDATE: '31-02-1990' }],
  ['418', 'BIRTHDATE is no date at all', { BIRTHDATE: 'long ago' }],
  ['419', 'EMAIL is missing', { EMAIL: undefined }],
  ['420', 'EMAIL has no @', { EMAIL: 'john.example.com' }],
  ['421', 'a private customer has no BIRTHDATE', { BIRTHDATE: undefined }],
  ['422', 'the customer turns 18 tomorrow', { BIRTHDATE: '22-11-2008' }],
  ['424', 'HOUSENUMBER does not start with a number', { HOUSENUMBER: 'A12' }],
  ['425', 'the delivery house number is a word', { DELIVERYSTREET: 'Kalverstraat', DELIVERYHOUSENUMBER: 'twelve' }],
  ['425', 'the delivery house number in the WooCommerce spelling is a word', { DELIVERY_HOUSENUMBER: 'twelve' }],
  ['426', 'the delivery address is in Germany', { DELIVERYHOUSENUMBER: '5', DELIVERYPOSTALCODE: '10115', DELIVERYCOUNTRYCODE: 'DE' }],
  ['427', 'ORDERAMOUNT is missing', { ORDERAMOUNT: undefined }],
  ['428', 'ORDERAMOUNT is a word', { ORDERAMOUNT: 'ten' }],
  ['428', 'ORDERAMOUNT is zero', { ORDERAMOUNT: '0.00' }],
  ['428', 'ORDERAMOUNT is negative', { ORDERAMOUNT: '-5.00' }],
  ['428', 'ORDERAMOUNT has a decimal comma', { ORDERAMOUNT: '10,50' }],
  ['429', 'ORDERAMOUNT is a cent above workflow 1\'s maximum of 400.00', { ORDERAMOUNT: '400.01' }],
  ['430', 'COMPANYNAME is one character', { ...BUSINESS, COMPANYNAME: 'X' }],
  ['430', 'COMPANYNAME is 51 characters', { ...BUSINESS, COMPANYNAME: 'B'.repeat(51) }],
  ['431', 'HOUSEEXTENSION is 11 characters', { HOUSEEXTENSION: 'ABCDEFGHIJK' }],
  ['433', 'COUNTRYCODE is no ISO 3166 code', { COUNTRYCODE: 'XX' }],
  ['433', 'COUNTRYCODE has three letters', { COUNTRYCODE: 'NLD' }],
  ['435', 'PAYTRUSTSCORE is above 10', { PAYTRUSTSCORE: '11' }],
  ['435', 'PAYTRUSTSCORE is a word', { PAYTRUSTSCORE: 'high' }],
];

describe('a credit check on the legacy API', () => {
  let server: TestServer;
  let legacy: Legacy;
  before(async () => {
    server = await startTestServer({ overrides: { clock: new ManualClock(TODAY) } });
    legacy = new Legacy(server.url);
  });
  after(() => server.close());

  const check = (fields: Fields) => legacy.call('/api/check', 'Check', checkFields({ ...freshCustomer(), ...fields }));

  async function checkedAmount(uuid: string): Promise<number> {
    const [row] = await server.store.db.query<{ amount: number }>('SELECT amount FROM credit_checks WHERE uuid = $1', [uuid]);
    return row!.amount;
  }

  /** Places an order of `amount` (one line, 21% VAT) on workflow 3, which has no maximum. */
  async function order(customer: Fields, amount: string): Promise<string> {
    const fields = { ...customer, WORKFLOWNUMBER: '3' };
    const approved = await check({ ...fields, ORDERAMOUNT: amount });
    assert.equal(approved.code, '500', approved.text);
    const number = orderNumber();
    const items = [{ DESCRIPTION: 'Fiets', ORDERQUANTITY: '1', PRICEINCL: amount, BTW: '21' }];
    const placed = await legacy.call('/api/order', 'Order', orderFields(String(approved.api.UUID), number, fields), { ORDERITEMS: items });
    assert.equal(placed.code, '200', placed.text);
    return number;
  }

  for (const [code, problem, fields] of VALIDATIONS) {
    test(`answers ${code} when ${problem}, and writes nothing`, async () => {
      const before = await rowCounts(server);
      const answer = await check(fields);
      assert.equal(answer.result, 'ERROR');
      assert.equal(answer.code, code, answer.text);
      assert.equal(answer.api.ERROR.DESCRIPTION, CHECK_WIRE_ERRORS[code]);
      assert.deepEqual(await rowCounts(server), before);
    });
  }

  test('approves with 500 Advies=1 and puts the UUID beside MSG, directly under API', async () => {
    const answer = await check({});
    assert.equal(answer.result, 'MSG');
    assert.deepEqual(answer.api.MSG, { CODE: '500', DESCRIPTION: 'Advies=1' });
    assert.match(String(answer.api.UUID), UUID);
    assert.equal(await checkedAmount(String(answer.api.UUID)), 10_485);
  });

  test('accepts what real clients send around the rules: initials, 12a, 1012 BQ, lower-case sex, a Belgian address', async () => {
    for (const fields of [
      { FIRSTNAME: undefined, INITIALS: 'J.P.' },
      { HOUSENUMBER: '12a' },
      { HOUSENUMBER: '12', HOUSEEXTENSION: 'bis' },
      { POSTALCODE: '1012 BQ' },
      { SEX: 'v' },
      { COUNTRYCODE: 'BE', POSTALCODE: '1000', CITY: 'Brussel' },
      { ORDERAMOUNT: '400.00' },
      { BIRTHDATE: '21-11-2008' },
      { ...BUSINESS, WORKFLOWNUMBER: '2', ORDERAMOUNT: '2500.00' },
      { EMAIL2: 'not checked by the Check table' },
      { PAYTRUSTSCORE: '10', DEVICE: 'mobile', HIGHRISK: '0', CHECKUUID: 'ignored' },
    ]) {
      const answer = await check(fields);
      assert.equal(answer.code, '500', `${JSON.stringify(fields)}: ${answer.text}`);
    }
  });

  test('approves a check without CITY, STREET and SEX, as widely used clients send it, and still reads their format when sent', async () => {
    for (const fields of [
      { CITY: undefined, STREET: undefined, SEX: undefined },
      { CITY: undefined },
      { STREET: undefined },
      { CITY: '', STREET: '', SEX: '' },
    ]) {
      const answer = await check(fields);
      assert.equal(answer.code, '500', `${JSON.stringify(fields)}: ${answer.text}`);
    }
    assert.equal((await check({ CITY: undefined, STREET: undefined, SEX: 'X' })).code, '409');
  });

  test('approves a private customer on workflow 2, as Billink\'s sandbox did for usertest, and a business one too', async () => {
    // 1,000.00 is above workflow 1's maximum and within the private exposure limit of 1,500.00.
    assert.equal((await check({ WORKFLOWNUMBER: '2', ORDERAMOUNT: '1000.00' })).code, '500');
    assert.equal((await check({ ...BUSINESS, WORKFLOWNUMBER: '2', ORDERAMOUNT: '2500.00' })).code, '500');
  });

  test('a workflow the merchant restricted to one customer type answers 432 for the other, and 407 stays for a TYPE that is neither', async () => {
    await restrictWorkflow(server, 'usertest', 3, 'B');
    try {
      const before = await rowCounts(server);
      const refused = await check({ WORKFLOWNUMBER: '3' });
      assert.deepEqual(refused.api.ERROR, { CODE: '432', DESCRIPTION: 'Wrong check type provided' });
      assert.deepEqual(await rowCounts(server), before);
      assert.equal((await check({ ...BUSINESS, WORKFLOWNUMBER: '3' })).code, '500');
      assert.equal((await check({ WORKFLOWNUMBER: '3', TYPE: 'X' })).code, '407');
      assert.equal((await check({ WORKFLOWNUMBER: '1' })).code, '500');
    } finally {
      await restrictWorkflow(server, 'usertest', 3, 'P,B');
    }
  });

  test('reads the amount formats clients send: 1,234.56, 1 and 220.09', async () => {
    for (const [text, cents] of [['1,234.56', 123_456], ['1', 100], ['220.09', 22_009]] as const) {
      const answer = await check({ WORKFLOWNUMBER: '3', ORDERAMOUNT: text });
      assert.equal(answer.code, '500', answer.text);
      assert.equal(await checkedAmount(String(answer.api.UUID)), cents);
    }
  });

  describe('sandbox triggers', () => {
    test('BACKDOOR=1 approves a customer the live rules would decline', async () => {
      const german = { COUNTRYCODE: 'DE', POSTALCODE: '10115', CITY: 'Berlin' };
      assert.equal((await check(german)).code, '501');
      for (const backdoor of ['1', 'Y']) {
        const answer = await check({ ...german, BACKDOOR: backdoor });
        assert.equal(answer.code, '500');
        assert.match(String(answer.api.UUID), UUID);
      }
    });

    test('BACKDOOR=2 and an e-mail ending in +decline answer 501 Advies=0 without a UUID, and store no check', async () => {
      const before = await rowCounts(server);
      for (const fields of [{ BACKDOOR: '2' }, { BACKDOOR: 'N' }, { EMAIL: `jan+decline@example.com` }]) {
        const answer = await check(fields);
        assert.equal(answer.result, 'MSG');
        assert.deepEqual(answer.api.MSG, { CODE: '501', DESCRIPTION: 'Advies=0' });
        assert.equal(answer.api.UUID, undefined);
        assert.doesNotMatch(answer.text, /UUID/);
      }
      assert.deepEqual(await rowCounts(server), before);
    });

    test('BACKDOOR=0 runs the live rules', async () => {
      assert.equal((await check({ BACKDOOR: '0' })).code, '500');
      assert.equal((await check({ BACKDOOR: '0', COUNTRYCODE: 'DE', POSTALCODE: '10115' })).code, '501');
    });

    test('a backdoor does not make an invalid request valid', async () => {
      assert.equal((await check({ BACKDOOR: '1', LASTNAME: undefined })).code, '410');
      assert.equal((await check({ BACKDOOR: '1', ORDERAMOUNT: '400.01' })).code, '429');
    });
  });

  describe('live credit rules', () => {
    test('declines a customer outside the Netherlands and Belgium', async () => {
      const answer = await check({ COUNTRYCODE: 'FR', POSTALCODE: '75001', CITY: 'Paris' });
      assert.deepEqual(answer.api.MSG, { CODE: '501', DESCRIPTION: 'Advies=0' });
    });

    test('declines when open invoices plus this amount pass the exposure limit, for the same e-mail address', async () => {
      const customer = freshCustomer();
      await order(customer, '1000.00');
      // The private limit is 1,500.00: exactly reaching it is allowed, a cent more is not.
      assert.equal((await check({ ...customer, WORKFLOWNUMBER: '3', ORDERAMOUNT: '500.00' })).code, '500');
      assert.equal((await check({ ...customer, WORKFLOWNUMBER: '3', ORDERAMOUNT: '500.01' })).code, '501');
      assert.equal((await check({ ...customer, EMAIL: customer.EMAIL!.toUpperCase(), ORDERAMOUNT: '100.00', WORKFLOWNUMBER: '3', BIRTHDATE: '02-02-1980' })).code, '500');
      assert.equal((await check({ ...customer, EMAIL: customer.EMAIL!.toUpperCase(), ORDERAMOUNT: '500.01', WORKFLOWNUMBER: '3', BIRTHDATE: '02-02-1980' })).code, '501');
    });

    test('recognises the same customer under another e-mail by birth date, postal code and house number', async () => {
      const customer = freshCustomer();
      await order(customer, '1000.00');
      const sameIdentity = { ...customer, EMAIL: `other-${customer.EMAIL}`, POSTALCODE: '1234 ab', HOUSEEXTENSION: 'B' };
      assert.equal((await check({ ...sameIdentity, WORKFLOWNUMBER: '3', ORDERAMOUNT: '600.00' })).code, '501');
      const otherHouse = { ...sameIdentity, HOUSENUMBER: String(Number(customer.HOUSENUMBER) + 500_000) };
      assert.equal((await check({ ...otherHouse, WORKFLOWNUMBER: '3', ORDERAMOUNT: '600.00' })).code, '500');
    });

    test('counts only what is still open: a fully credited invoice no longer weighs', async () => {
      const customer = freshCustomer();
      const number = await order(customer, '1000.00');
      assert.equal((await check({ ...customer, WORKFLOWNUMBER: '3', ORDERAMOUNT: '600.00' })).code, '501');
      const credited = await legacy.call('/api/credit', 'Credit', {}, { INVOICES: [{ INVOICENUMBER: number, CREDITAMOUNT: '1000.00' }] });
      assert.equal(credited.api.MSG.STATUSES.ITEM[0].CODE, '200');
      assert.equal((await check({ ...customer, WORKFLOWNUMBER: '3', ORDERAMOUNT: '600.00' })).code, '500');
    });

    test('declines a customer with an invoice in the collection step, found by e-mail or by identity', async () => {
      const customer = freshCustomer();
      const number = await order(customer, '10.00');
      assert.equal((await check(customer)).code, '500');
      await server.store.db.query(`UPDATE invoices SET step = 'collection' WHERE merchant_number = $1`, [number]);
      assert.equal((await check(customer)).code, '501');
      assert.equal((await check({ ...customer, EMAIL: `new-${customer.EMAIL}` })).code, '501');
      assert.equal((await check({ ...customer, EMAIL: `new-${customer.EMAIL}`, BIRTHDATE: '03-03-1983' })).code, '500');
    });
  });
});
