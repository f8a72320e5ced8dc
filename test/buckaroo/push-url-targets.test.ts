/**
 * A Buckaroo PushURL that names or resolves to an internal address is refused with the request,
 * as a webhook URL is (docs/security.md "Webhook SSRF"), with Buckaroo's answer for a bad
 * parameter: 491 with a ParameterErrors item about PushURL, nothing booked. The server runs with
 * WEBHOOK_ALLOW_PRIVATE off and no background jobs, and names resolve through the test's own
 * resolver, so no request leaves this machine.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BuckarooClient, orderRequest } from '../support/buckaroo-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const DNS: Record<string, string[]> = {
  'shop.example': ['93.184.216.34'],
  'intranet.shop.example': ['10.1.2.3'],
  'mixed.shop.example': ['93.184.216.34', '169.254.169.254'],
};

describe('Buckaroo PushURL targets with WEBHOOK_ALLOW_PRIVATE off', () => {
  let server: TestServer;
  let client: BuckarooClient;
  const lookups: string[] = [];
  before(async () => {
    const resolveHost = async (hostname: string) => {
      lookups.push(hostname);
      const addresses = DNS[hostname];
      if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      return addresses;
    };
    server = await startTestServer({ env: { WEBHOOK_ALLOW_PRIVATE: '0', JOBS: 'off' }, overrides: { resolveHost } });
    client = new BuckarooClient(server.url);
  });
  after(() => server.close());

  const bookedInvoices = async (invoice: string) =>
    (await server.store.db.query<{ count: number }>('SELECT count(*)::int AS count FROM invoices WHERE merchant_number = $1', [invoice]))[0]!.count;

  test('loopback, private, link-local and metadata addresses and local names are refused as a bad PushURL, booking nothing', async () => {
    for (const url of [
      'http://127.0.0.1:8080/push',
      'http://[::1]/push',
      'http://10.0.0.7/push',
      'http://192.168.1.20/push',
      'http://169.254.169.254/latest/meta-data',
      'http://localhost/push',
      'http://intranet.shop.example/push',
      'https://mixed.shop.example/push',
    ]) {
      const request = orderRequest('Pay', { extra: { PushURL: url } });
      const answer = (await client.transaction(request)).json;
      assert.equal(answer.Status.Code.Code, 491, url);
      assert.equal(answer.Status.SubCode.Code, 'VP01', url);
      assert.deepEqual(
        answer.RequestErrors.ParameterErrors.map((error: { Name: string; Error: string }) => [error.Name, error.Error]),
        [['PushURL', 'ParameterInvalid']],
        url,
      );
      assert.equal(await bookedInvoices(request.Invoice), 0, url);
    }
  });

  test('a PushURL whose name resolves to public addresses only, or does not resolve yet, is accepted', async () => {
    for (const url of ['https://shop.example/buckaroo/push', 'https://not-yet.shop.example/push']) {
      const request = orderRequest('Pay', { extra: { PushURL: url } });
      const answer = (await client.transaction(request)).json;
      assert.equal(answer.Status.Code.Code, 190, url);
      assert.equal(await bookedInvoices(request.Invoice), 1, url);
    }
    assert.ok(lookups.includes('shop.example'));
  });

  test('a request without a PushURL resolves nothing', async () => {
    const before = lookups.length;
    const answer = (await client.transaction(orderRequest('Authorize'))).json;
    assert.equal(answer.Status.Code.Code, 190);
    assert.equal(lookups.length, before);
  });
});
