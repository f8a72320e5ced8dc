/**
 * The check UUID an order must carry (spec §2.2 CHECKUUID, §1.4 VALIDATEORDER; docs/legacy-api.md
 * "Decisions"): one order per positive check, for the same merchant and workflow, within its
 * lifetime, for at most the checked amount.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { MINUTE, ManualClock } from '../../src/core/shared/clock.js';
import { freshCustomer } from '../support/fresh-customer.js';
import { APITEST, type Fields, ITEMS, Legacy, orderFields, orderNumber } from '../support/legacy-client.js';
import { rowCounts } from '../support/row-counts.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describe('the check UUID on an order', () => {
  let server: TestServer;
  let legacy: Legacy;
  before(async () => {
    server = await startTestServer();
    legacy = new Legacy(server.url);
  });
  after(() => server.close());

  /** ITEMS total 104.85 on workflow 1 unless the fields say otherwise. */
  const order = (uuid: string | undefined, customer: Fields, fields: Fields = {}) =>
    legacy.call('/api/order', 'Order', orderFields(uuid ?? '', fields.ORDERNUMBER ?? orderNumber(), { ...customer, CHECKUUID: uuid, ...fields }), { ORDERITEMS: ITEMS });

  async function refusedWithoutWriting(code: string, send: () => ReturnType<typeof order>): Promise<void> {
    const before = await rowCounts(server);
    const answer = await send();
    assert.equal(answer.code, code, answer.text);
    assert.deepEqual(await rowCounts(server), before);
  }

  test('answers 447 when CHECKUUID is missing or empty', async () => {
    const customer = freshCustomer();
    await refusedWithoutWriting('447', () => order(undefined, customer));
    await refusedWithoutWriting('447', () => order('', customer));
  });

  test('answers 440 for a UUID no check handed out', async () => {
    await refusedWithoutWriting('440', () => order(randomUUID(), freshCustomer()));
    await refusedWithoutWriting('440', () => order('not-a-uuid', freshCustomer()));
  });

  test('answers 440 for a UUID another merchant\'s check handed out', async () => {
    const customer = freshCustomer();
    const foreign = await new Legacy(server.url, APITEST).check({ ...customer, ORDERAMOUNT: '400.00' });
    await refusedWithoutWriting('440', () => order(foreign, customer));
  });

  test('answers 440 for a UUID checked for another customer, backdoor approvals included', async () => {
    const checked = freshCustomer();
    const uuid = await legacy.check(checked);
    await refusedWithoutWriting('440', () => order(uuid, freshCustomer()));
    const backdoor = await legacy.check({ ...checked, BACKDOOR: '1' });
    await refusedWithoutWriting('440', () => order(backdoor, freshCustomer()));
    // The same person with another e-mail address is still recognised by birth date and address.
    assert.equal((await order(uuid, { ...checked, EMAIL: 'other-address@example.com' })).code, '200');
  });

  test('accepts the UUID in upper case, as some clients normalise it', async () => {
    const customer = freshCustomer();
    const uuid = await legacy.check(customer);
    assert.equal((await order(uuid.toUpperCase(), customer)).code, '200');
  });

  test('answers 446 when the UUID has already fed an order', async () => {
    const customer = freshCustomer();
    const uuid = await legacy.check(customer);
    assert.equal((await order(uuid, customer)).code, '200');
    await refusedWithoutWriting('446', () => order(uuid, customer));
  });

  test('answers 444 when the order total is above the checked amount, and takes a total equal to it', async () => {
    const customer = freshCustomer();
    const low = await legacy.check({ ...customer, ORDERAMOUNT: '104.84' });
    await refusedWithoutWriting('444', () => order(low, customer));
    const exact = await legacy.check({ ...customer, ORDERAMOUNT: '104.85' });
    assert.equal((await order(exact, customer)).code, '200');
  });

  test('answers 451 when the check was for another workflow than the order', async () => {
    const customer = freshCustomer();
    const uuid = await legacy.check({ ...customer, WORKFLOWNUMBER: '3' });
    await refusedWithoutWriting('451', () => order(uuid, customer));
    assert.equal((await order(uuid, customer, { WORKFLOWNUMBER: '3' })).code, '200');
  });

  test('a refused order leaves the UUID usable for the corrected order', async () => {
    const customer = freshCustomer();
    const uuid = await legacy.check(customer);
    assert.equal((await order(uuid, customer, { PHONENUMBER: 'call me now' })).code, '449');
    assert.equal((await order(uuid, customer, { ORDERNUMBER: 'bad number!' })).code, '434');
    assert.equal((await order(uuid, customer)).code, '200');
  });

  describe('VALIDATEORDER=Y', () => {
    test('validates, answers 200 Order successfully validated without an invoice number, and writes nothing', async () => {
      const customer = freshCustomer();
      const uuid = await legacy.check(customer);
      const number = orderNumber();
      const before = await rowCounts(server);
      const answer = await order(uuid, customer, { ORDERNUMBER: number, VALIDATEORDER: 'Y' });
      assert.equal(answer.result, 'MSG');
      assert.deepEqual(answer.api.MSG, { CODE: '200', DESCRIPTION: 'Order successfully validated' });
      assert.deepEqual(await rowCounts(server), before);
      // Magento validates first and then orders with the same UUID and number (spec §1.4).
      const placed = await order(uuid, customer, { ORDERNUMBER: number });
      assert.equal(placed.code, '200');
      assert.equal(String(placed.api.MSG.INVOICE), `1TST${number}`);
    });

    test('reports the same errors as a real order would', async () => {
      const customer = freshCustomer();
      const uuid = await legacy.check(customer);
      await refusedWithoutWriting('449', () => order(uuid, customer, { VALIDATEORDER: 'Y', PHONENUMBER: 'call me now' }));
      await refusedWithoutWriting('447', () => order(undefined, customer, { VALIDATEORDER: 'y' }));
      await refusedWithoutWriting('440', () => order(randomUUID(), customer, { VALIDATEORDER: 'Y' }));
      await refusedWithoutWriting('451', () => order(uuid, customer, { VALIDATEORDER: 'Y', WORKFLOWNUMBER: '3' }));
      const number = orderNumber();
      assert.equal((await order(uuid, customer, { ORDERNUMBER: number })).code, '200');
      await refusedWithoutWriting('446', () => order(uuid, customer, { VALIDATEORDER: 'Y' }));
      const fresh = await legacy.check(customer);
      await refusedWithoutWriting('403', () => order(fresh, customer, { VALIDATEORDER: 'Y', ORDERNUMBER: number }));
    });

    test('takes yes, J, 1 and true as Y too, so no spelling of a dry run places a real order', async () => {
      const customer = freshCustomer();
      const uuid = await legacy.check(customer);
      const before = await rowCounts(server);
      for (const value of ['y', 'yes', 'J', 'ja', '1', 'true']) {
        const answer = await order(uuid, customer, { VALIDATEORDER: value });
        assert.equal(answer.api.MSG.DESCRIPTION, 'Order successfully validated', value);
      }
      assert.deepEqual(await rowCounts(server), before);
    });

    test('VALIDATEORDER=N places the order', async () => {
      const customer = freshCustomer();
      const uuid = await legacy.check(customer);
      const answer = await order(uuid, customer, { VALIDATEORDER: 'N' });
      assert.equal(answer.api.MSG.DESCRIPTION, 'Order successfully added');
    });
  });
});

describe('the lifetime of a check UUID', () => {
  const clock = new ManualClock(new Date('2026-11-21T09:00:00Z'));
  let server: TestServer;
  let legacy: Legacy;
  before(async () => {
    server = await startTestServer({ env: { CHECK_VALIDITY_MINUTES: '60' }, overrides: { clock } });
    legacy = new Legacy(server.url);
  });
  after(() => server.close());

  const order = (uuid: string, customer: Fields) =>
    legacy.call('/api/order', 'Order', orderFields(uuid, orderNumber(), customer), { ORDERITEMS: ITEMS });

  test('a UUID is still good a minute before CHECK_VALIDITY_MINUTES have passed', async () => {
    const customer = freshCustomer();
    const uuid = await legacy.check(customer);
    clock.advance(59 * MINUTE);
    assert.equal((await order(uuid, customer)).code, '200');
  });

  test('answers 445 once CHECK_VALIDITY_MINUTES have passed, for orders and for validations alike', async () => {
    const customer = freshCustomer();
    const uuid = await legacy.check(customer);
    clock.advance(60 * MINUTE);
    const before = await rowCounts(server);
    const answer = await order(uuid, customer);
    assert.equal(answer.code, '445');
    assert.equal(answer.api.ERROR.DESCRIPTION, 'Check request with given uuid has already expired');
    const validated = await legacy.call('/api/order', 'Order', orderFields(uuid, orderNumber(), { ...customer, VALIDATEORDER: 'Y' }), { ORDERITEMS: ITEMS });
    assert.equal(validated.code, '445');
    assert.deepEqual(await rowCounts(server), before);
  });
});
