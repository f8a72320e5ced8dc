/**
 * A partner-created live merchant end to end: it sets its password through the one-time link of
 * merchant creation, signs in to the dashboard with it, and issues a new client id there, which is
 * shown once and replaces the old one on the API at once. A sandbox merchant keeps its published id.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { postJson } from '../v2/v2-client.js';
import { createMerchant, type NewMerchant, PARTNER_KEY } from '../support/new-merchant.js';
import { getPage, postForm, signIn } from './dashboard-client.js';

describe('a live merchant in the dashboard', () => {
  let server: TestServer;
  let merchant: NewMerchant;
  before(async () => {
    server = await startTestServer({ env: { PARTNER_API_KEY: PARTNER_KEY } });
    // The helper sets the password through the one-time link of merchant creation, as a merchant would.
    merchant = await createMerchant(server.url, { sandbox: false, password: 'live shop password' });
  });
  after(() => server.close());

  const webhookLog = (clientId: string) =>
    postJson(server.url, '/v2/client/webhook/deliveries', { billinkUsername: merchant.username, billinkID: clientId });

  test('the password set through the merchant-creation link signs in to the dashboard', async () => {
    assert.equal((await postForm(server.url, '/dashboard/sign-in', { username: merchant.username, password: 'wrong password!' })).status, 401);
    const session = await signIn(server.url, merchant.username, 'live shop password');
    const settings = await getPage(server.url, '/dashboard/settings', session);
    assert.equal(settings.status, 200);
    assert.ok(settings.html.includes(`…${merchant.clientId.slice(-4)}`));
    assert.ok(!settings.html.includes(merchant.clientId));
  });

  test('a new client id is shown once and replaces the old one on the API at once', async () => {
    const session = await signIn(server.url, merchant.username, 'live shop password');
    assert.equal((await webhookLog(merchant.clientId)).status, 200);
    const answer = await postForm(server.url, '/dashboard/settings/client-id', { csrf: session.csrf }, { cookie: session.cookie });
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('cache-control'), 'no-store');
    const issued = /data-testid="new-client-id">([0-9a-f]{40})</.exec(await answer.text())?.[1];
    assert.ok(issued && issued !== merchant.clientId);
    // The webhook routes answer an unknown client with 404 (docs/webhooks.md).
    assert.equal((await webhookLog(merchant.clientId)).status, 404);
    assert.equal((await webhookLog(issued)).status, 200);
    const later = await getPage(server.url, '/dashboard/settings', session);
    assert.ok(!later.html.includes(issued));
    assert.ok(later.html.includes(`…${issued.slice(-4)}`));
  });

  test('a sandbox merchant keeps its published client id', async () => {
    const session = await signIn(server.url, 'usertest', 'sandbox-usertest');
    const answer = await postForm(server.url, '/dashboard/settings/client-id', { csrf: session.csrf }, { cookie: session.cookie });
    assert.equal(answer.status, 422);
    assert.match(await answer.text(), /Een sandbox-webshop houdt zijn gepubliceerde client id/);
    const log = await postJson(server.url, '/v2/client/webhook/deliveries', { billinkUsername: 'usertest', billinkID: 'd38a3439590889df026367bf01d621e687b8d278' });
    assert.equal(log.status, 200);
  });
});
