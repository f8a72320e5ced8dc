/**
 * Disputes over real HTTP (spec §2.16, docs/v2-api.md "Disputes"): opening one pauses the
 * invoice's collection on the sandbox clock, resolving it resumes with the days shifted; bad
 * attachments, a second open dispute and another merchant's invoice are refused, storing nothing.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { Legacy } from '../support/legacy-client.js';
import { freshCustomer } from '../support/fresh-customer.js';
import { createMerchant, PARTNER_KEY, type NewMerchant } from '../support/new-merchant.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { postJson } from './v2-client.js';

/** The answer equals the golden file once its volatile values are replaced by `{{NAME}}`. */
function assertGolden(file: URL, text: string, volatile: Record<string, string>): void {
  let replaced = text;
  for (const [name, value] of Object.entries(volatile)) replaced = replaced.replaceAll(value, `{{${name}}}`);
  assert.equal(replaced, readFileSync(file, 'utf8').trimEnd());
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64');

describe('disputes', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ env: { PARTNER_API_KEY: PARTNER_KEY, JOBS: 'off' } });
  });
  after(() => server.close());

  const credentials = (merchant: NewMerchant) => ({ billinkUsername: merchant.username, billinkID: merchant.clientId });
  const started = async (merchant: NewMerchant) => {
    const legacy = new Legacy(server.url, merchant);
    const { orderNumber } = await legacy.placeOrder({ fields: freshCustomer() });
    const answer = await legacy.call('/api/start-workflow', 'activate order', {}, { INVOICES: [{ INVOICENUMBER: orderNumber }] });
    assert.equal(answer.api.MSG.STATUSES.ITEM[0].CODE, '500');
    return orderNumber;
  };
  const dispute = (merchant: NewMerchant, invoice: string, fields: Record<string, unknown> = {}) =>
    postJson(server.url, '/v2/client/order/dispute', {
      ...credentials(merchant),
      invoice,
      category: 1,
      customerEmail: 'klant@example.nl',
      customerName: 'Jan de Vries',
      locale: 'nl',
      message: 'Het pakket is nooit aangekomen.',
      ...fields,
    });
  const advance = (merchant: NewMerchant, days: number) => postJson(server.url, '/v2/sandbox/clock/advance', { ...credentials(merchant), days });
  const mails = async (number: string) =>
    (await server.store.db.query<{ kind: string }>(
      'SELECT m.kind FROM customer_mails m JOIN invoices i ON i.id = m.invoice_id WHERE i.merchant_number = $1 ORDER BY m.id',
      [number],
    )).map((row) => row.kind);
  const disputeRows = async (number: string) =>
    Number((await server.store.db.query<{ n: string | number }>(
      'SELECT count(*) AS n FROM disputes d JOIN invoices i ON i.id = d.invoice_id WHERE i.merchant_number = $1',
      [number],
    ))[0]!.n);
  const dueDate = async (number: string) =>
    String((await server.store.db.query<{ due: string }>("SELECT to_char(due_date, 'YYYY-MM-DD') AS due FROM invoices WHERE merchant_number = $1", [number]))[0]!.due);

  test('an open dispute pauses every step past the due date, and resolving it resumes with the days shifted', async () => {
    const merchant = await createMerchant(server.url, { sandbox: true });
    const number = await started(merchant);
    const due = await dueDate(number);
    const opened = await dispute(merchant, number, { file: PNG, fileName: 'foto.PNG' });
    assert.equal(opened.status, 200, opened.text);
    assert.equal(opened.body.status, 'open');
    assert.equal(opened.body.resolved, false);
    assert.equal(opened.body.fileSize, 12);
    assert.equal(opened.body.categoryName, 'Product niet ontvangen');

    assert.equal((await advance(merchant, 40)).body.code, '200');
    assert.deepEqual(await mails(number), [], 'no invoice e-mail and no reminder while disputed');

    const info = await postJson(server.url, '/v2/client/order/dispute/list', { ...credentials(merchant), invoice: number });
    assert.equal(info.body.disputes.length, 1);
    assert.equal(info.body.disputes[0].id, opened.body.id);

    const resolved = await postJson(server.url, '/v2/client/order/dispute/resolve', { ...credentials(merchant), id: opened.body.id, resolution: 'Pakket gevonden' });
    assert.equal(resolved.status, 200, resolved.text);
    assert.equal(resolved.body.resolved, true);
    assert.deepEqual(resolved.body.steps.map((step: { step: string }) => step.step), ['open', 'resolved']);
    assert.ok((await dueDate(number)) > due, `the due date ${await dueDate(number)} moved past ${due}`);

    const again = await postJson(server.url, '/v2/client/order/dispute/resolve', { ...credentials(merchant), id: opened.body.id });
    assert.equal(again.status, 400);
    assert.equal(again.body.code, '703');

    await advance(merchant, 5);
    assert.ok((await mails(number)).length >= 1, 'the invoice e-mail follows once resolved');
  });

  test('a second open dispute on the same invoice is refused', async () => {
    const merchant = await createMerchant(server.url, { sandbox: true });
    const number = await started(merchant);
    assert.equal((await dispute(merchant, number)).status, 200);
    const second = await dispute(merchant, number);
    assert.equal(second.status, 400);
    assert.deepEqual(second.body, { code: '701', message: 'The invoice already has an open dispute', error: { code: '701', message: 'The invoice already has an open dispute' } });
    assert.equal(await disputeRows(number), 1);
  });

  test('a file whose content is not what its name says, a type not allowed or a file over 5 MiB is refused and nothing is stored', async () => {
    const merchant = await createMerchant(server.url, { sandbox: true });
    const number = await started(merchant);
    const renamed = await dispute(merchant, number, { file: Buffer.from('MZ not a png').toString('base64'), fileName: 'foto.png' });
    assert.equal(renamed.body.code, '410');
    const exe = await dispute(merchant, number, { file: PNG, fileName: 'foto.exe' });
    assert.equal(exe.body.code, '410');
    const big = Buffer.alloc(5 * 1024 * 1024 + 1);
    big.set([0x25, 0x50, 0x44, 0x46, 0x2d]);
    const large = await dispute(merchant, number, { file: big.toString('base64'), fileName: 'brief.pdf' });
    assert.equal(large.status, 400, large.text);
    assert.equal(large.body.code, '411');
    assert.equal(await disputeRows(number), 0);
    const rows = await server.store.db.query<{ dispute_open: boolean }>('SELECT dispute_open FROM invoices WHERE merchant_number = $1', [number]);
    assert.equal(rows[0]!.dispute_open, false);
  });

  test("another merchant's invoice is unknown", async () => {
    const owner = await createMerchant(server.url, { sandbox: true });
    const other = await createMerchant(server.url, { sandbox: true });
    const number = await started(owner);
    const answer = await dispute(other, number);
    assert.equal(answer.status, 400);
    assert.equal(answer.body.code, '402');
    assert.equal(await disputeRows(number), 0);
  });

  test('order info shows the open dispute while legacy Status keeps its shape, and neither shows it once resolved', async () => {
    const merchant = await createMerchant(server.url, { sandbox: true });
    const number = await started(merchant);
    const quiet = await started(merchant);
    const opened = await dispute(merchant, number, { category: 3, locale: 'en', message: 'The sleeve is torn.' });
    assert.equal(opened.status, 200, opened.text);
    const info = () => postJson(server.url, '/v2/client/order/info', { ...credentials(merchant), invoices: [number, quiet] });
    const legacy = new Legacy(server.url, merchant);
    const status = () => legacy.call('/api/status', 'Status', {}, { INVOICES: [{ INVOICENUMBER: number }] });

    const pretty = (body: unknown) => JSON.stringify(body, null, 2);
    const volatile = { NUMBER: number, QUIET: quiet, DISPUTE_ID: opened.body.id, OPENED_AT: opened.body.createdAt };
    assertGolden(new URL('./golden/order-info-disputed.json', import.meta.url), pretty((await info()).body), volatile);
    // Billink's XML Status has no dispute field: DESCRIPTION stays the step clients parse.
    assertGolden(new URL('../golden/status-disputed.xml', import.meta.url), (await status()).text, volatile);

    const resolved = await postJson(server.url, '/v2/client/order/dispute/resolve', { ...credentials(merchant), id: opened.body.id });
    assert.equal(resolved.status, 200, resolved.text);
    assert.deepEqual((await info()).body.invoices, [
      { invoiceNumber: number, status: 0, description: 'Wait for payment', paidOut: 0 },
      { invoiceNumber: quiet, status: 0, description: 'Wait for payment', paidOut: 0 },
    ]);
    assertGolden(new URL('../golden/status-disputed.xml', import.meta.url), (await status()).text, volatile);
  });
});
