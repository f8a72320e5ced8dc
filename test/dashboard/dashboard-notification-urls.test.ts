/**
 * The Buckaroo push URL and the BillBlend callback URLs on the keys page, on a server that refuses
 * internal addresses (WEBHOOK_ALLOW_PRIVATE off): a merchant sets both and the v2 reads show them;
 * an internal address or an empty field is refused with a sentence and changes nothing; Remove
 * takes a URL away; the forms need their CSRF token; another merchant's endpoint is not found.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { insertPspEndpoint } from '../../src/store/psp-sale-repository.js';
import { openBrowser, screenshot } from '../support/browser.js';
import { USERTEST } from '../support/legacy-client.js';
import { createMerchant, type NewMerchant, PARTNER_KEY } from '../support/new-merchant.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { postJson } from '../v2/v2-client.js';
import { getPage, postForm, signIn as signInOverHttp } from './dashboard-client.js';

declare const document: { documentElement: { scrollWidth: number; clientWidth: number } };

/** A made-up DNS: shop.example is public, intranet.shop.example points inside. */
const DNS: Record<string, string[]> = { 'shop.example': ['93.184.216.34'], 'intranet.shop.example': ['10.1.2.3'] };

describe('the push URL and the callback URLs on the keys page', () => {
  let server: TestServer;
  let merchant: NewMerchant;
  let keyless: NewMerchant;

  before(async () => {
    const resolveHost = async (hostname: string) => {
      const addresses = DNS[hostname];
      if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      return addresses;
    };
    server = await startTestServer({ env: { PARTNER_API_KEY: PARTNER_KEY, WEBHOOK_ALLOW_PRIVATE: '0', JOBS: 'off' }, overrides: { resolveHost } });
    merchant = await createMerchant(server.url, { sandbox: false, password: 'notification urls password' });
    keyless = await createMerchant(server.url, { sandbox: false, password: 'keyless merchant password' });
    // Every merchant is created with a Buckaroo pair; without one (its row removed, as here) there is no website to hold a push URL.
    await server.store.db.query('DELETE FROM buckaroo_credentials WHERE merchant_id = (SELECT id FROM merchants WHERE username = $1)', [keyless.username]);
    const [row] = await server.store.db.query<{ id: string }>('SELECT id FROM merchants WHERE username = $1', [merchant.username]);
    // No API creates endpoints yet (docs/billblend.md): the server's operator adds the row.
    await insertPspEndpoint(server.store.db, { id: '7101', merchantId: row!.id, workflowNumber: 1, controlKey: '7A4D7101-B11B-4E0D-A5E1-000000007101' });
  });
  after(() => server.close());

  const v2 = (who: NewMerchant) => ({ billinkUsername: who.username, billinkID: who.clientId });
  const pushUrlOnV2 = async () => {
    const answer = await postJson(server.url, '/v2/client/buckaroo/push-url', v2(merchant));
    assert.equal(answer.status, 200, answer.text);
    return answer.body.pushUrl as string | null;
  };
  const callbacksOnV2 = async () => {
    const answer = await postJson(server.url, '/v2/client/billblend/callback-url', v2(merchant));
    assert.equal(answer.status, 200, answer.text);
    return answer.body.endpoints as { endpointId: string; workflowNumber: number; callbackUrl: string | null }[];
  };

  test('a merchant sets both URLs and reads them on v2; an internal address or an empty field shows a sentence and changes nothing; Remove removes', async () => {
    const browser = await openBrowser();
    try {
      const { page } = browser;
      await page.goto(`${server.url}/dashboard`);
      await page.getByLabel('Gebruikersnaam').fill(merchant.username);
      await page.getByLabel('Wachtwoord').fill(merchant.password!);
      await page.getByRole('button', { name: 'Inloggen' }).click();
      await page.waitForURL((url) => url.pathname === '/dashboard/invoices');
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Sleutels' }).click();

      const pushForm = page.getByTestId('push-url-form');
      await pushForm.getByLabel('Push URL').fill('https://shop.example/push?site=1');
      await pushForm.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByRole('status').getByText('De push URL is opgeslagen.').waitFor();
      assert.equal(await page.getByTestId('push-url-form-stored').textContent(), 'https://shop.example/push?site=1');
      assert.equal(await pushUrlOnV2(), 'https://shop.example/push?site=1');

      const callbackForm = page.getByTestId('callback-7101');
      assert.equal(await page.getByTestId('callback-7101-stored').textContent(), 'geen');
      await callbackForm.getByLabel('Callback-URL van endpoint 7101').fill('https://shop.example/billblend/final');
      await callbackForm.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByRole('status').getByText('De callback-URL is opgeslagen.').waitFor();
      assert.deepEqual(await callbacksOnV2(), [{ endpointId: '7101', workflowNumber: 1, callbackUrl: 'https://shop.example/billblend/final' }]);
      // docs/dashboard-keys.png is this screenshot.
      await screenshot(page, 'dashboard', 'keys-notification-urls');

      // A literal internal address, and a name that resolves to one, are refused in words.
      await pushForm.getByLabel('Push URL').fill('http://10.0.0.7/push');
      await pushForm.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByRole('alert').getByText('Deze URL wijst naar een intern adres; Achteraf stuurt alleen naar publieke adressen.').waitFor();
      assert.equal(await pushForm.getByLabel('Push URL').inputValue(), 'http://10.0.0.7/push', 'the form keeps what was typed');
      assert.equal(await pushForm.getByLabel('Push URL').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.getByTestId('push-url-form-stored').textContent(), 'https://shop.example/push?site=1');
      await callbackForm.getByLabel('Callback-URL van endpoint 7101').fill('https://intranet.shop.example/final');
      await callbackForm.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByRole('alert').getByText('Deze URL wijst naar een intern adres').waitFor();
      await callbackForm.getByLabel('Callback-URL van endpoint 7101').fill('');
      await callbackForm.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByRole('alert').getByText('Geef een URL op, of kies Verwijderen om de URL weg te halen.').waitFor();
      await pushForm.getByLabel('Push URL').fill('ftp://shop.example/push');
      await pushForm.getByRole('button', { name: 'Opslaan' }).click();
      await page.getByRole('alert').getByText('Geef een volledige http- of https-URL').waitFor();
      assert.equal(await pushUrlOnV2(), 'https://shop.example/push?site=1');
      assert.deepEqual((await callbacksOnV2()).map((endpoint) => endpoint.callbackUrl), ['https://shop.example/billblend/final']);

      await page.goto(`${server.url}/dashboard/keys`);
      await pushForm.getByRole('button', { name: 'Verwijderen' }).click();
      await page.getByRole('status').getByText('De push URL is verwijderd.').waitFor();
      assert.equal(await page.getByTestId('push-url-form-stored').textContent(), 'geen');
      assert.equal(await pushForm.getByRole('button', { name: 'Verwijderen' }).count(), 0, 'nothing left to remove');
      assert.equal(await pushUrlOnV2(), null);
    } finally {
      await browser.close();
    }
  });

  test('on a 375-pixel phone without JavaScript, in English, a callback URL is set and removed and the page does not scroll sideways', async () => {
    const browser = await openBrowser({ viewport: { width: 375, height: 740 }, javaScriptEnabled: false, locale: 'en-GB' });
    try {
      const { page } = browser;
      await page.goto(`${server.url}/dashboard`);
      await page.getByLabel('Username').fill(merchant.username);
      await page.getByLabel('Password').fill(merchant.password!);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => url.pathname === '/dashboard/invoices');
      await page.goto(`${server.url}/dashboard/keys`);
      const callbackForm = page.getByTestId('callback-7101');
      const long = `https://shop.example/billblend/${'final-status-'.repeat(12)}`;
      await callbackForm.getByLabel('Callback URL of endpoint 7101').fill(long);
      await callbackForm.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('status').getByText('The callback URL has been saved.').waitFor();
      assert.equal(await page.getByTestId('callback-7101-stored').textContent(), long);
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0);
      assert.equal((await callbacksOnV2())[0]!.callbackUrl, long);
      await callbackForm.getByRole('button', { name: 'Remove' }).click();
      await page.getByRole('status').getByText('The callback URL has been removed.').waitFor();
      assert.equal((await callbacksOnV2())[0]!.callbackUrl, null);
    } finally {
      await browser.close();
    }
  });

  test('the forms need the CSRF token, and another merchant’s endpoint id in a forged form is refused; neither changes anything', async () => {
    const session = await signInOverHttp(server.url, merchant.username, merchant.password!);
    const set = await postForm(server.url, '/dashboard/keys/push-url', { csrf: session.csrf, url: 'https://shop.example/kept' }, { cookie: session.cookie });
    assert.equal(set.status, 303);
    assert.equal(set.headers.get('location'), '/dashboard/keys?saved=push-url#push-url');

    const withoutToken = await postForm(server.url, '/dashboard/keys/push-url', { url: 'https://shop.example/forged' }, { cookie: session.cookie });
    assert.equal(withoutToken.status, 403);
    const otherOrigin = await postForm(
      server.url,
      '/dashboard/keys/callback-url',
      { csrf: session.csrf, endpointId: '7101', url: 'https://shop.example/forged' },
      { cookie: session.cookie, origin: 'https://evil.example' },
    );
    assert.equal(otherOrigin.status, 403);
    const removeWithoutToken = await postForm(server.url, '/dashboard/keys/push-url', { remove: 'yes' }, { cookie: session.cookie });
    assert.equal(removeWithoutToken.status, 403);
    assert.equal(await pushUrlOnV2(), 'https://shop.example/kept');
    assert.equal((await callbacksOnV2())[0]!.callbackUrl, null);

    // 1001 is usertest's endpoint: found only within its own merchant.
    const forgeries: Record<string, string>[] = [
      { endpointId: '1001', url: 'https://shop.example/stolen' },
      { endpointId: '1001', remove: 'yes' },
    ];
    for (const fields of forgeries) {
      const foreign = await postForm(server.url, '/dashboard/keys/callback-url', { csrf: session.csrf, ...fields }, { cookie: session.cookie });
      assert.equal(foreign.status, 422, JSON.stringify(fields));
      assert.match(await foreign.text(), /Dat BillBlend-endpoint bestaat niet\./);
    }
    const missing = await postForm(server.url, '/dashboard/keys/callback-url', { csrf: session.csrf, url: 'https://shop.example/x' }, { cookie: session.cookie });
    assert.equal(missing.status, 422);
    assert.match(await missing.text(), /Kies een BillBlend-endpoint\./);
    const usertest = await postJson(server.url, '/v2/client/billblend/callback-url', { billinkUsername: USERTEST.username, billinkID: USERTEST.clientId });
    assert.equal(usertest.body.endpoints.find((endpoint: { endpointId: string }) => endpoint.endpointId === '1001').callbackUrl, null);
    assert.equal((await callbacksOnV2())[0]!.callbackUrl, null);
  });

  test('a merchant without Buckaroo keys has no push URL form, and a forged post is refused in words', async () => {
    const session = await signInOverHttp(server.url, keyless.username, keyless.password!);
    const page = await getPage(server.url, '/dashboard/keys', session);
    assert.match(page.html, /maak eerst sleutels aan/);
    assert.doesNotMatch(page.html, /action="\/dashboard\/keys\/push-url"/);
    const forged = await postForm(server.url, '/dashboard/keys/push-url', { csrf: session.csrf, url: 'https://shop.example/push' }, { cookie: session.cookie });
    assert.equal(forged.status, 422);
    assert.match(await forged.text(), /Deze webshop heeft nog geen Buckaroo-sleutels: maak eerst sleutels aan\./);
    const read = await postJson(server.url, '/v2/client/buckaroo/push-url', v2(keyless));
    assert.deepEqual([read.status, read.body.message], [404, 'Buckaroo credentials not found; rotate them first']);
  });
});
