/**
 * Persists a batch of life-cycle transitions with one statement per table (the timer runner's
 * batch, LifeCycleRepository.persistAll), writing what `SqlLifeCycleRepository.persist` one
 * transition after the other writes (test/collection/life-cycle-batch.test.ts compares the two).
 *
 * Why: a timer step wrote five statements (the invoice, the timer it used, the next timer, its
 * event, its e-mail) and waited for one round trip; 10,000 steps were 50,000 statements, each
 * parsed, planned and run by a PostgreSQL that shares the machine's two cores with the server
 * (docs/benchmarks.md "Test clock advance and timer runner"). Now a batch of 200 is a handful of
 * statements whose arrays carry one element per invoice, and the batch waits for one round trip.
 *
 * A batch may hold several transitions of one invoice (two of its timers fell due): it is then
 * written in runs in which each invoice occurs once, in order, so a later transition's row and
 * timers are written after the earlier one's, as one after the other would.
 */
import type { PersistedTransition } from '../core/ports.js';
import type { NotificationBuilders } from '../core/webhooks/notifications.js';
import { enqueueCustomerMails } from './customer-mail-repository.js';
import { type Queryable, queueStatement } from './database.js';
import { encodeLifeCycle } from './life-cycle-codec.js';
import { appendInvoiceEvents } from './webhook-fan-out.js';

export async function persistTransitions(db: Queryable, builders: NotificationBuilders, records: readonly PersistedTransition[]): Promise<void> {
  for (const run of runsWithoutRepeats(records)) await persistRun(db, builders, run);
}

/** Consecutive runs of the records in which no invoice occurs twice. */
function runsWithoutRepeats(records: readonly PersistedTransition[]): PersistedTransition[][] {
  const runs: PersistedTransition[][] = [];
  let run: PersistedTransition[] = [];
  let seen = new Set<string>();
  for (const record of records) {
    if (seen.has(record.invoice.id)) {
      runs.push(run);
      run = [];
      seen = new Set();
    }
    seen.add(record.invoice.id);
    run.push(record);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * The statements whose results nobody reads are queued and leave with the events' statement, as
 * in `persist`; their order is persist's: the invoice rows, the timers cancelled, the timers
 * scheduled, ledger and settlement rows, events with their webhooks, e-mails.
 */
async function persistRun(db: Queryable, builders: NotificationBuilders, run: readonly PersistedTransition[]): Promise<void> {
  const column = <T>(pick: (record: PersistedTransition) => T) => run.map(pick);
  await queueStatement(
    db,
    `UPDATE invoices i SET life_cycle = u.life_cycle::jsonb, status = u.status, step = u.step, reminder_number = u.reminder_number,
       paid = u.paid, credited = u.credited, costs = u.costs, costs_paid = u.costs_paid, due_date = u.due_date,
       on_hold_until = u.on_hold_until, workflow_started_at = u.workflow_started_at, paid_out = u.paid_out, dispute_open = u.dispute_open
     FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::integer[], $6::bigint[], $7::bigint[], $8::bigint[], $9::bigint[],
                 $10::date[], $11::timestamptz[], $12::timestamptz[], $13::boolean[], $14::boolean[])
       AS u(id, life_cycle, status, step, reminder_number, paid, credited, costs, costs_paid, due_date, on_hold_until, workflow_started_at, paid_out, dispute_open)
     WHERE i.id = u.id`,
    [
      column((r) => r.invoice.id), column((r) => encodeLifeCycle(r.transition.state)), column((r) => r.columns.status), column((r) => r.columns.step),
      column((r) => r.columns.reminderNumber), column((r) => r.columns.paid), column((r) => r.columns.credited), column((r) => r.columns.costs),
      column((r) => r.columns.costsPaid), column((r) => r.columns.dueDate ?? null), column((r) => r.columns.onHoldUntil ?? null),
      column((r) => r.columns.workflowStartedAt ?? null), column((r) => r.columns.paidOut), column((r) => r.columns.disputeOpen),
    ],
  );
  const cancelled = run.flatMap((r) => r.transition.timers.cancel.map((kind) => [r.invoice.id, kind] as const));
  if (cancelled.length > 0) {
    await queueStatement(
      db,
      `DELETE FROM invoice_timers t USING unnest($1::bigint[], $2::text[]) AS c(invoice_id, kind)
       WHERE t.invoice_id = c.invoice_id AND t.kind = c.kind`,
      [cancelled.map(([id]) => id), cancelled.map(([, kind]) => kind)],
    );
  }
  // One transition schedules each kind at most once, and each invoice occurs once in a run: no
  // row is hit twice by the upsert.
  const scheduled = run.flatMap((r) => r.transition.timers.schedule.map((timer) => ({ invoiceId: r.invoice.id, merchantId: r.merchantId, ...timer })));
  if (scheduled.length > 0) {
    await queueStatement(
      db,
      `INSERT INTO invoice_timers (invoice_id, merchant_id, kind, due_at)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[])
       ON CONFLICT (invoice_id, kind) DO UPDATE SET due_at = excluded.due_at`,
      [scheduled.map((t) => t.invoiceId), scheduled.map((t) => t.merchantId), scheduled.map((t) => t.kind), scheduled.map((t) => t.dueAt)],
    );
  }
  const ledger = run.flatMap((r) =>
    r.transition.ledger.map((entry) => ({
      invoiceId: r.invoice.id,
      ...entry,
      description: entry.kind === 'payment' || entry.kind === 'credit' ? (r.description ?? null) : null,
    })),
  );
  if (ledger.length > 0) {
    await queueStatement(db, INSERT_LEDGER_ENTRIES, [
      ledger.map((e) => e.invoiceId), ledger.map((e) => e.kind), ledger.map((e) => e.amount), ledger.map((e) => e.description),
      ledger.map((e) => e.at), ledger.map((e) => e.toCosts ?? 0), ledger.map((e) => e.channel ?? null),
    ]);
  }
  const settlements = run.flatMap((r) => r.transition.settlements.map((settlement) => ({ invoiceId: r.invoice.id, merchantId: r.merchantId, ...settlement })));
  if (settlements.length > 0) {
    await queueStatement(db, INSERT_SETTLEMENTS, [
      settlements.map((s) => s.merchantId), settlements.map((s) => s.invoiceId), settlements.map((s) => s.kind), settlements.map((s) => s.gross),
      settlements.map((s) => s.fee), settlements.map((s) => s.net), settlements.map((s) => s.at),
    ]);
  }
  await appendInvoiceEvents(
    db,
    run.flatMap((r) =>
      r.transition.events.map((event) => ({ type: event.type, merchantId: r.merchantId, invoiceId: r.invoice.id, at: event.at, step: event.step, amount: event.amount })),
    ),
    builders,
  );
  await enqueueCustomerMails(
    db,
    run.flatMap((r) => r.transition.mails.map((mail) => ({ merchantId: r.merchantId, invoiceId: r.invoice.id, recipient: r.invoice.customer.email, mail, at: r.at }))),
  );
}

/**
 * An INSERT of one row per array element, in the order given (WITH ORDINALITY … ORDER BY), so the
 * rows' ids follow it as one insert after the other gave them; its parameters are the columns'
 * arrays in the order named.
 */
function insertInOrder(table: string, columns: readonly (readonly [name: string, type: string])[]): string {
  const names = columns.map(([name]) => name).join(', ');
  return `INSERT INTO ${table} (${names})
     SELECT ${names}
     FROM unnest(${columns.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ')})
       WITH ORDINALITY AS r(${names}, n)
     ORDER BY n`;
}

const INSERT_LEDGER_ENTRIES = insertInOrder('ledger_entries', [
  ['invoice_id', 'bigint'], ['kind', 'text'], ['amount', 'bigint'], ['description', 'text'], ['created_at', 'timestamptz'], ['to_costs', 'bigint'], ['channel', 'text'],
]);
const INSERT_SETTLEMENTS = insertInOrder('settlements', [
  ['merchant_id', 'text'], ['invoice_id', 'bigint'], ['kind', 'text'], ['gross', 'bigint'], ['fee', 'bigint'], ['net', 'bigint'], ['created_at', 'timestamptz'],
]);
