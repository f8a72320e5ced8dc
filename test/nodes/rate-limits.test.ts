/**
 * The failed-authentication limit per source address and the Status limit per merchant
 * (docs/security.md, docs/operations.md "Rate limits"): on either engine, and shared by two nodes
 * on one PostgreSQL database.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ManualClock } from '../../src/core/shared/clock.js';
import { APITEST, apiXml, checkFields, post, USERTEST } from '../support/legacy-client.js';
import { startSharedNodes, type SharedNodes } from '../support/shared-nodes.js';
import { startTestServer, TEST_DATABASE_URL, type TestServer } from '../support/test-server.js';
import { postJson } from '../v2/v2-client.js';

const WRONG = { username: USERTEST.username, clientId: 'f'.repeat(40) };
const PARTNER_KEY = 'partner-key-0123456789-abcdefghijklmnop';

/** A request from `source`, named by the proxy in front of the server (TRUST_PROXY=127.0.0.1). */
const from = (source: string) => ({ 'x-forwarded-for': source });

function legacyCheck(url: string, source: string, merchant: { username: string; clientId: string } = USERTEST) {
  return post(url, '/api/check', apiXml('check', checkFields(), {}, merchant), from(source));
}

function legacyStatus(url: string, source: string, merchant: { username: string; clientId: string } = USERTEST) {
  return post(url, '/api/status', apiXml('Status', {}, { INVOICES: [{ INVOICENUMBER: 'ANY' }] }, merchant), from(source));
}

function v2(url: string, path: string, source: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return postJson(url, path, body, { 'content-type': 'application/json', ...from(source), ...headers });
}

describe('the failed-authentication limit on one node', () => {
  let server: TestServer;
  // Ten seconds into a minute, so the test's calls stay in one window.
  const clock = new ManualClock(new Date('2026-11-23T10:00:10Z'));
  before(async () => {
    server = await startTestServer({
      env: { AUTH_FAILURE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: '127.0.0.1', PARTNER_API_KEY: PARTNER_KEY },
      overrides: { clock },
    });
  });
  after(() => server.close());

  test('after the limit every authentication from that source is refused with each contract\'s own answer, right credentials included, until the minute ends', async () => {
    const source = '203.0.113.7';
    for (let i = 0; i < 3; i++) assert.equal((await legacyCheck(server.url, source, WRONG)).code, '102');
    // The limit is three guesses: a right username and id right after them is refused too (Check's 101).
    const refused = await legacyCheck(server.url, source);
    assert.equal((await legacyCheck(server.url, source, WRONG)).code, '101');
    assert.deepEqual(refused.api.ERROR, { CODE: '101', DESCRIPTION: 'Unknown client username or client id' });
    // Status has a code of its own for a request limit: 111.
    assert.deepEqual((await legacyStatus(server.url, source)).api.ERROR, { CODE: '111', DESCRIPTION: 'Request limit exceeded' });

    const credentials = { billinkUsername: USERTEST.username, billinkID: USERTEST.clientId };
    const v2Check = await v2(server.url, '/v2/client/check', source, { ...credentials, workflowNumber: '1' });
    assert.equal(v2Check.status, 200);
    assert.equal(v2Check.body.code, '101');
    const orderInfo = await v2(server.url, '/v2/client/order/info', source, { ...credentials, invoices: [{ invoiceNumber: 'ANY' }] });
    assert.equal(orderInfo.body.code, '111');
    const session = await v2(server.url, '/v2/session/status', source, { ...credentials, sessionID: 'ses_none' });
    assert.equal(session.status, 429);
    assert.deepEqual(session.body, { status: 'error', message: 'Too many failed authentications from this address; try again later' });
    const webhook = await v2(server.url, '/v2/client/webhook/disable', source, credentials);
    assert.equal(webhook.status, 429);
    const partner = await v2(server.url, '/v2/partner/merchant/create', source, {}, { 'x-partner-key': PARTNER_KEY });
    assert.equal(partner.status, 429);
    assert.equal(partner.text.includes('Too many failed authentications'), true);

    // Another source is unaffected, and the next minute lifts the refusal.
    assert.equal((await legacyCheck(server.url, '203.0.113.8')).result, 'MSG');
    clock.advance(60_000);
    assert.equal((await legacyCheck(server.url, source)).result, 'MSG');
  });

  test('wrong partner keys, unknown usernames and v2 failures count alike; a refused answer says when to come back', async () => {
    const source = '203.0.113.20';
    assert.equal((await v2(server.url, '/v2/partner/merchant/create', source, {}, { 'x-partner-key': 'x'.repeat(40) })).status, 403);
    assert.equal((await legacyCheck(server.url, source, { username: 'nobody-here', clientId: 'f'.repeat(40) })).code, '101');
    assert.equal((await v2(server.url, '/v2/session/status', source, { billinkUsername: USERTEST.username, billinkID: 'f'.repeat(40), sessionID: 'ses_x' })).status, 404);
    const over = await fetch(`${server.url}/v2/session/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...from(source) },
      body: JSON.stringify({ billinkUsername: USERTEST.username, billinkID: 'f'.repeat(40), sessionID: 'ses_x' }),
    });
    assert.equal(over.status, 429);
    const retryAfter = Number(over.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
  });
});

describe('the source address without a trusted proxy', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { AUTH_FAILURE_LIMIT_PER_MINUTE: '2' } });
  });
  after(() => server.close());

  test('is the connection\'s address: a forged X-Forwarded-For does not give each guess a fresh source', async () => {
    for (let i = 0; i < 2; i++) assert.equal((await legacyCheck(server.url, `198.51.100.${i}`, WRONG)).code, '102');
    assert.equal((await legacyCheck(server.url, '198.51.100.99', WRONG)).code, '101');
    assert.equal((await legacyCheck(server.url, '198.51.100.100')).code, '101');
  });
});

describe('limits shared by two nodes on one PostgreSQL database', { skip: TEST_DATABASE_URL ? false : 'needs TEST_DATABASE_URL' }, () => {
  let shared: SharedNodes;
  const clock = new ManualClock(new Date('2026-11-23T10:00:10Z'));
  before(async () => {
    shared = await startSharedNodes(2, { AUTH_FAILURE_LIMIT_PER_MINUTE: '3', STATUS_RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: '127.0.0.1' }, { clock });
  });
  after(() => shared.close());

  test('failed authentications on either node count towards one limit per source', async () => {
    const [a, b] = shared.nodes.map((node) => node.url) as [string, string];
    const source = '203.0.113.50';
    assert.equal((await legacyCheck(a, source, WRONG)).code, '102');
    assert.equal((await legacyCheck(b, source, WRONG)).code, '102');
    assert.equal((await legacyCheck(a, source, WRONG)).code, '102');
    // The fourth failure, on the other node, is over the shared limit.
    assert.equal((await legacyCheck(b, source, WRONG)).code, '101');
    assert.equal((await legacyCheck(b, source)).code, '101');
    assert.equal((await legacyCheck(a, source, WRONG)).code, '101');
    assert.equal((await legacyCheck(a, source)).code, '101');
    assert.equal((await legacyCheck(a, '203.0.113.51')).result, 'MSG');
  });

  test('Status calls and v2 order info of one merchant on either node count towards one Status limit', async () => {
    const [a, b] = shared.nodes.map((node) => node.url) as [string, string];
    assert.equal((await legacyStatus(a, '203.0.113.60')).code, '200');
    assert.equal((await legacyStatus(b, '203.0.113.61')).code, '200');
    const info = await v2(a, '/v2/client/order/info', '203.0.113.62', { billinkUsername: USERTEST.username, billinkID: USERTEST.clientId, invoices: [{ invoiceNumber: 'ANY' }] });
    assert.equal(info.body.code, '200', info.text);
    assert.equal((await legacyStatus(b, '203.0.113.63')).code, '111');
    assert.equal((await legacyStatus(a, '203.0.113.64')).code, '111');
    assert.equal((await legacyStatus(b, '203.0.113.65', APITEST)).code, '200');
    clock.advance(60_000);
    assert.equal((await legacyStatus(b, '203.0.113.66')).code, '200');
  });

  test('many Status calls at once on both nodes are counted exactly: as many pass as the limit allows', async () => {
    clock.advance(60_000);
    const [a, b] = shared.nodes.map((node) => node.url) as [string, string];
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => legacyStatus(i % 2 ? a : b, '203.0.113.70', APITEST)));
    assert.deepEqual(answers.map((answer) => answer.code).sort(), [...Array(9).fill('111'), ...Array(3).fill('200')]);
  });
});
