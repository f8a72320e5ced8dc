/**
 * BillBlend control keys on the keys page and the v2 API: a live merchant reads the last characters
 * of its endpoint's key and replaces it (shown once), after which only the new key signs a sale
 * start; the rotation needs its confirmation and its CSRF token; a sandbox endpoint keeps its
 * published key, and another merchant's endpoint is not found.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { insertPspEndpoint } from '../../src/store/psp-sale-repository.js';
import { openBrowser, screenshot } from '../support/browser.js';
import { USERTEST } from '../support/legacy-client.js';
import { createMerchant, type NewMerchant, PARTNER_KEY } from '../support/new-merchant.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { postJson } from '../v2/v2-client.js';
import { ENDPOINTS, performSale, saleRequest } from '../billblend/dapi-client.js';
import { getPage, postForm, signIn as signInOverHttp } from './dashboard-client.js';

const GUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

describe('BillBlend control keys', () => {
  let server: TestServer;
  let live: NewMerchant;
  const firstKey = '7A4D7001-B11B-4E0D-A5E1-00000000ABCD';

  before(async () => {
    server = await startTestServer({ env: { PARTNER_API_KEY: PARTNER_KEY } });
    live = await createMerchant(server.url, { sandbox: false, password: 'billblend keys password' });
    const merchantId = (await server.store.db.query<{ id: string }>('SELECT id FROM merchants WHERE username = $1', [live.username]))[0]!.id;
    // No API creates endpoints yet (docs/billblend.md): the server's operator adds the row.
    await insertPspEndpoint(server.store.db, { id: '7001', merchantId, workflowNumber: 1, controlKey: firstKey });
  });
  after(() => server.close());

  const storedKey = async (endpointId: string) =>
    (await server.store.db.query<{ control_key: string }>('SELECT control_key FROM psp_endpoints WHERE id = $1', [endpointId]))[0]!.control_key;

  test('a merchant reads its endpoint and replaces its control key on the keys page; then only the new key signs', async () => {
    const browser = await openBrowser();
    let newKey: string;
    try {
      const { page } = browser;
      await page.goto(`${server.url}/dashboard`);
      await page.getByLabel('Gebruikersnaam').fill(live.username);
      await page.getByLabel('Wachtwoord').fill(live.password!);
      await page.getByRole('button', { name: 'Inloggen' }).click();
      await page.waitForURL((url) => url.pathname === '/dashboard/invoices');
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Sleutels' }).click();
      assert.deepEqual(await page.getByTestId('endpoint-row').getByRole('cell').allTextContents(), ['7001', '1', '…ABCD']);
      assert.equal(await page.getByText(firstKey).count(), 0, 'the whole key is never on the page');
      await page.getByLabel('Ik begrijp dat de oude control key direct ophoudt te werken').check();
      await page.getByRole('button', { name: 'Nieuwe control key voor endpoint 7001' }).click();
      newKey = String(await page.getByTestId('new-control-key').textContent());
      assert.match(newKey, GUID);
      await screenshot(page, 'dashboard', 'keys');
      await page.goto(`${server.url}/dashboard/keys`);
      assert.equal(await page.getByTestId('new-control-key').count(), 0, 'shown once: the page itself never shows the key');
      assert.deepEqual(await page.getByTestId('endpoint-row').getByRole('cell').allTextContents(), ['7001', '1', `…${newKey.slice(-4)}`]);
    } finally {
      await browser.close();
    }
    const old = await performSale(server.url, saleRequest({ endpoint: { endpointId: '7001', controlKey: firstKey } }));
    assert.equal(old.status, 400, old.text);
    assert.equal(old.body.error.code, '102');
    const signed = await performSale(server.url, saleRequest({ endpoint: { endpointId: '7001', controlKey: newKey } }));
    assert.equal(signed.status, 200, signed.text);
  });

  test('the rotation form needs the confirmation and the CSRF token, and refused it changes nothing', async () => {
    const session = await signInOverHttp(server.url, live.username, live.password!);
    const before = await storedKey('7001');
    const unconfirmed = await postForm(server.url, '/dashboard/keys/billblend', { csrf: session.csrf, endpointId: '7001' }, { cookie: session.cookie });
    assert.equal(unconfirmed.status, 422);
    assert.match(await unconfirmed.text(), /Vink aan dat u begrijpt/);
    const forged = await postForm(server.url, '/dashboard/keys/billblend', { endpointId: '7001', confirm: 'yes' }, { cookie: session.cookie });
    assert.equal(forged.status, 403);
    const someoneElses = await postForm(server.url, '/dashboard/keys/billblend', { csrf: session.csrf, endpointId: '1001', confirm: 'yes' }, { cookie: session.cookie });
    assert.equal(someoneElses.status, 422);
    assert.match(await someoneElses.text(), /Dat BillBlend-endpoint bestaat niet/);
    assert.equal(await storedKey('7001'), before);
    assert.equal(await storedKey('1001'), ENDPOINTS.usertest.controlKey);
  });

  test('a sandbox merchant sees its published endpoint without a rotation, and neither page nor API replaces its key', async () => {
    const session = await signInOverHttp(server.url, 'usertest', 'sandbox-usertest');
    const page = await getPage(server.url, '/dashboard/keys', session);
    assert.match(page.html, /<td>1001<\/td><td>1<\/td><td><code>…1001<\/code><\/td>/);
    assert.match(page.html, /houdt de gepubliceerde control keys/);
    assert.doesNotMatch(page.html, /action="\/dashboard\/keys\/billblend"/);
    const forged = await postForm(server.url, '/dashboard/keys/billblend', { csrf: session.csrf, endpointId: '1001', confirm: 'yes' }, { cookie: session.cookie });
    assert.equal(forged.status, 422);
    const api = await postJson(server.url, '/v2/client/billblend/control-key/rotate', { billinkUsername: USERTEST.username, billinkID: USERTEST.clientId, endpointId: '1001' });
    assert.deepEqual([api.status, api.body], [400, { status: 'error', message: 'A sandbox endpoint keeps its published control key' }]);
    assert.equal(await storedKey('1001'), ENDPOINTS.usertest.controlKey);
  });

  test('the v2 rotation answers the new key once, refuses a missing or foreign endpoint, and the new key signs', async () => {
    const credentials = { billinkUsername: live.username, billinkID: live.clientId };
    const missing = await postJson(server.url, '/v2/client/billblend/control-key/rotate', credentials);
    assert.deepEqual([missing.status, missing.body], [400, { status: 'error', message: 'endpointId parameter missing' }]);
    const foreign = await postJson(server.url, '/v2/client/billblend/control-key/rotate', { ...credentials, endpointId: '1002' });
    assert.deepEqual([foreign.status, foreign.body], [404, { status: 'error', message: 'BillBlend endpoint not found' }]);
    const wrongId = await postJson(server.url, '/v2/client/billblend/control-key/rotate', { ...credentials, billinkID: 'f'.repeat(40), endpointId: '7001' });
    assert.equal(wrongId.status, 404);
    const rotated = await postJson(server.url, '/v2/client/billblend/control-key/rotate', { ...credentials, endpointId: '7001' });
    assert.equal(rotated.status, 200, rotated.text);
    assert.deepEqual(Object.keys(rotated.body).sort(), ['controlKey', 'endpointId', 'message', 'status', 'workflowNumber']);
    assert.deepEqual([rotated.body.status, rotated.body.endpointId, rotated.body.workflowNumber], ['success', '7001', 1]);
    assert.match(rotated.body.controlKey, GUID);
    assert.equal(await storedKey('7001'), rotated.body.controlKey);
    const signed = await performSale(server.url, saleRequest({ endpoint: { endpointId: '7001', controlKey: rotated.body.controlKey } }));
    assert.equal(signed.status, 200, signed.text);
    // A retried rotation with its Idempotency-Key answers the same key and does not rotate twice.
    const keyed = () => postJson(server.url, '/v2/client/billblend/control-key/rotate', { ...credentials, endpointId: '7001' }, { 'content-type': 'application/json', 'idempotency-key': 'rotate-7001-once' });
    const first = await keyed();
    const again = await keyed();
    assert.equal(again.body.controlKey, first.body.controlKey);
    assert.notEqual(first.body.controlKey, rotated.body.controlKey);
    assert.equal(await storedKey('7001'), first.body.controlKey);
  });
});
