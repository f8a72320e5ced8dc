import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { STANDARD_WORKFLOWS } from '../../src/core/merchants/create-merchant.js';
import { setMerchantPassword } from '../../src/core/merchants/set-password.js';
import { DAY, ManualClock } from '../../src/core/shared/clock.js';
import { randomIds } from '../../src/runtime/random-ids.js';
import { SANDBOX_WORKFLOWS } from '../../src/store/seed-sandbox.js';
import { Legacy } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { JSON_CUSTOMER, postJson } from './v2-client.js';
import { merchantClocks } from '../../src/core/shared/merchant-clocks.js';

const PARTNER_KEY = 'partner-key-0123456789-abcdefghijklmnop';
const PATH = '/v2/partner/merchant/create';

let sequence = 0;
/** A complete request as spec §2.15 lists it, with a fresh username. */
function merchantRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  sequence += 1;
  return {
    billinkUsername: 'partner-one',
    billinkID: 4711,
    username: `shop-${sequence}`,
    email: `owner-${sequence}@example.com`,
    companyName: 'Acmé Webwinkel B.V.',
    firstName: 'Anna',
    lastName: 'de Vries',
    phone: '0201234567',
    contactEmail: 'finance@example.com',
    contactPhone: '0207654321',
    street: 'Keizersgracht',
    houseNumber: 100,
    houseExtension: 'A',
    postCode: '1015AA',
    city: 'Amsterdam',
    countryCode: 'NL',
    cocNumber: '12345678',
    vatNumber: 'NL123456789B01',
    bankAccountNumber: 'NL91ABNA0417164300',
    bic: 'ABNANL2A',
    tnv: 'Acme Webwinkel',
    website: 'https://acme.example.com',
    clientPlatform: 'Magento 2',
    ...overrides,
  };
}

function create(body: unknown, key: string | null = PARTNER_KEY, header: 'x-partner-key' | 'bearer' = 'x-partner-key') {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== null) {
    if (header === 'bearer') headers.authorization = `Bearer ${key}`;
    else headers['x-partner-key'] = key;
  }
  return postJson(server.url, PATH, body, headers);
}

let server: TestServer;
let clock: ManualClock;

describe('partner merchant creation', () => {
  before(async () => {
    clock = new ManualClock(new Date());
    server = await startTestServer({ env: { PARTNER_API_KEY: PARTNER_KEY, PUBLIC_URL: 'https://pay.example.test' }, overrides: { clock } });
  });
  after(() => server.close());

  test('a complete request creates a live merchant and answers its username, a 40-hex uid, code and password link', async () => {
    const request = merchantRequest();
    const answer = await create(request);
    assert.equal(answer.status, 200);
    assert.equal(answer.body.result, 'MSG');
    assert.equal(answer.body.code, '200');
    assert.equal(answer.body.description, 'Merchant created');
    assert.equal(answer.body.username, request.username);
    assert.match(answer.body.uid, /^[0-9a-f]{40}$/);
    assert.equal(answer.body.merchantCode, 'ACME');
    assert.equal(answer.body.sandbox, false);
    assert.match(answer.body.changePasswordLink, /^https:\/\/pay\.example\.test\/v2\/merchant\/password\/[A-Za-z0-9_-]{16,}$/);
    const rows = await server.store.db.query<{ mode: string; name: string; email: string }>(
      'SELECT mode, name, email FROM merchants WHERE username = $1',
      [request.username],
    );
    assert.equal(answer.body.mode, 'live');
    assert.deepEqual(rows, [{ mode: 'live', name: 'Acmé Webwinkel B.V.', email: request.email }]);
    const profile = await server.store.db.query<{ profile: Record<string, string> }>(
      'SELECT p.profile FROM merchant_profiles p JOIN merchants m ON m.id = p.merchant_id WHERE m.username = $1',
      [request.username],
    );
    assert.equal(profile[0]!.profile.bic, 'ABNANL2A');
    assert.equal(profile[0]!.profile.partnerId, '4711');
  });

  test('the new merchant can use both APIs at once, with workflows 1 to 3', async () => {
    const created = (await create(merchantRequest())).body;
    const settings = await postJson(server.url, '/v2/client/webshop-settings', { billinkUsername: created.username, billinkID: created.uid });
    assert.equal(settings.body.status, 'success');
    const legacy = new Legacy(server.url, { username: created.username, clientId: created.uid, code: created.merchantCode });
    for (const workflow of ['1', '2', '3']) {
      const type = workflow === '2' ? 'B' : 'P';
      const fields = { ...legacyCustomer(), WORKFLOWNUMBER: workflow, TYPE: type, COMPANYNAME: 'Klant BV', CHAMBEROFCOMMERCE: '87654321' };
      const answer = await legacy.call('/api/check', 'Check', fields);
      assert.equal(answer.code, '500', `workflow ${workflow}: ${answer.text}`);
    }
    assert.equal((await legacy.call('/api/check', 'Check', { ...legacyCustomer(), WORKFLOWNUMBER: '4' })).code, '105');
  });

  test('the standard workflows are the sandbox merchants\' workflows', () => {
    assert.deepEqual(STANDARD_WORKFLOWS, SANDBOX_WORKFLOWS);
  });

  test('a live merchant ignores the sandbox BACKDOOR; a merchant asked for as sandbox honours it', async () => {
    const live = (await create(merchantRequest())).body;
    const sandbox = (await create(merchantRequest({ sandbox: true }))).body;
    assert.equal(sandbox.sandbox, true);
    const check = (merchant: { username: string; uid: string }) =>
      postJson(server.url, '/v2/client/check', {
        billinkUsername: merchant.username,
        billinkID: merchant.uid,
        ...JSON_CUSTOMER,
        email: `backdoor-${merchant.username}@example.com`,
        orderAmount: '10.00',
        backdoor: 2,
      });
    assert.equal((await check(live)).body.code, '500');
    assert.equal((await check(sandbox)).body.code, '501');
  });

  test('merchant codes come from the company name and are made unique', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) codes.push((await create(merchantRequest({ companyName: 'Zebra Zaken' }))).body.merchantCode);
    assert.deepEqual(codes, ['ZEBR', 'ZEBR2', 'ZEBR3']);
    assert.equal((await create(merchantRequest({ companyName: 'Q8' }))).body.merchantCode, 'Q8');
    assert.equal((await create(merchantRequest({ companyName: '!!' }))).body.merchantCode, 'MX');
    assert.equal((await create(merchantRequest({ companyName: 'Test Shop' }))).body.merchantCode, 'TEST');
  });

  test('registrations at the same moment never share a code or a username', async () => {
    const sameName = await Promise.all(Array.from({ length: 5 }, () => create(merchantRequest({ companyName: 'Parallel Plaza' }))));
    const codes = sameName.map((answer) => answer.body.merchantCode);
    assert.deepEqual([...codes].sort(), ['PARA', 'PARA2', 'PARA3', 'PARA4', 'PARA5']);
    const request = merchantRequest();
    const sameUser = await Promise.all(Array.from({ length: 4 }, () => create(request)));
    assert.deepEqual(sameUser.map((answer) => answer.body.code).sort(), ['200', '403', '403', '403']);
  });

  test('every missing required field is named in one error, in the flat shape with HTTP 200', async () => {
    const before = await count('merchants');
    const answer = await create({ companyName: 'Half', username: 'half-done', bic: 'ABNANL2A' });
    assert.equal(answer.status, 200);
    const description =
      'Missing required fields: billinkUsername, billinkID, email, firstName, lastName, phone, contactEmail, contactPhone, ' +
      'street, houseNumber, postCode, city, countryCode, cocNumber, vatNumber, bankAccountNumber, tnv';
    assert.deepEqual(answer.body, { result: 'error', code: '401', description, error: { code: '401', description } });
    const one = await create(merchantRequest({ tnv: '  ' }));
    assert.equal(one.body.description, 'Missing required fields: tnv');
    assert.equal(await count('merchants'), before);
  });

  test('malformed fields are named together with code 402 and nothing is created', async () => {
    const before = await count('merchants');
    const answer = await create(
      merchantRequest({ email: 'not-an-email', countryCode: 'XX', bankAccountNumber: 'NL00ABNA0000000000', bic: '12', website: 'ftp://x' }),
    );
    assert.equal(answer.body.code, '402');
    assert.equal(answer.body.description, 'Invalid fields: email, countryCode, bankAccountNumber, bic, website');
    assert.equal((await create(merchantRequest({ username: 'a b' }))).body.description, 'Invalid fields: username');
    assert.equal((await create(merchantRequest({ logoBase64: 'not base64!' }))).body.description, 'Invalid fields: logoBase64');
    assert.equal(await count('merchants'), before);
  });

  test('a username that exists answers 403, the sandbox accounts included', async () => {
    const answer = await create(merchantRequest({ username: 'usertest' }));
    assert.deepEqual(answer.body, {
      result: 'error',
      code: '403',
      description: 'Username usertest already exists',
      error: { code: '403', description: 'Username usertest already exists' },
    });
  });

  test('the partner key is read from X-Partner-Key or a Bearer token; a missing key is 401 and a wrong one 403', async () => {
    assert.equal((await create(merchantRequest(), PARTNER_KEY, 'bearer')).body.code, '200');
    const missing = await create(merchantRequest(), null);
    assert.deepEqual([missing.status, missing.body], [401, { status: 'error', message: 'Partner key missing' }]);
    const wrong = await create(merchantRequest(), `${PARTNER_KEY.slice(0, -1)}X`);
    assert.deepEqual([wrong.status, wrong.body], [403, { status: 'error', message: 'Partner key is not valid' }]);
    assert.equal((await create(merchantRequest(), `${PARTNER_KEY}extra`)).status, 403);
    assert.equal((await create(merchantRequest(), 'short')).status, 403);
  });

  test('a body that is not JSON answers 400 {status, message}', async () => {
    const answer = await postJson(server.url, PATH, '{"username":', { 'content-type': 'application/json', 'x-partner-key': PARTNER_KEY });
    assert.deepEqual([answer.status, answer.body], [400, { status: 'error', message: 'Request body is not valid JSON' }]);
  });

  test('changePasswordLink false leaves the link out', async () => {
    const answer = await create(merchantRequest({ changePasswordLink: false }));
    assert.equal(answer.body.code, '200');
    assert.equal('changePasswordLink' in answer.body, false);
  });

  test('the password link shows a form and sets a scrypt-hashed password once', async () => {
    const created = (await create(merchantRequest())).body;
    const page = await fetch(created.changePasswordLink.replace('https://pay.example.test', server.url));
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await page.text(), /<form id="form">/);
    const token = created.changePasswordLink.split('/').pop();
    const short = await postJson(server.url, '/v2/merchant/password', { token, password: 'short' });
    assert.deepEqual([short.status, short.body], [400, { status: 'error', message: 'Password must be at least 12 characters long' }]);
    const long = await postJson(server.url, '/v2/merchant/password', { token, password: 'x'.repeat(257) });
    assert.deepEqual([long.status, long.body], [400, { status: 'error', message: 'Password is too long' }]);
    const set = await postJson(server.url, '/v2/merchant/password', { token, password: 'correct horse battery' });
    assert.deepEqual([set.status, set.body], [200, { status: 'success', message: 'Password has been set' }]);
    const stored = await server.store.db.query<{ password_hash: string }>('SELECT password_hash FROM merchants WHERE username = $1', [created.username]);
    assert.match(stored[0]!.password_hash, /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    assert.equal(stored[0]!.password_hash.includes('correct horse'), false);
    const again = await postJson(server.url, '/v2/merchant/password', { token, password: 'another long password' });
    assert.deepEqual([again.status, again.body], [410, { status: 'error', message: 'This link has been used already' }]);
  });

  test('an unknown password link answers 404 and an expired one 410', async () => {
    const unknown = await postJson(server.url, '/v2/merchant/password', { token: 'A'.repeat(22), password: 'long enough password' });
    assert.deepEqual([unknown.status, unknown.body], [404, { status: 'error', message: 'Link not found' }]);
    const created = (await create(merchantRequest())).body;
    clock.advance(8 * DAY);
    const token = created.changePasswordLink.split('/').pop();
    const expired = await postJson(server.url, '/v2/merchant/password', { token, password: 'long enough password' });
    assert.deepEqual([expired.status, expired.body], [410, { status: 'error', message: 'This link has expired' }]);
  });

  test('a link that is unknown, used or expired is refused before the password is hashed', async () => {
    const hashed: string[] = [];
    const hasher = async (password: string) => {
      hashed.push(password);
      return 'scrypt$counted';
    };
    const context = { store: server.store, clock, clocks: merchantClocks(clock), ids: randomIds, settings: { checkValidityMinutes: 1, creditLimits: { privateExposure: 0, businessExposure: 0 } } };
    const attempt = (token: string) =>
      setMerchantPassword(context, { token, password: 'long enough password' }, hasher).then(() => 'set', (error: { code: string }) => error.code);
    const tokenOf = async () => ((await create(merchantRequest())).body.changePasswordLink as string).split('/').pop()!;

    assert.equal(await attempt('A'.repeat(22)), 'link_unknown');
    const used = await tokenOf();
    assert.equal((await postJson(server.url, '/v2/merchant/password', { token: used, password: 'the first password' })).status, 200);
    assert.equal(await attempt(used), 'link_used');
    const stale = await tokenOf();
    clock.advance(8 * DAY);
    assert.equal(await attempt(stale), 'link_expired');
    assert.deepEqual(hashed, []);

    assert.equal(await attempt(await tokenOf()), 'set');
    assert.deepEqual(hashed, ['long enough password']);
  });
});

describe('partner merchant creation without a configured key', () => {
  let bare: TestServer;
  before(async () => {
    bare = await startTestServer();
  });
  after(() => bare.close());

  test('every request is refused with 403, whatever key it sends', async () => {
    const variants: Record<string, string>[] = [{}, { 'x-partner-key': PARTNER_KEY }, { authorization: 'Bearer ' }];
    for (const headers of variants) {
      const answer = await postJson(bare.url, PATH, merchantRequest(), { 'content-type': 'application/json', ...headers });
      assert.equal(answer.status, 403);
      assert.deepEqual(answer.body, { status: 'error', message: 'Merchant creation is not enabled on this server' });
    }
  });
});

async function count(table: string): Promise<number> {
  return Number((await server.store.db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);
}

function legacyCustomer(): Record<string, string> {
  sequence += 1;
  return {
    TYPE: 'P', FIRSTNAME: 'John', LASTNAME: 'Doe', STREET: 'Damrak', HOUSENUMBER: '1', POSTALCODE: '1234AB', CITY: 'Amsterdam',
    COUNTRYCODE: 'NL', PHONENUMBER: '0612345678', BIRTHDATE: '01-01-1990', EMAIL: `legacy-${sequence}@example.com`, ORDERAMOUNT: '10.00',
  };
}
