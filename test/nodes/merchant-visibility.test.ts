/**
 * A merchant created through one node is known at once on every other node of the same
 * PostgreSQL database: unknown usernames are not cached (docs/operations.md, "Several nodes").
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiXml, checkFields, post } from '../support/legacy-client.js';
import { startSharedNodes, type SharedNodes } from '../support/shared-nodes.js';
import { TEST_DATABASE_URL } from '../support/test-server.js';
import { postJson } from '../v2/v2-client.js';

const PARTNER_KEY = 'partner-key-0123456789-abcdefghijklmnop';

function merchantRequest(username: string): Record<string, unknown> {
  return {
    billinkUsername: 'partner-one',
    billinkID: 4711,
    username,
    email: `${username}@example.com`,
    companyName: 'Twee Knopen B.V.',
    firstName: 'Anna',
    lastName: 'de Vries',
    phone: '0201234567',
    contactEmail: 'finance@example.com',
    contactPhone: '0207654321',
    street: 'Keizersgracht',
    houseNumber: 100,
    postCode: '1015AA',
    city: 'Amsterdam',
    countryCode: 'NL',
    cocNumber: '12345678',
    vatNumber: 'NL123456789B01',
    bankAccountNumber: 'NL91ABNA0417164300',
    bic: 'ABNANL2A',
    tnv: 'Twee Knopen',
    website: 'https://twee.example.com',
    clientPlatform: 'Magento 2',
    sandbox: true,
  };
}

describe('merchants across nodes', { skip: TEST_DATABASE_URL ? false : 'needs TEST_DATABASE_URL' }, () => {
  let shared: SharedNodes;
  before(async () => {
    shared = await startSharedNodes(2, { PARTNER_API_KEY: PARTNER_KEY });
  });
  after(() => shared.close());

  test('a merchant created through one node authenticates at once on another that had just answered its username as unknown', async () => {
    const [a, b] = shared.nodes as [typeof shared.nodes[0], typeof shared.nodes[0]];
    const username = `shop-${Date.now().toString(36)}`;
    const before = await post(b.url, '/api/check', apiXml('check', checkFields(), {}, { username, clientId: '0'.repeat(40) }));
    assert.equal(before.code, '101');

    const created = await postJson(a.url, '/v2/partner/merchant/create', merchantRequest(username), {
      'content-type': 'application/json',
      'x-partner-key': PARTNER_KEY,
    });
    assert.equal(created.body.code, '200', created.text);

    const after = await post(b.url, '/api/check', apiXml('check', checkFields(), {}, { username, clientId: created.body.uid }));
    assert.equal(after.result, 'MSG', after.text);
  });
});
