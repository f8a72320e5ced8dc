/**
 * A merchant created through one node is known at once on every other node of the same
 * PostgreSQL database: unknown usernames are not cached (docs/operations.md, "Several nodes").
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiXml, checkFields, post } from '../support/legacy-client.js';
import { startSharedNodes, type SharedNodes } from '../support/shared-nodes.js';
import { TEST_DATABASE_URL } from '../support/test-server.js';
import { createMerchant, PARTNER_KEY } from '../support/new-merchant.js';

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

    const created = await createMerchant(a.url, { sandbox: true, username, companyName: 'Twee Knopen B.V.' });

    const after = await post(b.url, '/api/check', apiXml('check', checkFields(), {}, { username, clientId: created.clientId }));
    assert.equal(after.result, 'MSG', after.text);
  });
});
