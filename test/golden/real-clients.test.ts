/**
 * Existing Billink clients work unmodified: the request shapes that widely used clients send, and
 * that Billink's sandbox answered (spec §2.1–§2.3, recorded), written out as those clients write
 * them, must get the golden answer byte for byte.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertGolden } from '../support/golden.js';
import { APITEST, USERTEST, post } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

function credentials(merchant: { username: string; clientId: string }, action: string): string {
  return `<VERSION>BILLINK2.0</VERSION><CLIENTUSERNAME>${merchant.username}</CLIENTUSERNAME><CLIENTID>${merchant.clientId}</CLIENTID><ACTION>${action}</ACTION>`;
}

/** A check as the PHP clients build it: no CITY, no STREET and no SEX element at all. */
const CHECK_WITHOUT_ADDRESS_LINES = `${DECLARATION}<API>${credentials(APITEST, 'Check')}
<WORKFLOWNUMBER>1</WORKFLOWNUMBER><TYPE>P</TYPE><COMPANYNAME></COMPANYNAME><CHAMBEROFCOMMERCE></CHAMBEROFCOMMERCE>
<FIRSTNAME>John</FIRSTNAME><LASTNAME>Doe</LASTNAME><INITIALS>J</INITIALS><HOUSENUMBER>1</HOUSENUMBER>
<HOUSEEXTENSION></HOUSEEXTENSION><POSTALCODE>1234AB</POSTALCODE><PHONENUMBER>0612345678</PHONENUMBER>
<BIRTHDATE>01-01-1990</BIRTHDATE><EMAIL>john.doe@example.com</EMAIL><ORDERAMOUNT>100.00</ORDERAMOUNT><BACKDOOR>0</BACKDOOR></API>`;

/** The check Billink's sandbox approved for a private customer on workflow 2 of usertest. */
const PRIVATE_CHECK_ON_WORKFLOW_2 = `${DECLARATION}<API>${credentials(USERTEST, 'Check')}
<TYPE>P</TYPE><WORKFLOWNUMBER>2</WORKFLOWNUMBER><FIRSTNAME>John</FIRSTNAME><LASTNAME>Doe</LASTNAME>
<STREET>Damrak</STREET><HOUSENUMBER>1</HOUSENUMBER><POSTALCODE>1234AB</POSTALCODE><CITY>Amsterdam</CITY>
<COUNTRYCODE>NL</COUNTRYCODE><PHONENUMBER>0612345678</PHONENUMBER><BIRTHDATE>01-01-1990</BIRTHDATE>
<EMAIL>john@example.com</EMAIL><ORDERAMOUNT>1</ORDERAMOUNT></API>`;

/** An order as a client's own test suite sends it, with a VAT number no VAT office issues. */
function orderWithLooseVatNumber(checkUuid: string): string {
  return `${DECLARATION}<API>${credentials(APITEST, 'Order')}
<WORKFLOWNUMBER>1</WORKFLOWNUMBER><ORDERNUMBER>AVIDO-2018-0001</ORDERNUMBER><DATE>2018-06-21</DATE><TYPE>P</TYPE>
<FIRSTNAME>John</FIRSTNAME><LASTNAME>Doe</LASTNAME><INITIALS>J</INITIALS><SEX>M</SEX><BIRTHDATE>01-01-1990</BIRTHDATE>
<STREET>Damrak</STREET><HOUSENUMBER>1</HOUSENUMBER><HOUSEEXTENSION></HOUSEEXTENSION><POSTALCODE>1234AB</POSTALCODE>
<CITY>Amsterdam</CITY><COUNTRYCODE>NL</COUNTRYCODE><PHONENUMBER>0612345678</PHONENUMBER><EMAIL>john.doe@example.com</EMAIL>
<VATNUMBER>btw.1231.3231123.123</VATNUMBER><CHECKUUID>${checkUuid}</CHECKUUID>
<ORDERITEMS><ITEM><CODE>SKU-1</CODE><DESCRIPTION>Product</DESCRIPTION><ORDERQUANTITY>1</ORDERQUANTITY><PRICEINCL>100.00</PRICEINCL><BTW>21</BTW></ITEM></ORDERITEMS></API>`;
}

function startWorkflow(invoiceNumbers: string[]): string {
  const items = invoiceNumbers.map((number) => `<ITEM><INVOICENUMBER>${number}</INVOICENUMBER></ITEM>`).join('');
  return `${DECLARATION}<API>${credentials(USERTEST, 'activate order')}<INVOICES>${items}</INVOICES></API>`;
}

describe('golden answers to the requests existing Billink clients send', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  test('a check with no CITY, STREET and SEX is approved', async () => {
    assertGolden('check-approved.xml', (await post(server.url, '/api/check', CHECK_WITHOUT_ADDRESS_LINES)).text);
  });

  test('a TYPE P check on workflow 2 of usertest is approved, as Billink\'s sandbox approved it', async () => {
    assertGolden('check-approved.xml', (await post(server.url, '/api/check', PRIVATE_CHECK_ON_WORKFLOW_2)).text);
  });

  test('an order with VATNUMBER btw.1231.3231123.123 is added with code 200', async () => {
    const check = await post(server.url, '/api/check', CHECK_WITHOUT_ADDRESS_LINES);
    assert.equal(check.code, '500', check.text);
    const order = await post(server.url, '/api/order', orderWithLooseVatNumber(String(check.api.UUID)));
    assertGolden('order-loose-vat-number.xml', order.text);
  });

  test('a start workflow for a single unknown invoice answers ERROR 704 with the number, as Billink recorded it', async () => {
    assertGolden('start-workflow-unknown.xml', (await post(server.url, '/api/start-workflow', startWorkflow(['I2014.001.234']))).text);
  });

  test('a start workflow for a known and an unknown invoice answers 500, the unknown item -1', async () => {
    const check = await post(server.url, '/api/check', PRIVATE_CHECK_ON_WORKFLOW_2);
    const order = PRIVATE_CHECK_ON_WORKFLOW_2.replace('<ACTION>Check</ACTION>', '<ACTION>Order</ACTION>').replace(
      '<ORDERAMOUNT>1</ORDERAMOUNT>',
      `<ORDERNUMBER>O2014.05.28.2443</ORDERNUMBER><DATE>28-05-2014</DATE><SEX>M</SEX><CHECKUUID>${String(check.api.UUID)}</CHECKUUID>` +
        '<ORDERITEMS><ITEM><DESCRIPTION>Product</DESCRIPTION><ORDERQUANTITY>1</ORDERQUANTITY><PRICEINCL>1.00</PRICEINCL><BTW>21</BTW></ITEM></ORDERITEMS>',
    );
    assert.equal((await post(server.url, '/api/order', order)).code, '200');
    const answer = await post(server.url, '/api/start-workflow', startWorkflow(['O2014.05.28.2443', 'I2014.001.234']));
    assertGolden('start-workflow-known-and-unknown.xml', answer.text);
  });
});
