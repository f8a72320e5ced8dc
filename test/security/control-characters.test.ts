/**
 * Characters that XML 1.0 or PostgreSQL text cannot hold (control characters other than tab, LF
 * and CR; NUL; U+FFFE, U+FFFF; lone surrogates) get each contract's own validation error, write
 * nothing, and never make an answer ill-formed or a 500 or 603 (docs/security.md "Control
 * characters").
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { XMLValidator } from 'fast-xml-parser';
import { CREDENTIALS as SESSION_CREDENTIALS, createSession, postForm, sessionBody } from '../checkout/checkout-fixtures.js';
import { apiXml, checkFields, ITEMS, Legacy, orderFields, orderNumber, post, USERTEST } from '../support/legacy-client.js';
import { rowCounts } from '../support/row-counts.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { call, JSON_CUSTOMER, postJson } from '../v2/v2-client.js';

/** One of each kind; JSON carries them as escapes, XML raw. */
const FORBIDDEN = ['\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u001b', '\u001f', '\ufffe', '\uffff'];
const LONE_SURROGATES = ['\ud800', '\udfff'];
const NOT_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const name = (char: string) => `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

describe('characters no text may hold', () => {
  let server: TestServer;
  let legacy: Legacy;
  before(async () => {
    server = await startTestServer();
    legacy = new Legacy(server.url);
  });
  after(() => server.close());

  /** Runs `send`, then checks that no table changed. */
  async function writesNothing<T>(send: () => Promise<T>): Promise<T> {
    const before = await rowCounts(server);
    const answer = await send();
    assert.deepEqual(await rowCounts(server), before);
    return answer;
  }

  function wellFormedXml(text: string): void {
    assert.equal(XMLValidator.validate(text), true, text);
    assert.doesNotMatch(text, NOT_TEXT);
  }

  describe('on the legacy XML API', () => {
    test('a control character or NUL in CLIENTUSERNAME answers 101 and in CLIENTID 102, like any unknown credentials', async () => {
      for (const char of FORBIDDEN) {
        const user = await post(server.url, '/api/check', apiXml('Check', checkFields(), {}, { username: `user${char}test`, clientId: USERTEST.clientId }));
        assert.deepEqual([user.result, user.code], ['ERROR', '101'], name(char));
        wellFormedXml(user.text);
        const clientId = `${USERTEST.clientId.slice(0, 20)}${char}${USERTEST.clientId.slice(20)}`;
        const id = await post(server.url, '/api/check', apiXml('Check', checkFields(), {}, { username: USERTEST.username, clientId }));
        assert.deepEqual([id.result, id.code], ['ERROR', '102'], name(char));
      }
    });

    /** Each request is built around one real order or check, made once per test: refusals write nothing. */
    const requests: [service: string, action: string, build: (bad: string, order: () => Promise<string>) => Promise<string>][] = [
      ['check', 'Check', async (bad) => apiXml('Check', checkFields({ LASTNAME: `Do${bad}e` }))],
      ['order', 'Order', async (bad) => apiXml('Order', orderFields(await legacy.check(), orderNumber(), { CITY: `Amster${bad}dam` }), { ORDERITEMS: ITEMS })],
      ['order', 'Order (an item)', async (bad) => apiXml('Order', orderFields(await legacy.check(), orderNumber()), { ORDERITEMS: [{ ...ITEMS[0]!, DESCRIPTION: `Trui${bad}` }] })],
      ['payment', 'Payment', async (bad, order) => apiXml('Payment', {}, { INVOICES: [{ INVOICENUMBER: await order(), AMOUNT: '1.00', DESCRIPTION: `Bank${bad}` }] })],
      ['credit', 'Credit', async (bad, order) => apiXml('Credit', {}, { INVOICES: [{ INVOICENUMBER: await order(), CREDITAMOUNT: '1.00', DESCRIPTION: `Retour${bad}` }] })],
      ['status', 'Status', async (bad) => apiXml('Status', {}, { INVOICES: [{ INVOICENUMBER: `X${bad}` }] })],
      ['start-workflow', 'StartWorkflow', async (bad) => apiXml('StartWorkflow', {}, { INVOICES: [{ INVOICENUMBER: `X${bad}`, WORKFLOWNUMBER: '1' }] })],
      ['message', 'Message', async (bad, order) => apiXml('Message', { INVOICENUMBER: await order(), MESSAGE: `Hallo${bad}` })],
      ['on-hold', 'OnHold', async (bad, order) => apiXml('OnHold', { INVOICENUMBER: await order(), WORKFLOWNUMBER: '1', DAYS: `1${bad}` })],
    ];
    for (const [service, action, build] of requests) {
      test(`${action} with a forbidden character in a field answers 601, well-formed, and writes nothing`, async () => {
        let placed: Promise<string> | undefined;
        const order = () => (placed ??= legacy.placeOrder().then((result) => result.orderNumber));
        for (const char of FORBIDDEN) {
          const body = await build(char, order);
          const answer = await writesNothing(() => post(server.url, `/api/${service}`, body));
          assert.deepEqual([answer.result, answer.code], ['ERROR', '601'], `${name(char)}: ${answer.text}`);
          wellFormedXml(answer.text);
        }
      });
    }

    test('tab, line feed and carriage return stay allowed in text', async () => {
      const placed = await legacy.placeOrder();
      const answer = await legacy.call('/api/message', 'Message', { INVOICENUMBER: placed.orderNumber, MESSAGE: 'Regel 1\r\n\tRegel 2' });
      assert.equal(answer.result, 'MSG', answer.text);
    });
  });

  describe('on the v2 JSON API', () => {
    const message = (path: string) => `${path} holds a control character, U+FFFE, U+FFFF or a lone surrogate, which text may not contain`;

    test('order management answers its 601 naming the field, for every forbidden character and lone surrogate', async () => {
      for (const char of [...FORBIDDEN, ...LONE_SURROGATES]) {
        const check = await writesNothing(() => call(server.url, '/v2/client/check', { ...JSON_CUSTOMER, orderAmount: '104.85', lastName: `Do${char}e` }));
        assert.equal(check.status, 200);
        assert.deepEqual(check.body, { result: 'error', code: '601', description: message('lastName'), error: { code: '601', description: message('lastName') } }, name(char));
      }
      const payment = await writesNothing(() =>
        call(server.url, '/v2/client/invoice/payment', { invoices: [{ invoiceNumber: 'A', amount: '1.00', description: 'ok' }, { invoiceNumber: 'B', amount: '1.00', description: 'Bank\u0000' }] }),
      );
      assert.equal(payment.body.description, message('invoices[1].description'));
    });

    test('a NUL in billinkUsername is refused as a body it cannot take, never a 603', async () => {
      const answer = await postJson(server.url, '/v2/client/order/info', { billinkUsername: 'user\u0000test', billinkID: USERTEST.clientId, invoiceNumber: 'X' });
      assert.equal(answer.body.code, '601');
      assert.equal(answer.body.description, message('billinkUsername'));
    });

    test('session create answers 400 with error_backend naming the field, and session status 400', async () => {
      for (const char of ['\u0000', '\ud800', '\uffff']) {
        const body = sessionBody('https://shop.example', (b) => (b.customer.lastName = `de${char}Vries`));
        const created = await writesNothing(() => postJson(server.url, '/v2/session/create', body));
        const text = message('customer.lastName');
        assert.deepEqual([created.status, created.body], [400, { status: 'error', message: text, error_backend: { http_status_code: 400, http_body: { message: text } } }], name(char));
        const item = sessionBody('https://shop.example', (b) => (b.transaction.orderItems[1].name = `Verzend${char}`));
        assert.equal((await postJson(server.url, '/v2/session/create', item)).body.message, message('transaction.orderItems[1].name'));
      }
      const status = await postJson(server.url, '/v2/session/status', { ...SESSION_CREDENTIALS, sessionID: 'abc\u0007' });
      assert.deepEqual([status.status, status.body], [400, { status: 'error', message: message('sessionID') }]);
    });

    test('webhook, partner and password routes answer 400 with their {status, message} shape', async () => {
      for (const [path, body, field] of [
        ['/v2/client/webhook/set', { ...SESSION_CREDENTIALS, url: 'https://shop.example/\u0000' }, 'url'],
        ['/v2/partner/merchant/create', { username: 'shop\ud800' }, 'username'],
        ['/v2/merchant/password', { token: 'A'.repeat(22), password: 'long enough\u0000password' }, 'password'],
      ] as const) {
        const answer = await writesNothing(() => postJson(server.url, path, body));
        assert.deepEqual([answer.status, answer.body], [400, { status: 'error', message: message(field) }], path);
      }
    });

    test('a long path is cut between code points, so the answer holds no half of a surrogate pair', async () => {
      const key = '😀'.repeat(200);
      const answer = await postJson(server.url, '/v2/client/check', { ...JSON_CUSTOMER, [key]: 'x\u0000' });
      assert.equal(answer.body.description, message(`${'😀'.repeat(117)}...`));
      assert.doesNotMatch(answer.text, /\\ud[89a-f]/i);
    });

    test('a key holding a forbidden character is named by its parent', async () => {
      const answer = await postJson(server.url, '/v2/session/create', { ...sessionBody('https://shop.example'), customer: { 'last\u0000Name': 'x' } });
      assert.equal(answer.body.message, message('customer'));
    });
  });

  describe('on the checkout page', () => {
    test('a form post with forbidden characters shows the field errors, well-formed, and decides nothing', async () => {
      const created = await createSession(server.url, sessionBody('https://shop.example', (b) => delete b.customer.gender));
      const before = await rowCounts(server);
      const answer = await postForm(`${created.sessionURL}/approve`, {
        birthDate: '31-12-1990\u0000', phone: '0612345678\u0001', sex: 'M\uffff', terms: 'yes', lang: 'nl\u0000',
      });
      assert.equal(answer.status, 422);
      const html = await answer.text();
      assert.doesNotMatch(html, NOT_TEXT);
      assert.match(html, /aria-invalid="true"/);
      assert.deepEqual(await rowCounts(server), before);
      const status = await postJson(server.url, '/v2/session/status', { ...SESSION_CREDENTIALS, sessionID: created.sessionID });
      assert.equal(status.body.status, 'session_active');
    });
  });
});
