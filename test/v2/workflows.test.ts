import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { call, CREDENTIALS, JSON_CUSTOMER, postJson } from './v2-client.js';

const GOLDEN = new URL('./golden/', import.meta.url);
const PARTNER_KEY = 'workflow-partner-key-0123456789abcdefgh';

describe('the workflow settings of the v2 API', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { PARTNER_API_KEY: PARTNER_KEY } });
  });
  after(() => server.close());

  const list = async () => (await call(server.url, '/v2/client/workflows')).body;
  const set = (fields: Record<string, unknown>) => call(server.url, '/v2/client/workflow/set', fields);

  test("lists the merchant's workflows with every setting at its default, like its golden", async () => {
    const answer = await call(server.url, '/v2/client/workflows');
    assert.equal(answer.text, JSON.stringify(answer.body));
    assert.equal(`${JSON.stringify(answer.body, null, 2)}\n`, readFileSync(new URL('workflows.json', GOLDEN), 'utf8'));
  });

  test('a change stores what it names, keeps every other value and is read back at once', async () => {
    const changed = await set({
      workflowNumber: 3,
      startDelayDays: 1,
      reminders: [{ waitDays: 5, fee: '2.50' }, { waitDays: 10, fee: 5 }],
      businessCompensation: '55.00',
      payout: { feeBasisPoints: 150, feeFixed: '0.25' },
    });
    assert.equal(changed.body.result, 'MSG', changed.text);
    assert.equal(changed.body.description, 'Workflow 3 has been changed');
    const workflow = (await list()).workflows.find((w: { workflowNumber: number }) => w.workflowNumber === 3);
    assert.deepEqual(workflow, changed.body.workflow);
    assert.deepEqual(workflow, {
      workflowNumber: 3,
      name: 'No guarantee',
      guaranteed: false,
      maxAmount: null,
      customerTypes: ['P', 'B'],
      paymentTermDays: 14,
      startDelayDays: 1,
      reminders: [
        { name: 'Reminder 1', waitDays: 5, fee: '2.50' },
        { name: 'Reminder 2', waitDays: 10, fee: '5.00' },
      ],
      finalNoticeWaitDays: 14,
      businessCompensation: '55.00',
      payout: { guaranteedAfterDays: 14, feeBasisPoints: 150, feeFixed: '0.25' },
    });
  });

  test('a change with broken values names every one of them and changes nothing', async () => {
    const before = await list();
    const refused = await set({
      workflowNumber: 2,
      name: '',
      paymentTermDays: 0,
      startDelayDays: 'soon',
      reminders: [{ waitDays: 7, fee: '10,50' }, { fee: '1.00' }],
      maxAmount: '-5.00',
      customerTypes: ['P', 'X'],
      payout: { feeBasisPoints: 10_001 },
    });
    assert.deepEqual(refused.body, {
      result: 'error',
      code: '403',
      description:
        'Invalid workflow settings: startDelayDays, reminders[0].fee, reminders[1].waitDays, name, paymentTermDays, maxAmount, payout.feeBasisPoints, customerTypes',
      error: {
        code: '403',
        description:
          'Invalid workflow settings: startDelayDays, reminders[0].fee, reminders[1].waitDays, name, paymentTermDays, maxAmount, payout.feeBasisPoints, customerTypes',
      },
    });
    assert.deepEqual(await list(), before);
  });

  test('an unknown workflow number, a missing one and wrong credentials get their own codes', async () => {
    assert.equal((await set({ workflowNumber: 9, paymentTermDays: 30 })).body.description, 'Unknown workflow number 9');
    assert.equal((await set({ paymentTermDays: 30 })).body.code, '402');
    const wrong = await postJson(server.url, '/v2/client/workflow/set', { ...CREDENTIALS, billinkID: 'f'.repeat(40), workflowNumber: 1 });
    assert.equal(wrong.body.code, '102');
    assert.equal((await postJson(server.url, '/v2/client/workflows', { billinkUsername: 'nobody', billinkID: 'x' })).body.code, '101');
  });

  test('restricting the customer types and the maximum takes effect on the next check', async () => {
    const check = (fields: Record<string, unknown>) =>
      call(server.url, '/v2/client/check', { ...JSON_CUSTOMER, workflowNumber: 2, orderAmount: 104.85, email: 'types@example.com', ...fields });
    assert.equal((await check({})).body.code, '500');
    assert.equal((await set({ workflowNumber: 2, customerTypes: ['B'], maxAmount: 100 })).body.result, 'MSG');
    assert.equal((await check({})).body.code, '432');
    assert.equal((await set({ workflowNumber: 2, customerTypes: ['P', 'B'] })).body.workflow.maxAmount, '100.00');
    assert.notEqual((await check({})).body.code, '500');
    assert.equal((await check({ orderAmount: 99.5 })).body.code, '500');
  });

  test('two changes at once to different settings both last', async () => {
    const [a, b] = await Promise.all([set({ workflowNumber: 1, paymentTermDays: 30 }), set({ workflowNumber: 1, finalNoticeWaitDays: 21 })]);
    assert.equal(a.body.result, 'MSG');
    assert.equal(b.body.result, 'MSG');
    const workflow = (await list()).workflows[0];
    assert.equal(workflow.paymentTermDays, 30);
    assert.equal(workflow.finalNoticeWaitDays, 21);
  });

  test('a partner creates a merchant with its own workflows and settings', async () => {
    const created = await postJson(
      server.url,
      '/v2/partner/merchant/create',
      {
        ...merchantFields('own-workflows'),
        workflows: [
          { workflowNumber: 5, name: 'Business only', customerTypes: ['B'], paymentTermDays: 30, reminders: [] },
          { workflowNumber: 4, maxAmount: '750.00', startDelayDays: 0 },
        ],
      },
      { 'content-type': 'application/json', 'x-partner-key': PARTNER_KEY },
    );
    assert.equal(created.body.result, 'MSG', created.text);
    const [four, five] = created.body.workflows;
    assert.deepEqual([four.workflowNumber, four.name, four.maxAmount, four.startDelayDays, four.reminders.length], [4, 'Workflow 4', '750.00', 0, 1]);
    assert.deepEqual([five.workflowNumber, five.customerTypes, five.paymentTermDays, five.reminders], [5, ['B'], 30, []]);
    const read = await call(server.url, '/v2/client/workflows', { billinkUsername: 'own-workflows', billinkID: created.body.uid });
    assert.deepEqual(read.body.workflows, created.body.workflows);
  });

  test('merchant create names every broken workflow value and creates nobody', async () => {
    const refused = await postJson(
      server.url,
      '/v2/partner/merchant/create',
      { ...merchantFields('broken-workflows'), workflows: [{ workflowNumber: 1, paymentTermDays: 400 }, { workflowNumber: 1 }, 'x'] },
      { 'content-type': 'application/json', 'x-partner-key': PARTNER_KEY },
    );
    assert.equal(refused.body.code, '402');
    assert.equal(
      refused.body.description,
      'Invalid fields: workflows[0].paymentTermDays, workflows[1].workflowNumber, workflows[2].workflowNumber',
    );
    const read = await call(server.url, '/v2/client/workflows', { billinkUsername: 'broken-workflows', billinkID: 'x' });
    assert.equal(read.body.code, '101');
  });
});

function merchantFields(username: string): Record<string, unknown> {
  return {
    billinkUsername: 'partner', billinkID: 1, username, email: 'owner@example.com', companyName: `Shop ${username}`,
    firstName: 'Anna', lastName: 'de Vries', phone: '0201234567', contactEmail: 'finance@example.com', contactPhone: '0207654321',
    street: 'Keizersgracht', houseNumber: '100', postCode: '1015AA', city: 'Amsterdam', countryCode: 'NL', cocNumber: '12345678',
    vatNumber: 'NL123456789B01', bankAccountNumber: 'NL91ABNA0417164300', bic: 'ABNANL2A', tnv: 'Shop', changePasswordLink: false,
  };
}
