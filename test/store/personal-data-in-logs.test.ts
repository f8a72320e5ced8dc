/**
 * A statement that fails while it carries a customer's data must not put that data in the log
 * (house rule 6, docs/security.md "Personal data in logs"). The test makes the database refuse
 * every new invoice and session row, sends requests for a customer whose every detail is known,
 * and reads the whole server log at debug level.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Ids } from '../../src/core/shared/ids.js';
import { randomIds } from '../../src/runtime/random-ids.js';
import { createSession, sessionBody } from '../checkout/checkout-fixtures.js';
import { ITEMS, Legacy, orderFields, orderNumber } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const CUSTOMER = {
  firstName: 'Annemarie',
  lastName: 'Zwartkruis',
  email: `annemarie.zwartkruis.${process.pid}@voorbeeld.nl`,
  phone: '0687654321',
  birthDate: '17-03-1984',
  postcode: '9711LM',
};

/** Every spelling under which the customer's data could appear. */
const SECRETS = [
  CUSTOMER.firstName, CUSTOMER.lastName, CUSTOMER.email, '687654321', CUSTOMER.birthDate, '1984-03-17', CUSTOMER.postcode, '9711 LM',
];

describe('database errors in the log', () => {
  let server: TestServer;
  const lines: string[] = [];
  const tokens: string[] = [];
  const ids: Ids = {
    uuid: () => randomIds.uuid(),
    token: () => {
      const token = randomIds.token();
      tokens.push(token);
      return token;
    },
  };

  before(async () => {
    server = await startTestServer({
      env: { LOG_LEVEL: 'debug' },
      overrides: { ids, logStream: { write: (line) => void lines.push(line) } },
    });
  });
  after(() => server.close());

  test('name the error code and the statement but none of the customer’s name, e-mail, phone, birth date, postcode or file token', async () => {
    const legacy = new Legacy(server.url);
    const fields = {
      FIRSTNAME: CUSTOMER.firstName, LASTNAME: CUSTOMER.lastName, EMAIL: CUSTOMER.email, PHONENUMBER: CUSTOMER.phone,
      BIRTHDATE: CUSTOMER.birthDate, POSTALCODE: CUSTOMER.postcode,
    };
    const uuid = await legacy.check({ ...fields, ORDERAMOUNT: '400.00' });
    // From now on the database refuses every new invoice and session, with the whole row in its detail.
    await server.store.db.query('ALTER TABLE invoices ADD CONSTRAINT refuse_every_invoice CHECK (false) NOT VALID');
    await server.store.db.query('ALTER TABLE checkout_sessions ADD CONSTRAINT refuse_every_session CHECK (false) NOT VALID');

    const order = await legacy.call('/api/order', 'Order', orderFields(uuid, orderNumber(), fields), { ORDERITEMS: ITEMS });
    assert.equal(order.code, '603');

    const session = await fetch(`${server.url}/v2/session/create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        sessionBody('https://shop.example', (body) => {
          Object.assign(body.customer, { firstName: CUSTOMER.firstName, lastName: CUSTOMER.lastName, email: CUSTOMER.email, mobile: CUSTOMER.phone, birthdate: CUSTOMER.birthDate });
          body.billingAddress.postalCode = CUSTOMER.postcode;
        }),
      ),
    });
    assert.equal(session.status, 500);
    await assert.rejects(createSession(server.url, sessionBody('https://shop.example')));

    const log = lines.join('');
    assert.ok(tokens.length > 0, 'the order made tokens, among them the invoice file token');
    for (const secret of [...SECRETS, ...tokens]) {
      assert.ok(!log.includes(secret), `the log holds ${secret}`);
    }
    assert.match(log, /database error 23514 in INSERT invoices #[0-9a-f]{8} \(constraint refuse_every_invoice\)/);
    assert.match(log, /database error 23514 in INSERT checkout_sessions #[0-9a-f]{8} \(constraint refuse_every_session\)/);
  });
});
