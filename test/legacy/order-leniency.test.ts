/**
 * What real clients send and Billink accepts (spec §2.2, §7.4): spellings, formats and shapes an
 * order must take as they come, checked against what was stored.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { freshCustomer } from '../support/fresh-customer.js';
import { type Fields, type Item, Legacy, apiXml, orderFields, orderNumber, post } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

interface StoredInvoice {
  total: number;
  vat: number;
  order_date: string;
  additional_text: string | null;
  customer: { initials?: string; houseExtension?: string; email2?: string; delivery?: Record<string, string | undefined> };
  lines: { code?: string; description: string; quantity: number; unitPriceInclusive: number; vatRate: number; totalInclusive: number }[];
}

describe('an order accepts what real clients send', () => {
  let server: TestServer;
  let legacy: Legacy;
  before(async () => {
    server = await startTestServer();
    legacy = new Legacy(server.url);
  });
  after(() => server.close());

  /** Checks on workflow 3 (no maximum), posts the order XML after `edit`, and returns the stored invoice. */
  async function place(fields: Fields, items: Item[], edit: (xml: string) => string = (xml) => xml): Promise<StoredInvoice> {
    const customer = { ...freshCustomer(), WORKFLOWNUMBER: '3' };
    const uuid = await legacy.check({ ...customer, ORDERAMOUNT: '1400.00' });
    const number = orderNumber();
    const xml = edit(apiXml('Order', orderFields(uuid, number, { ...customer, ...fields }), { ORDERITEMS: items }));
    const answer = await post(server.url, '/api/order', xml);
    assert.equal(answer.code, '200', answer.text);
    const [row] = await server.store.db.query<StoredInvoice>(
      'SELECT total, vat, order_date, additional_text, customer, lines FROM invoices WHERE merchant_number = $1',
      [number],
    );
    return row!;
  }

  const item = (fields: Item): Item => ({ DESCRIPTION: 'Trui', PRICEINCL: '10.00', BTW: '21', ...fields });

  test('takes the additional text in both spellings, ADITIONALTEXT and ADDITIONALTEXT', async () => {
    assert.equal((await place({ ADITIONALTEXT: 'Magento order #100000042' }, [item({})])).additional_text, 'Magento order #100000042');
    assert.equal((await place({ ADDITIONALTEXT: 'Woo order 42' }, [item({})])).additional_text, 'Woo order 42');
  });

  test('takes the delivery address in the spellings of Magento, WooCommerce legacy and the Ruby gem', async () => {
    const canonical = await place({ DELIVERYSTREET: 'Kalverstraat', DELIVERYHOUSENUMBER: '12', DELIVERYHOUSEEXTENSION: 'A', DELIVERYPOSTALCODE: '1012PK', DELIVERYCITY: 'Amsterdam', DELIVERYCOUNTRYCODE: 'nl' }, [item({})]);
    assert.deepEqual(
      { ...canonical.customer.delivery },
      { street: 'Kalverstraat', houseNumber: '12', houseExtension: 'A', postalCode: '1012PK', city: 'Amsterdam', countryCode: 'NL' },
    );
    const woo = await place({ DELIVERY_HOUSENUMBER: '7', DELIVERY_HOUSEEXTENSION: 'bis', DELIVERY_POSTALCODE: '3011AA' }, [item({})]);
    assert.deepEqual([woo.customer.delivery?.houseNumber, woo.customer.delivery?.houseExtension, woo.customer.delivery?.postalCode], ['7', 'bis', '3011AA']);
    const ruby = await place({ DELIVERYHOUSENUMBER: '9', DELIVERYHOUSENUMBEREXTENSION: 'III' }, [item({})]);
    assert.equal(ruby.customer.delivery?.houseExtension, 'III');
  });

  test('reads the quantity from ITEMQUANTITY when a line has no ORDERQUANTITY, as Magento sends it', async () => {
    const magento = await place({}, [{ DESCRIPTION: 'Trui', ITEMQUANTITY: '3.0000', PRICEINCL: '10.00', BTW: '21.0000' }]);
    assert.equal(magento.lines[0]!.quantity, 3);
    assert.equal(magento.total, 3_000);
    const ruby = await place({}, [{ DESCRIPTION: 'Trui', ITEM_QUANTITY: '2', PRICEINCL: '10.00', BTW: '21' }]);
    assert.equal(ruby.total, 2_000);
    // WooCommerce sends ITEMQUANTITY=1 beside the real ORDERQUANTITY.
    const woo = await place({}, [{ DESCRIPTION: 'Trui', ITEMQUANTITY: '1', ORDERQUANTITY: '4', PRICEINCL: '10.00', BTW: '21' }]);
    assert.equal(woo.total, 4_000);
    const none = await place({}, [{ DESCRIPTION: 'Trui', PRICEINCL: '10.00', BTW: '21' }]);
    assert.equal(none.lines[0]!.quantity, 1);
  });

  test('reads VAT as 21, 21.0000 and 1.21 in one order, and 9 beside 1.09', async () => {
    const stored = await place({}, [item({ BTW: '21' }), item({ BTW: '21.0000' }), item({ BTW: '1.21' }), item({ BTW: '9' }), item({ BTW: '1.09' }), item({ BTW: '0' })]);
    assert.deepEqual(stored.lines.map((line) => line.vatRate), [2_100, 2_100, 2_100, 900, 900, 0]);
    // VAT is rounded once per rate, as the invoice shows it: 30.00 at 21% holds 5.21 (three lines
    // rounded alone would hold 5.22) and 20.00 at 9% holds 1.65 (alone: 1.66).
    assert.equal(stored.vat, 521 + 165);
  });

  test('reads the order date as dd-mm-yyyy and as avido\'s yyyy-mm-dd', async () => {
    assert.equal((await place({ DATE: '21-11-2026' }, [item({})])).order_date, '2026-11-21');
    assert.equal((await place({ DATE: '2018-06-21' }, [item({})])).order_date, '2018-06-21');
  });

  test('reads prices with thousands commas and negative discount lines', async () => {
    const stored = await place({}, [item({ PRICEINCL: '1,234.56' }), item({ DESCRIPTION: 'Korting', PRICEINCL: '-34.56' }), item({ DESCRIPTION: 'Bon', PRICEINCL: '-0.50', BTW: '0' })]);
    assert.deepEqual(stored.lines.map((line) => line.totalInclusive), [123_456, -3_456, -50]);
    assert.equal(stored.total, 119_950);
  });

  test('computes a line from PRICEEXCL, rounding the line total once, and prefers PRICEINCL when both are sent', async () => {
    const exclusive = await place({}, [{ DESCRIPTION: 'Pen', ORDERQUANTITY: '3', PRICEEXCL: '0.33', BTW: '21' }]);
    // 3 × 0.33 × 1.21 = 1.1979: 1.20 for the line, where rounding per unit would give 3 × 0.40.
    assert.equal(exclusive.total, 120);
    const both = await place({}, [{ DESCRIPTION: 'Pen', ORDERQUANTITY: '2', PRICEEXCL: '8.26', PRICEINCL: '9.99', BTW: '21' }]);
    assert.equal(both.total, 1_998);
  });

  test('ignores an ORDERAMOUNT sent with the order: the total is the sum of the lines', async () => {
    assert.equal((await place({ ORDERAMOUNT: '999.99' }, [item({})])).total, 1_000);
  });

  test('treats empty elements as absent', async () => {
    const stored = await place(
      { INITIALS: '', HOUSEEXTENSION: '', EMAIL2: '', ADITIONALTEXT: '', IP: '', VATNUMBER: '', DELIVERYSTREET: '' },
      [item({ CODE: '', PRICEEXCL: '' })],
      (xml) => xml.replace('<INITIALS></INITIALS>', '<INITIALS/>').replace('<EMAIL2></EMAIL2>', '<EMAIL2 />'),
    );
    assert.equal(stored.customer.initials, undefined);
    assert.equal(stored.customer.houseExtension, undefined);
    assert.equal(stored.customer.delivery, undefined);
    assert.equal(stored.additional_text, null);
    assert.equal(stored.lines[0]!.code, undefined);
    assert.equal(stored.total, 1_000);
  });

  test('ignores unknown elements, at the top and inside lines', async () => {
    const stored = await place(
      { DEVICE: 'mobile', BROWSER: 'Firefox', HIGHRISK: '0', VARIABLE1: 'x', STATE: 'NH', FUTUREFIELD: 'y' },
      [item({ EAN: '8712345678906', WEIGHT: '0.5' })],
      (xml) => xml.replace('<ORDERITEMS>', '<EXTRA><NESTED>1</NESTED></EXTRA><ORDERITEMS>'),
    );
    assert.equal(stored.total, 1_000);
  });

  test('takes omnipay\'s repeated ITEMS elements as order lines', async () => {
    const stored = await place({}, [item({}), item({ DESCRIPTION: 'Sokken', PRICEINCL: '5.00' })], (xml) => xml.replace(/<(\/?)ITEM>/g, '<$1ITEMS>'));
    assert.deepEqual(stored.lines.map((line) => line.description), ['Trui', 'Sokken']);
    const single = await place({}, [item({})], (xml) => xml.replace(/<(\/?)ITEM>/g, '<$1ITEMS>'));
    assert.equal(single.total, 1_000);
  });

  test('reads a pretty-printed request with white space around every value', async () => {
    const stored = await place({}, [item({ PRICEINCL: ' 12.50 ' })], (xml) => xml.replace(/></g, '>\n    <').replace(/<(PRICEINCL|BTW)>/g, '<$1>  '));
    assert.equal(stored.total, 1_250);
  });
});
