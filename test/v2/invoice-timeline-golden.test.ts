/**
 * The invoice timeline's wire shape, byte for byte (test/v2/golden/invoice-timeline.json), on a
 * fixed clock: an invoice started, paid in part, credited, held and resumed, messaged, and carried
 * by a sandbox clock advance past its invoice e-mail, its payout and Reminder 1.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { ManualClock } from '../../src/core/shared/clock.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { call, jsonOrder } from './v2-client.js';

const GOLDEN = new URL('./golden/invoice-timeline.json', import.meta.url);

describe('the invoice timeline golden', () => {
  let server: TestServer;
  const clock = new ManualClock(new Date('2026-11-21T09:00:00Z'));
  before(async () => {
    server = await startTestServer({ env: { JOBS: 'off', PUBLIC_URL: 'https://pay.example.test' }, overrides: { clock } });
  });
  after(() => server.close());

  test('the answer equals its golden: keys, order, types and values', async () => {
    const ok = (answer: { body: { result?: string; code?: string }; text: string }) => assert.ok(answer.body.result === 'MSG' || answer.body.code === '200', answer.text);
    await jsonOrder(server.url, 'KRKND-0001');
    ok(await call(server.url, '/v2/client/order/start-workflow', { invoices: [{ invoiceNumber: 'KRKND-0001' }] }));
    clock.set(new Date('2026-11-21T10:00:00Z'));
    ok(await call(server.url, '/v2/client/invoice/payment', { invoices: [{ invoiceNumber: 'KRKND-0001', amount: '10.00', description: 'Bank' }] }));
    clock.set(new Date('2026-11-21T10:30:00Z'));
    ok(await call(server.url, '/v2/client/invoice/credit', { invoices: [{ number: 'KRKND-0001', creditAmount: '1.50', description: 'return' }] }));
    clock.set(new Date('2026-11-21T11:00:00Z'));
    ok(await call(server.url, '/v2/client/order/on-hold', { invoiceNumber: 'KRKND-0001', days: 5 }));
    clock.set(new Date('2026-11-21T12:00:00Z'));
    ok(await call(server.url, '/v2/client/order/resume', { invoiceNumber: 'KRKND-0001' }));
    ok(await call(server.url, '/v2/client/order/message', { invoiceNumber: 'KRKND-0001', message: 'Klant belt terug' }));
    ok(await call(server.url, '/v2/sandbox/clock/advance', { days: 20 }));

    const answer = await call(server.url, '/v2/client/invoice/timeline', { invoiceNumber: 'KRKND-0001' });
    assert.equal(answer.text, JSON.stringify(answer.body), 'the wire text is compact JSON');
    assert.equal(`${JSON.stringify(answer.body, null, 2)}\n`, readFileSync(GOLDEN, 'utf8'));
  });
});
