/**
 * The legacy API's front door (spec §1.1–§1.3, §2 skeletons, §7.4): transport, authentication,
 * dispatch and hostile bodies, against the real server on loopback.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { XML_DECLARATION } from '../../src/api/billink-legacy/xml-response.js';
import { freshCustomer } from '../support/fresh-customer.js';
import { APITEST, Legacy, USERTEST, apiXml, checkFields, post } from '../support/legacy-client.js';
import { rowCounts } from '../support/row-counts.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

interface RawAnswer {
  status: number;
  contentType: string | undefined;
  text: string;
}

/** node:http instead of fetch, which would add a Content-Type of its own to a string body. */
function rawPost(baseUrl: string, path: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-length': String(Buffer.byteLength(body)), ...headers } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, contentType: response.headers['content-type'], text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

function assertLegacyAnswer(answer: RawAnswer, code: string): void {
  assert.equal(answer.status, 200);
  assert.match(answer.contentType ?? '', /^text\/xml\b/);
  assert.ok(answer.text.startsWith(XML_DECLARATION), answer.text);
  assert.match(answer.text, new RegExp(`<CODE>${code}</CODE>`), answer.text);
}

const CHECK_XML = apiXml('Check', checkFields());

describe('the front door of the legacy XML API', () => {
  let server: TestServer;
  let legacy: Legacy;
  before(async () => {
    server = await startTestServer();
    legacy = new Legacy(server.url);
  });
  after(() => server.close());

  /** Runs bad requests and asserts that not a single row changed anywhere. */
  async function refusedWithoutWriting(send: () => Promise<void>): Promise<void> {
    const before = await rowCounts(server);
    await send();
    assert.deepEqual(await rowCounts(server), before);
  }

  test('every answer, success or error, is HTTP 200 text/xml starting with the single-quoted declaration', async () => {
    assertLegacyAnswer(await rawPost(server.url, '/api/check', CHECK_XML), '500');
    assertLegacyAnswer(await rawPost(server.url, '/api/check', CHECK_XML.replace('usertest', 'nobody')), '101');
    assertLegacyAnswer(await rawPost(server.url, '/api/order', '<API>'), '601');
    assertLegacyAnswer(await rawPost(server.url, '/api/no-such-service', apiXml('Bogus')), '103');
  });

  test('VERSION is compared case-insensitively, so the docs\' Billink2.0 is accepted', async () => {
    assert.equal((await post(server.url, '/api/check', CHECK_XML.replace('BILLINK2.0', 'Billink2.0'))).code, '500');
    assert.equal((await post(server.url, '/api/check', CHECK_XML.replace('BILLINK2.0', 'billink2.0'))).code, '500');
  });

  test('any other VERSION, or none, answers 001 and writes nothing', async () => {
    await refusedWithoutWriting(async () => {
      for (const xml of [CHECK_XML.replace('BILLINK2.0', 'BILLINK1.0'), CHECK_XML.replace('<VERSION>BILLINK2.0</VERSION>', '')]) {
        const answer = await post(server.url, '/api/check', xml);
        assert.equal(answer.result, 'ERROR');
        assert.equal(answer.code, '001');
        assert.equal(answer.api.ERROR.DESCRIPTION, 'Unknown API version');
      }
    });
  });

  test('an unknown or missing username answers 101, a wrong or missing client id 102, and nothing is written', async () => {
    await refusedWithoutWriting(async () => {
      assert.equal((await post(server.url, '/api/check', CHECK_XML.replace('usertest', 'nobody'))).code, '101');
      assert.equal((await post(server.url, '/api/check', CHECK_XML.replace('<CLIENTUSERNAME>usertest</CLIENTUSERNAME>', ''))).code, '101');
      assert.equal((await post(server.url, '/api/check', CHECK_XML.replace(USERTEST.clientId, APITEST.clientId))).code, '102');
      assert.equal((await post(server.url, '/api/check', CHECK_XML.replace(USERTEST.clientId, USERTEST.clientId.slice(0, 39)))).code, '102');
      assert.equal((await post(server.url, '/api/check', CHECK_XML.replace(`<CLIENTID>${USERTEST.clientId}</CLIENTID>`, ''))).code, '102');
    });
  });

  test('the client id is hexadecimal and accepted in upper case too', async () => {
    assert.equal((await post(server.url, '/api/check', CHECK_XML.replace(USERTEST.clientId, USERTEST.clientId.toUpperCase()))).code, '500');
  });

  test('an unknown ACTION answers 103, with the answer in the table of the path', async () => {
    await refusedWithoutWriting(async () => {
      const answer = await post(server.url, '/api/check', apiXml('Destroy', checkFields()));
      assert.equal(answer.code, '103');
      assert.equal(answer.api.ERROR.DESCRIPTION, 'Unknown action');
    });
  });

  test('ACTION is case-insensitive and ignores spaces: CHECK, activate order, Onhold, resume and Refund all work', async () => {
    assert.equal((await legacy.call('/api/check', 'CHECK', checkFields(freshCustomer()))).code, '500');
    const { orderNumber } = await legacy.placeOrder({ fields: freshCustomer() });
    const invoices = { INVOICES: [{ INVOICENUMBER: orderNumber }] };
    const started = await legacy.call('/api/start-workflow', 'activate order', {}, invoices);
    assert.equal(started.api.MSG.STATUSES.ITEM[0].CODE, '500');
    const held = await legacy.call('/api/on-hold', 'Onhold', { INVOICENUMBER: orderNumber, DAYS: '7' });
    assert.equal(held.code, '200');
    // avido sends resume to the on-hold path (spec §2.8).
    const resumed = await legacy.call('/api/on-hold', 'resume', { INVOICENUMBER: orderNumber, RESUME: 'y' });
    assert.equal(resumed.code, '200');
    assert.equal(resumed.api.MSG.DESCRIPTION, 'Order resumed');
    // WooCommerce sends Refund to the credit path (spec §2.5).
    const refunded = await legacy.call('/api/credit', 'Refund', {}, { INVOICES: [{ INVOICENUMBER: orderNumber, CREDITAMOUNT: '1.00' }] });
    assert.equal(refunded.api.MSG.STATUSES.ITEM[0].CODE, '200');
    assert.equal((await legacy.call('/api/status', 'STATUS', {}, invoices)).api.MSG.INVOICES.INVOICE[0].STATUS, '0');
  });

  test('the ACTION decides over the path: a Check posted to the order path is a check', async () => {
    const answer = await legacy.call('/api/order', 'check', checkFields(freshCustomer()));
    assert.equal(answer.code, '500');
    assert.match(String(answer.api.UUID), /^[0-9a-f-]{36}$/);
  });

  test('both path families answer the same: /api/<service> and /v1/client/<service>', async () => {
    const old = await legacy.call('/api/check', 'Check', checkFields(freshCustomer()));
    const v1 = await legacy.call('/v1/client/check', 'Check', checkFields(freshCustomer()));
    assert.equal(old.code, '500');
    assert.equal(v1.code, '500');
    assert.equal(v1.text.replace(/<UUID>.*<\/UUID>/, ''), old.text.replace(/<UUID>.*<\/UUID>/, ''));
    const { invoice } = await legacy.placeOrder({ fields: freshCustomer() });
    const status = await legacy.call('/v1/client/status', 'Status', {}, { INVOICES: [{ INVOICENUMBER: invoice }] });
    assert.equal(status.api.MSG.INVOICES.INVOICE[0].STATUS, '0');
  });

  test('the body is read as XML whatever the Content-Type says, or when there is none', async () => {
    for (const contentType of [undefined, 'text/xml', 'application/xml; charset=utf-8', 'application/x-www-form-urlencoded', 'text/plain', 'application/json']) {
      const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};
      const answer = await rawPost(server.url, '/api/check', apiXml('Check', checkFields(freshCustomer())), headers);
      assertLegacyAnswer(answer, '500');
    }
  });

  test('leading white space and a UTF-8 byte-order mark before the XML are ignored', async () => {
    const xml = apiXml('Check', checkFields(freshCustomer()));
    assertLegacyAnswer(await rawPost(server.url, '/api/check', `\n\r\n \t${xml}`, { 'content-type': 'text/xml' }), '500');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(apiXml('Check', checkFields(freshCustomer())))]);
    assertLegacyAnswer(await rawPost(server.url, '/api/check', bom, { 'content-type': 'text/xml' }), '500');
  });

  test('an undeclared xsi: prefix on the root does not stop the request (spec §7.4)', async () => {
    const xml = apiXml('Check', checkFields(freshCustomer())).replace('<API>', '<API xsi:noNamespaceSchemaLocation="billink.xsd">');
    assert.equal((await post(server.url, '/api/check', xml)).code, '500');
  });

  test('malformed XML, an empty body or a document that is not <API> answers 601 and writes nothing', async () => {
    await refusedWithoutWriting(async () => {
      const bodies = ['', '   ', 'VERSION=BILLINK2.0', '<API><VERSION>BILLINK2.0</VERSION>', CHECK_XML.replace('</API>', '</APY>'), '<REQUEST><VERSION>BILLINK2.0</VERSION></REQUEST>', `${CHECK_XML}<API></API>`];
      for (const body of bodies) {
        const answer = await rawPost(server.url, '/api/order', body, { 'content-type': 'text/xml' });
        assertLegacyAnswer(answer, '601');
        assert.match(answer.text, /<DESCRIPTION>Errors parsing xml file<\/DESCRIPTION>/);
      }
    });
  });

  test('a DOCTYPE or ENTITY declaration answers 601 without expanding anything', async () => {
    const laughs = ['<!DOCTYPE lolz [<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`), ']>'].join('');
    const bodies = [
      `<?xml version="1.0"?>${laughs}<API><VERSION>BILLINK2.0</VERSION><CLIENTUSERNAME>&lol9;</CLIENTUSERNAME></API>`,
      `<?xml version="1.0"?><!DOCTYPE API [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><API><VERSION>BILLINK2.0</VERSION><CLIENTUSERNAME>&xxe;</CLIENTUSERNAME></API>`,
      `<!DOCTYPE API SYSTEM "http://127.0.0.1:9/evil.dtd">${CHECK_XML.replace(/^<\?xml[^>]*>\n/, '')}`,
      CHECK_XML.replace('<API>', '<API><!ENTITY name "usertest">'),
      CHECK_XML.replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0"?><!doctype API>'),
    ];
    await refusedWithoutWriting(async () => {
      for (const body of bodies) {
        const started = performance.now();
        const answer = await rawPost(server.url, '/api/check', body, { 'content-type': 'text/xml' });
        assertLegacyAnswer(answer, '601');
        assert.doesNotMatch(answer.text, /lol|root:|passwd/);
        assert.ok(performance.now() - started < 2_000, 'an entity was expanded');
      }
    });
  });

  test('a body over 1 MiB is refused with an XML 601 and the server keeps serving', async () => {
    await refusedWithoutWriting(async () => {
      const big = `<API><VERSION>BILLINK2.0</VERSION><NOTE>${'x'.repeat(1024 * 1024)}</NOTE></API>`;
      for (const headers of [{ 'content-type': 'text/xml' }, {}] as Record<string, string>[]) {
        assertLegacyAnswer(await rawPost(server.url, '/api/check', big, headers), '601');
      }
    });
    assertLegacyAnswer(await rawPost(server.url, '/api/check', apiXml('Check', checkFields(freshCustomer()))), '500');
  });

  test('a tag named __proto__ or constructor answers 601, pollutes no object and does not crash the server', async () => {
    await refusedWithoutWriting(async () => {
      for (const tag of ['__proto__', 'constructor', 'prototype']) {
        const nested = CHECK_XML.replace('<ACTION>', `<${tag}><polluted>yes</polluted><TYPE>B</TYPE></${tag}><ACTION>`);
        assertLegacyAnswer(await rawPost(server.url, '/api/check', nested), '601');
        const list = apiXml('Status', {}, { INVOICES: [{ INVOICENUMBER: 'X' }] }).replace('<ITEM>', `<ITEM><${tag}>1</${tag}>`);
        assertLegacyAnswer(await rawPost(server.url, '/api/status', list), '601');
      }
      assertLegacyAnswer(await rawPost(server.url, '/api/check', '<__proto__><API/></__proto__>'), '601');
    });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assertLegacyAnswer(await rawPost(server.url, '/api/check', apiXml('Check', checkFields(freshCustomer()))), '500');
  });

  test('other names of Object.prototype members are ordinary unknown elements and are ignored', async () => {
    const names = ['toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
    const xml = apiXml('Check', checkFields(freshCustomer())).replace('<ACTION>', names.map((name) => `<${name}>1</${name}>`).join('') + '<ACTION>');
    assertLegacyAnswer(await rawPost(server.url, '/api/check', xml), '500');
  });

  test('text echoed from the request is escaped where XML needs it and comes back as sent', async () => {
    const number = `<b>R&D "1"</b> 'x'`;
    const answer = await legacy.call('/api/status', 'Status', {}, { INVOICES: [{ INVOICENUMBER: number }] });
    assert.match(answer.text, /<INVOICENUMBER>&lt;b&gt;R&amp;D "1"&lt;\/b&gt; 'x'<\/INVOICENUMBER>/);
    assert.equal(answer.api.MSG.INVOICES.INVOICE[0].INVOICENUMBER, number);
  });

  test('character references are decoded, except to characters XML forbids, which never reach an answer', async () => {
    const xml = apiXml('Status', {}, { INVOICES: [{ INVOICENUMBER: 'X' }, { INVOICENUMBER: 'Y' }] })
      .replace('<INVOICENUMBER>X</INVOICENUMBER>', '<INVOICENUMBER>caf&#233;&#x2D;&#1;&#xFFFF;</INVOICENUMBER>')
      .replace('<INVOICENUMBER>Y</INVOICENUMBER>', '<INVOICENUMBER>&#0;&#xD800;&lt;&amp;</INVOICENUMBER>');
    const answer = await post(server.url, '/api/status', xml);
    assert.doesNotMatch(answer.text, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\uffff]/);
    assert.deepEqual(answer.api.MSG.INVOICES.INVOICE.map((invoice: { INVOICENUMBER: string }) => invoice.INVOICENUMBER), ['café-&#1;&#xFFFF;', '&#0;&#xD800;<&']);
  });

  test('codes carry no white space, even in pretty-printed requests and error answers', async () => {
    const pretty = apiXml('Check', checkFields(freshCustomer())).replace(/></g, '>\n  <');
    const answers = [
      await rawPost(server.url, '/api/check', pretty),
      await rawPost(server.url, '/api/check', apiXml('Check', checkFields({ PHONENUMBER: 'call me' }))),
      await rawPost(server.url, '/api/check', CHECK_XML.replace('usertest', 'nobody')),
      await rawPost(server.url, '/api/check', '<API>'),
    ];
    assert.deepEqual(answers.map((answer) => /<CODE>([^<]*)<\/CODE>/.exec(answer.text)?.[1]), ['500', '402', '101', '601']);
  });
});

describe('an unexpected failure inside the legacy API', () => {
  let server: TestServer;
  before(async () => {
    // The UUID source fails, as a broken dependency would; nothing else is different.
    const failingIds = {
      uuid(): string {
        throw new Error('uuid source exhausted in /srv/achteraf/secret-module.ts');
      },
      token: () => randomBytes(16).toString('base64url'),
    };
    server = await startTestServer({ overrides: { ids: failingIds } });
  });
  after(() => server.close());

  test('answers 603 in the contract\'s shape, without a stack trace or the error text, and keeps serving', async () => {
    const answer = await rawPost(server.url, '/api/check', CHECK_XML);
    assertLegacyAnswer(answer, '603');
    assert.match(answer.text, /<DESCRIPTION>Redirect Billink API error<\/DESCRIPTION>/);
    assert.doesNotMatch(answer.text, /exhausted|secret-module|\bat \w|Error:/);
    assertLegacyAnswer(await rawPost(server.url, '/api/check', CHECK_XML.replace('usertest', 'nobody')), '101');
  });
});
