/**
 * Sandbox and live merchants (docs/security.md "Sandbox and live merchants"): the public sandbox
 * merchants are seeded only where SANDBOX_SEED says so (on for the embedded database, off for
 * PostgreSQL and in production), a server that has sandbox merchants says so in one warning at
 * start, and the sandbox triggers (BACKDOOR=1/2, +decline@) never work on a live merchant.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.js';
import { freshCustomer } from '../support/fresh-customer.js';
import { Legacy, USERTEST, orderFields, orderNumber, type Fields } from '../support/legacy-client.js';
import { TEST_DATABASE_URL, startTestServer, type TestServer } from '../support/test-server.js';
import { postJson } from '../v2/v2-client.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PARTNER_KEY = 'partner-key-0123456789-abcdefghijklmnop';

describe('SANDBOX_SEED', () => {
  test('is on for the embedded database and off with DATABASE_URL or NODE_ENV=production, unless set', () => {
    assert.equal(loadConfig({}).sandboxSeed, true);
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://db/achteraf' }).sandboxSeed, false);
    assert.equal(loadConfig({ NODE_ENV: 'production' }).sandboxSeed, false);
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://db/achteraf', SANDBOX_SEED: 'on' }).sandboxSeed, true);
    assert.equal(loadConfig({ SANDBOX_SEED: 'off' }).sandboxSeed, false);
    assert.throws(() => loadConfig({ SANDBOX_SEED: 'maybe' }), ConfigError);
  });

  test('off: a fresh database has no sandbox merchant, so the published credentials answer 101', async () => {
    const server = await startTestServer({ env: { SANDBOX_SEED: 'off' } });
    try {
      assert.deepEqual(await server.store.db.query('SELECT username FROM merchants'), []);
      assert.equal((await new Legacy(server.url).call('/api/status', 'Status', {}, { INVOICES: [{ INVOICENUMBER: 'X' }] })).code, '101');
    } finally {
      await server.close();
    }
  });

  test('unset: the default of the engine under test decides', async () => {
    const server = await startTestServer({ env: { SANDBOX_SEED: '' } });
    try {
      const rows = await server.store.db.query<{ username: string; mode: string }>('SELECT username, mode FROM merchants ORDER BY username');
      assert.deepEqual(rows, TEST_DATABASE_URL ? [] : [{ username: 'apitest', mode: 'sandbox' }, { username: 'usertest', mode: 'sandbox' }]);
    } finally {
      await server.close();
    }
  });
});

/** Starts `npm start`'s entry point on a fresh embedded database and collects its log until it listens. */
function startLog(env: Record<string, string>): Promise<string[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'achteraf-seed-'));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/bin/server.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', DATA_DIR: dataDir, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      if (/Achteraf listening/.test(output)) child.kill('SIGTERM');
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('exit', () => {
      rmSync(dataDir, { recursive: true, force: true });
      if (!/Achteraf listening/.test(output)) return reject(new Error(`the server did not start:\n${output}`));
      resolve(output.split('\n').filter(Boolean));
    });
  });
}

describe('the start log', () => {
  test('names the sandbox merchants in one warning when they exist', async () => {
    const lines = await startLog({});
    const warnings = lines.filter((line) => /SANDBOX MERCHANTS/.test(line));
    assert.equal(warnings.length, 1, lines.join('\n'));
    const warning = JSON.parse(warnings[0]!);
    assert.equal(warning.level, 40);
    assert.match(warning.msg, /SANDBOX MERCHANTS ACTIVE: usertest, apitest\./);
  });

  test('says nothing of sandbox merchants when there are none', async () => {
    const lines = await startLog({ SANDBOX_SEED: 'off' });
    assert.deepEqual(lines.filter((line) => /sandbox/i.test(line)), []);
  });
});

describe('sandbox triggers work on sandbox merchants only', () => {
  let server: TestServer;
  let sandbox: Legacy;
  let live: Legacy;
  before(async () => {
    server = await startTestServer({ env: { PARTNER_API_KEY: PARTNER_KEY } });
    sandbox = new Legacy(server.url, USERTEST);
    const created = await postJson(server.url, '/v2/partner/merchant/create', liveMerchantRequest(), {
      'content-type': 'application/json',
      'x-partner-key': PARTNER_KEY,
    });
    assert.equal(created.body.mode, 'live', created.text);
    live = new Legacy(server.url, { username: created.body.username, clientId: created.body.uid, code: created.body.merchantCode });
  });
  after(() => server.close());

  const check = (legacy: Legacy, fields: Fields) => legacy.call('/api/check', 'Check', { ...checkFieldsFor(fields) });

  test('the seeded merchants are sandbox merchants, a partner-created one is live', async () => {
    const rows = await server.store.db.query<{ username: string; mode: string }>('SELECT username, mode FROM merchants ORDER BY created_at, username');
    assert.deepEqual(rows.map((row) => row.mode), ['sandbox', 'sandbox', 'live']);
  });

  test('BACKDOOR=2 or N declines on a sandbox merchant and is ignored on a live one', async () => {
    for (const backdoor of ['2', 'N']) {
      assert.equal((await check(sandbox, freshCustomer({ BACKDOOR: backdoor }))).code, '501');
      assert.equal((await check(live, freshCustomer({ BACKDOOR: backdoor }))).code, '500');
    }
  });

  test('BACKDOOR=1 or Y approves a customer the rules decline on a sandbox merchant only', async () => {
    const abroad = { COUNTRYCODE: 'DE', POSTALCODE: '10115' };
    for (const backdoor of ['1', 'Y']) {
      assert.equal((await check(sandbox, freshCustomer({ ...abroad, BACKDOOR: backdoor }))).code, '500');
      assert.equal((await check(live, freshCustomer({ ...abroad, BACKDOOR: backdoor }))).code, '501');
    }
  });

  test('an e-mail address with +decline declines on a sandbox merchant; a live merchant checks and places the order', async () => {
    const email = () => `shopper-${orderNumber().toLowerCase()}+decline@example.com`;
    assert.equal((await check(sandbox, freshCustomer({ EMAIL: email() }))).code, '501');
    const customer = freshCustomer({ EMAIL: email() });
    const approved = await check(live, customer);
    assert.equal(approved.code, '500');
    const order = await live.call('/api/order', 'Order', orderFields(String(approved.api.UUID), orderNumber(), customer), {
      ORDERITEMS: [{ CODE: 'SKU-1', DESCRIPTION: 'Trui', ORDERQUANTITY: '1', PRICEINCL: '10.00', BTW: '21' }],
    });
    assert.equal(order.code, '200', order.text);
  });

  test('the v2 check honours backdoor on a sandbox merchant only', async () => {
    const v2Check = (username: string, clientId: string) =>
      postJson(server.url, '/v2/client/check', {
        billinkUsername: username,
        billinkID: clientId,
        type: 'P', workflowNumber: 1, firstName: 'John', lastName: 'Doe', street: 'Damrak', houseNumber: 7, postalCode: '1234AB',
        city: 'Amsterdam', countryCode: 'NL', phoneNumber: '0612345678', birthDate: '01-01-1990',
        email: `${orderNumber().toLowerCase()}@example.com`, orderAmount: '10.00', backdoor: 2,
      });
    assert.equal((await v2Check(USERTEST.username, USERTEST.clientId)).body.code, '501');
    assert.equal((await v2Check(live.merchant.username, live.merchant.clientId)).body.code, '500');
  });
});

function checkFieldsFor(fields: Fields): Fields {
  return {
    TYPE: 'P', WORKFLOWNUMBER: '1', FIRSTNAME: 'John', LASTNAME: 'Doe', STREET: 'Damrak', HOUSENUMBER: '1', POSTALCODE: '1234AB',
    CITY: 'Amsterdam', COUNTRYCODE: 'NL', PHONENUMBER: '0612345678', BIRTHDATE: '01-01-1990', ORDERAMOUNT: '10.00', ...fields,
  };
}

function liveMerchantRequest(): Record<string, unknown> {
  return {
    billinkUsername: 'partner-one', billinkID: 4711, username: `live-shop-${process.pid}`, email: 'owner@example.com',
    companyName: 'Live Winkel B.V.', firstName: 'Anna', lastName: 'de Vries', phone: '0201234567', contactEmail: 'finance@example.com',
    contactPhone: '0207654321', street: 'Keizersgracht', houseNumber: 100, postCode: '1015AA', city: 'Amsterdam', countryCode: 'NL',
    cocNumber: '12345678', vatNumber: 'NL123456789B01', bankAccountNumber: 'NL91ABNA0417164300', bic: 'ABNANL2A', tnv: 'Live Winkel',
  };
}
