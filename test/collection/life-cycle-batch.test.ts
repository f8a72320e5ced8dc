/**
 * The timer runner's batched writes (LifeCycleRepository.persistAll, src/store/life-cycle-batch.ts)
 * against `persist` one transition after the other: the same transitions, applied to two groups of
 * invoices placed alike, leave the same rows behind (invoices, timers, ledger, events, webhook
 * deliveries, customer e-mails), in the same order, also when one invoice has several
 * transitions in the batch.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { transitionOfInvoice } from '../../src/core/invoices/life-cycle/apply-to-invoice.js';
import type { Invoice } from '../../src/core/orders/invoice.js';
import type { PersistedTransition } from '../../src/core/ports.js';
import { DAY, ManualClock } from '../../src/core/shared/clock.js';
import { Legacy, USERTEST, orderFields } from '../support/legacy-client.js';
import { freshCustomer } from '../support/fresh-customer.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const ITEMS = [{ CODE: 'SKU-1', DESCRIPTION: 'Lamp', ORDERQUANTITY: '1', PRICEINCL: '50.00', BTW: '21' }];
const PER_GROUP = 4;

describe('a batch of life-cycle transitions', () => {
  let server: TestServer;
  const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
  before(async () => {
    server = await startTestServer({ env: { JOBS: 'off' }, overrides: { clock } });
  });
  after(() => server?.close());

  test('writes the rows that one transition after the other writes, in the same order', async () => {
    const merchant = (await server.store.merchants.findByUsername(USERTEST.username))!;
    // An order webhook, so every event also queues a delivery.
    await server.store.db.query(
      "INSERT INTO webhook_subscriptions (merchant_id, kind, url, signed, updated_at) VALUES ($1, 'order', 'https://hooks.example/orders', false, now())",
      [merchant.id],
    );
    const legacy = new Legacy(server.url);
    const batched = await startedInvoices(legacy, 'batched');
    const oneByOne = await startedInvoices(legacy, 'single');
    clock.advance(3 * DAY + 3_600_000);

    for (const [numbers, write] of [
      [batched, (tx: Tx, records: PersistedTransition[]) => tx.lifeCycles.persistAll(records)],
      [oneByOne, async (tx: Tx, records: PersistedTransition[]) => {
        for (const record of records) await tx.lifeCycles.persist(record);
      }],
    ] as const) {
      const ids = await invoiceIds(numbers);
      await server.store.transaction(async (tx) => {
        const invoices = new Map((await tx.lifeCycles.lockInvoices(ids)).map((invoice) => [invoice.id, invoice]));
        const records: PersistedTransition[] = [];
        const apply = (id: string, command: Parameters<typeof transitionOfInvoice>[2], at: Date) => {
          const { applied, record } = transitionOfInvoice(merchant, invoices.get(id)!, command, at);
          assert.ok(applied.ok && record, `the ${command.type} applies`);
          invoices.set(id, applied.invoice as Invoice);
          records.push(record);
        };
        // Each invoice's e-mail step, and for every other one a part payment and then the rest, the
        // later transitions of an invoice between those of the others.
        for (const [index, id] of ids.entries()) {
          const timer = invoices.get(id)!.lifeCycle!.timers.find((t) => t.kind === 'send_invoice')!;
          apply(id, { type: 'timer', kind: 'send_invoice', dueAt: timer.dueAt }, timer.dueAt);
          if (index % 2 === 1) apply(ids[index - 1]!, { type: 'payment', amount: 1_000, channel: 'platform' }, clock.now());
        }
        apply(ids[0]!, { type: 'payment', amount: 4_000, channel: 'merchant' }, clock.now());
        await write(tx, records);
      });
    }
    assert.deepEqual(await rowsOf(batched), await rowsOf(oneByOne));
  });

  type Tx = Parameters<Parameters<TestServer['store']['transaction']>[0]>[0];

  async function startedInvoices(legacy: Legacy, prefix: string): Promise<string[]> {
    const numbers: string[] = [];
    for (let index = 0; index < PER_GROUP; index++) {
      const customer = freshCustomer({ EMAIL: `${prefix}-${index}@example.com` });
      const uuid = await legacy.check({ ...customer, ORDERAMOUNT: '50.00' });
      const number = `${prefix}-${index}-${Math.random().toString(36).slice(2, 8)}`;
      const placed = await legacy.call('/api/order', 'Order', orderFields(uuid, number, customer), { ORDERITEMS: ITEMS });
      assert.equal(placed.code, '200', placed.text);
      numbers.push(number);
    }
    const started = await legacy.call('/api/start-workflow', 'activate order', {}, { INVOICES: numbers.map((number) => ({ INVOICENUMBER: number })) });
    assert.equal(started.code, '500');
    return numbers;
  }

  async function invoiceIds(numbers: readonly string[]): Promise<string[]> {
    const rows = await server.store.db.query<{ id: string }>('SELECT id::text AS id FROM invoices WHERE merchant_number = ANY($1) ORDER BY id', [numbers]);
    return rows.map((row) => row.id);
  }

  /** Every row the transitions wrote, by the invoice's place in its group, without ids and numbers. */
  async function rowsOf(numbers: readonly string[]) {
    const ids = await invoiceIds(numbers);
    const place = (id: unknown) => ids.indexOf(String(id));
    const query = (sql: string) => server.store.db.query<Record<string, unknown>>(sql, [ids]);
    const invoices = await query(
      `SELECT id, life_cycle, status, step, reminder_number, paid, credited, costs, costs_paid, due_date, on_hold_until, workflow_started_at, paid_out, dispute_open
       FROM invoices WHERE id = ANY($1::bigint[]) ORDER BY id`,
    );
    const timers = await query('SELECT invoice_id, kind, due_at FROM invoice_timers WHERE invoice_id = ANY($1::bigint[]) ORDER BY invoice_id, kind');
    const ledger = await query('SELECT invoice_id, kind, amount, description, created_at, to_costs, channel FROM ledger_entries WHERE invoice_id = ANY($1::bigint[]) ORDER BY id');
    const settlements = await query('SELECT invoice_id, kind, gross, fee, net, created_at FROM settlements WHERE invoice_id = ANY($1::bigint[]) ORDER BY id');
    const events = await query('SELECT invoice_id, type, data, created_at FROM events WHERE invoice_id = ANY($1::bigint[]) ORDER BY id');
    const deliveries = await query(
      `SELECT e.invoice_id, d.contract, d.kind, d.event, d.url, d.signed, d.body::jsonb - 'invoice_number' - 'invoice_number_clean' - 'order_id' AS body, d.state
       FROM webhook_deliveries d JOIN events e ON e.id = d.event_id WHERE e.invoice_id = ANY($1::bigint[]) ORDER BY d.id`,
    );
    const mails = await query('SELECT invoice_id, kind, language, details, state, created_at FROM customer_mails WHERE invoice_id = ANY($1::bigint[]) ORDER BY id');
    const placed = (rows: Record<string, unknown>[], key: string) => rows.map(({ [key]: id, ...rest }) => ({ invoice: place(id), ...rest }));
    assert.ok(events.length >= 2 * PER_GROUP && deliveries.length === events.length && mails.length >= PER_GROUP && ledger.length > 0, 'the transitions wrote rows');
    return {
      invoices: placed(invoices, 'id'),
      timers: placed(timers, 'invoice_id'),
      ledger: placed(ledger, 'invoice_id'),
      settlements: placed(settlements, 'invoice_id'),
      events: placed(events, 'invoice_id'),
      deliveries: placed(deliveries, 'invoice_id'),
      mails: placed(mails, 'invoice_id'),
    };
  }
});
