/**
 * A merchant a partner creates gets its own Buckaroo website key and secret key, shown once in the
 * create answer, and can replace them through the v2 API: the old pair stops working at once
 * (docs/buckaroo.md "Credentials").
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BuckarooClient, orderRequest } from '../support/buckaroo-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { postJson } from '../v2/v2-client.js';

const PARTNER_KEY = 'partner-key-0123456789-abcdefghijklmnop';

async function createMerchant(server: TestServer, username: string) {
  const answer = await postJson(
    server.url,
    '/v2/partner/merchant/create',
    {
      billinkUsername: 'partner-one', billinkID: 4711, username, email: `${username}@example.com`, companyName: 'Speelgoed Plaza',
      firstName: 'Anna', lastName: 'de Vries', phone: '0201234567', contactEmail: 'finance@example.com', contactPhone: '0207654321',
      street: 'Keizersgracht', houseNumber: '100', postCode: '1015AA', city: 'Amsterdam', countryCode: 'NL', cocNumber: '12345678',
      vatNumber: 'NL123456789B01', bankAccountNumber: 'NL91ABNA0417164300', bic: 'ABNANL2A', tnv: 'Speelgoed Plaza', sandbox: true,
    },
    { 'content-type': 'application/json', 'x-partner-key': PARTNER_KEY },
  );
  assert.equal(answer.body.result, 'MSG', JSON.stringify(answer.body));
  return answer.body as { username: string; uid: string; buckaroo: { websiteKey: string; secretKey: string } };
}

const pairOf = (buckaroo: { websiteKey: string; secretKey: string }) => ({ websiteKey: buckaroo.websiteKey, secret: buckaroo.secretKey });
const specification = (client: BuckarooClient) => client.send('GET', '/json/Transaction/Specification/ideal?serviceVersion=2');

describe('Buckaroo credentials of partner-created merchants', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { PARTNER_API_KEY: PARTNER_KEY } });
  });
  after(() => server.close());

  test('a created merchant gets its own website key and secret key, and a Pay signed with them books on that merchant', async () => {
    const created = await createMerchant(server, `plaza-${Date.now()}`);
    assert.match(created.buckaroo.websiteKey, /^[A-Z2-9]{10}$/);
    assert.ok(created.buckaroo.secretKey.length >= 40);
    const client = new BuckarooClient(server.url, pairOf(created.buckaroo));
    const pay = await client.transaction(orderRequest('Pay'));
    assert.equal(pay.json.Status.Code.Code, 190, JSON.stringify(pay.json));
    assert.ok(pay.signedCorrectly, 'the answer is signed with the new secret key');
    const [row] = await server.store.db.query<{ username: string }>(
      'SELECT m.username FROM buckaroo_transactions t JOIN merchants m ON m.id = t.merchant_id WHERE t.key = $1',
      [pay.json.Key],
    );
    assert.equal(row!.username, created.username);
  });

  test('two created merchants get different pairs', async () => {
    const one = await createMerchant(server, `plaza-a-${Date.now()}`);
    const two = await createMerchant(server, `plaza-b-${Date.now()}`);
    assert.notEqual(one.buckaroo.websiteKey, two.buckaroo.websiteKey);
    assert.notEqual(one.buckaroo.secretKey, two.buckaroo.secretKey);
  });

  test('rotating answers a new pair once; the old pair is refused at once and the new one works', async () => {
    const created = await createMerchant(server, `plaza-r-${Date.now()}`);
    const old = new BuckarooClient(server.url, pairOf(created.buckaroo));
    assert.equal((await specification(old)).status, 200);
    const rotated = await postJson(server.url, '/v2/client/buckaroo/credentials/rotate', { billinkUsername: created.username, billinkID: created.uid });
    assert.equal(rotated.status, 200);
    assert.equal(rotated.body.status, 'success');
    assert.match(rotated.body.websiteKey, /^[A-Z2-9]{10}$/);
    assert.notEqual(rotated.body.websiteKey, created.buckaroo.websiteKey);
    assert.notEqual(rotated.body.secretKey, created.buckaroo.secretKey);
    assert.equal((await specification(old)).status, 401);
    const renewed = new BuckarooClient(server.url, pairOf(rotated.body as { websiteKey: string; secretKey: string }));
    const answer = await specification(renewed);
    assert.equal(answer.status, 200);
    assert.ok(answer.signedCorrectly);
  });

  test('rotating with a wrong client id is refused as Billink refuses it and keeps the pair', async () => {
    const created = await createMerchant(server, `plaza-w-${Date.now()}`);
    const refused = await postJson(server.url, '/v2/client/buckaroo/credentials/rotate', { billinkUsername: created.username, billinkID: 'f'.repeat(40) });
    assert.deepEqual([refused.status, refused.body], [404, { status: 'error', message: 'Client not found' }]);
    assert.equal((await specification(new BuckarooClient(server.url, pairOf(created.buckaroo)))).status, 200);
  });
});
