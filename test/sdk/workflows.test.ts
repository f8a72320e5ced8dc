/**
 * The SDK's workflow methods against a real server: the list with every setting, a change with
 * amounts given as decimal strings and as cents, a refusal naming every broken value, and a partner
 * creating a merchant with its own workflows.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Billink, BillinkApiError } from '@achteraf/billink';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { client } from './sdk-fixtures.js';

const PARTNER_KEY = 'partner-key-for-the-sdk-workflow-tests-01';

describe('the SDK on the workflow settings', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { PARTNER_API_KEY: PARTNER_KEY } });
  });
  after(() => server.close());

  test("lists the merchant's workflows with their settings", async () => {
    const workflows = await client(server.url).workflows.list();
    assert.deepEqual(workflows.map((workflow) => workflow.workflowNumber), [1, 2, 3]);
    assert.deepEqual(workflows[0]!.reminders, [{ name: 'Reminder 1', waitDays: 7, fee: '0.00' }]);
    assert.equal(workflows[0]!.businessCompensation, '40.00');
  });

  test('changes one workflow with amounts as decimal strings or cents and reads it back', async () => {
    const billink = client(server.url);
    const changed = await billink.workflows.set({
      workflowNumber: 2,
      maxAmount: { cents: 150_000 },
      reminders: [{ waitDays: 5, fee: '2.5' }, { waitDays: 9 }],
      payout: { feeFixed: { cents: 25 } },
    });
    assert.equal(changed.maxAmount, '1500.00');
    assert.deepEqual(changed.reminders, [
      { name: 'Reminder 1', waitDays: 5, fee: '2.50' },
      { name: 'Reminder 2', waitDays: 9, fee: '0.00' },
    ]);
    assert.equal(changed.payout.feeFixed, '0.25');
    assert.deepEqual((await billink.workflows.list())[1], changed);
  });

  test('a refused change throws the endpoint code naming every broken value', async () => {
    const error = await client(server.url).workflows.set({ workflowNumber: 1, paymentTermDays: 0, startDelayDays: 31 }).catch((e: unknown) => e);
    assert.ok(error instanceof BillinkApiError);
    assert.equal(error.code, '403');
    assert.equal(error.description, 'Invalid workflow settings: paymentTermDays, startDelayDays');
    await assert.rejects(client(server.url).workflows.set({ workflowNumber: 1, businessCompensation: 40 as never }), TypeError);
  });

  test('a partner creates a merchant with its own workflows, which the new merchant reads', async () => {
    const partner = new Billink({ baseUrl: server.url });
    const created = await partner.partners.createMerchant({
      partnerKey: PARTNER_KEY, billinkUsername: 'partner', billinkID: 1, username: 'sdk-own-workflows', email: 'owner@example.com',
      companyName: 'SDK Workflows', firstName: 'Anna', lastName: 'de Vries', phone: '0201234567', contactEmail: 'finance@example.com',
      contactPhone: '0207654321', street: 'Keizersgracht', houseNumber: '100', postCode: '1015AA', city: 'Amsterdam', countryCode: 'NL',
      cocNumber: '12345678', vatNumber: 'NL123456789B01', bankAccountNumber: 'NL91ABNA0417164300', bic: 'ABNANL2A', tnv: 'SDK',
      changePasswordLink: false,
      workflows: [{ workflowNumber: 7, name: 'Slow payers', paymentTermDays: 30, businessCompensation: { cents: 5_000 } }],
    });
    assert.deepEqual(created.workflows.map((w) => [w.workflowNumber, w.name, w.paymentTermDays, w.businessCompensation]), [[7, 'Slow payers', 30, '50.00']]);
    const merchant = new Billink({ baseUrl: server.url, username: created.username, clientId: created.uid });
    assert.deepEqual(await merchant.workflows.list(), created.workflows);
  });
});
