/**
 * The reconciliation page's payout list over real invoices: the period's bounds (from included,
 * until excluded), oldest first with paging, claw-backs negative in the sums, the fee terms an
 * invoice copied at its start, and never another merchant's settlements.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SqlPayoutList } from '../../src/store/dashboard-payout-repository.js';
import { freshCustomer } from '../support/fresh-customer.js';
import { APITEST, Legacy, USERTEST } from '../support/legacy-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { postJson } from '../v2/v2-client.js';

describe('the dashboard payout list', () => {
  let server: TestServer;
  let payouts: SqlPayoutList;
  let started: string;
  let unstarted: string;
  const from = new Date('2026-03-01T00:00:00+01:00');
  const until = new Date('2026-04-01T00:00:00+02:00');

  const settle = async (invoice: string, kind: 'payout' | 'clawback', gross: number, fee: number, at: string) => {
    await server.store.db.query(
      `INSERT INTO settlements (merchant_id, invoice_id, kind, gross, fee, net, created_at)
       SELECT merchant_id, id, $2, $3, $4, $5, $6 FROM invoices WHERE invoice_number = $1`,
      [invoice, kind, gross, fee, gross - fee, new Date(at)],
    );
  };

  before(async () => {
    server = await startTestServer({ env: { JOBS: 'off' } });
    payouts = new SqlPayoutList(server.store.db);
    const set = await postJson(server.url, '/v2/client/workflow/set', {
      billinkUsername: USERTEST.username, billinkID: USERTEST.clientId, workflowNumber: 1, payout: { feeBasisPoints: 275, feeFixed: '0.30' },
    });
    assert.equal(set.body.code, '200', set.text);
    const legacy = new Legacy(server.url, USERTEST);
    const first = await legacy.placeOrder({ fields: freshCustomer() });
    const answer = await legacy.call('/api/start-workflow', 'activate order', {}, { INVOICES: [{ INVOICENUMBER: first.orderNumber }] });
    assert.equal(answer.api.MSG.STATUSES.ITEM[0].CODE, '500');
    started = first.invoice;
    unstarted = (await legacy.placeOrder({ fields: freshCustomer() })).invoice;
    const other = (await new Legacy(server.url, APITEST).placeOrder({ fields: freshCustomer() })).invoice;

    await settle(started, 'payout', 10_000, 305, '2026-02-28T22:59:59Z'); // 23:59:59 in Amsterdam on 28 February: before
    await settle(started, 'payout', 20_000, 550, '2026-02-28T23:00:00Z'); // midnight in Amsterdam: the first instant of March
    await settle(unstarted, 'payout', 5_000, 0, '2026-03-15T12:00:00Z');
    await settle(started, 'clawback', -2_000, 0, '2026-03-31T21:59:59Z'); // 23:59:59 summer time on 31 March
    await settle(unstarted, 'payout', 7_000, 0, '2026-03-31T22:00:00Z'); // midnight: April
    await settle(other, 'payout', 99_999, 1, '2026-03-10T12:00:00Z');
  });
  after(() => server.close());

  test('a period holds the settlements from its first instant up to, not including, its end, oldest first', async () => {
    const { rows } = await payouts.period('m_usertest', from, until, 0, 10);
    assert.deepEqual(
      rows.map((row) => [row.invoiceNumber, row.kind, row.gross, row.fee, row.net, row.at.toISOString()]),
      [
        [started, 'payout', 20_000, 550, 19_450, '2026-02-28T23:00:00.000Z'],
        [unstarted, 'payout', 5_000, 0, 5_000, '2026-03-15T12:00:00.000Z'],
        [started, 'clawback', -2_000, 0, -2_000, '2026-03-31T21:59:59.000Z'],
      ],
    );
  });

  test('the sums cover the whole period whatever the page, claw-backs subtracted', async () => {
    const page = await payouts.period('m_usertest', from, until, 1, 1);
    assert.deepEqual(page.rows.map((row) => row.invoiceNumber), [unstarted]);
    assert.deepEqual(page.totals, [{ currency: 'EUR', count: 3, gross: 23_000, fee: 550, net: 22_450 }]);
  });

  test('an invoice started on the workflow carries its fee terms; one never started has none', async () => {
    const { rows } = await payouts.period('m_usertest', from, until, 0, 10);
    assert.deepEqual(rows[0]!.startedTerms, { feeBasisPoints: 275, feeFixed: 30 });
    assert.equal(rows[1]!.startedTerms, undefined);
    assert.match(rows[0]!.fileToken, /^[A-Za-z0-9_-]{16,}$/);
  });

  test('another merchant’s settlements are not in the list nor in the sums', async () => {
    const { rows, totals } = await payouts.period('m_apitest', from, until, 0, 10);
    assert.deepEqual(rows.map((row) => row.gross), [99_999]);
    assert.deepEqual(totals, [{ currency: 'EUR', count: 1, gross: 99_999, fee: 1, net: 99_998 }]);
    assert.deepEqual(await payouts.period('m_nobody', from, until, 0, 10), { rows: [], totals: [] });
  });
});
