/**
 * Persists the invoice life cycle (migration 018): one transition at a time, in the transaction
 * that locked the invoice row, and the timer rows the runner claims with FOR UPDATE SKIP LOCKED.
 */
import type { DueTimer, LifeCycleRepository, PersistedTransition } from '../core/ports.js';
import type { Invoice } from '../core/orders/invoice.js';
import type { TimerKind } from '../core/invoices/life-cycle/types.js';
import type { NotificationBuilders } from '../core/webhooks/notifications.js';
import { SqlCustomerMailRepository } from './customer-mail-repository.js';
import { type Queryable, queueStatement } from './database.js';
import { INVOICE_COLUMNS, type InvoiceRow, toInvoice } from './invoice-repository.js';
import { persistTransitions } from './life-cycle-batch.js';
import { encodeLifeCycle } from './life-cycle-codec.js';
import { appendEvent } from './webhook-fan-out.js';

interface TimerRow {
  invoice_id: number;
  merchant_id: string;
  kind: TimerKind;
  due_at: Date;
}

export class SqlLifeCycleRepository implements LifeCycleRepository {
  private readonly mails: SqlCustomerMailRepository;

  constructor(
    private readonly db: Queryable,
    private readonly builders: NotificationBuilders,
  ) {
    this.mails = new SqlCustomerMailRepository(db);
  }

  /**
   * The writes whose results nobody reads are queued (queueStatement): on PostgreSQL they leave
   * with the next statement that is read (the event's insert, or the commit) instead of waiting
   * for a round trip each. A timer step wrote five statements one round trip after the other; it
   * now waits for one (docs/benchmarks.md "Test clock advance and timer runner"). PostgreSQL still
   * runs them in order, and a failure still fails the transaction.
   */
  async persist({ merchantId, invoice, transition, columns, at, description }: PersistedTransition): Promise<void> {
    const { db } = this;
    await queueStatement(
      db,
      `UPDATE invoices SET life_cycle = $2, status = $3, step = $4, reminder_number = $5, paid = $6, credited = $7,
         costs = $8, costs_paid = $9, due_date = $10, on_hold_until = $11, workflow_started_at = $12, paid_out = $13,
         dispute_open = $14
       WHERE id = $1`,
      [
        invoice.id, encodeLifeCycle(transition.state), columns.status, columns.step, columns.reminderNumber, columns.paid,
        columns.credited, columns.costs, columns.costsPaid, columns.dueDate ?? null, columns.onHoldUntil ?? null,
        columns.workflowStartedAt ?? null, columns.paidOut, columns.disputeOpen,
      ],
    );
    const { cancel, schedule } = transition.timers;
    if (cancel.length > 0) {
      await queueStatement(db, 'DELETE FROM invoice_timers WHERE invoice_id = $1 AND kind = ANY($2::text[])', [invoice.id, cancel]);
    }
    if (schedule.length > 0) {
      await queueStatement(
        db,
        `INSERT INTO invoice_timers (invoice_id, merchant_id, kind, due_at)
         SELECT $1, $2, kind, due_at FROM unnest($3::text[], $4::timestamptz[]) AS t(kind, due_at)
         ON CONFLICT (invoice_id, kind) DO UPDATE SET due_at = excluded.due_at`,
        [invoice.id, merchantId, schedule.map((timer) => timer.kind), schedule.map((timer) => timer.dueAt)],
      );
    }
    for (const entry of transition.ledger) {
      const described = entry.kind === 'payment' || entry.kind === 'credit' ? (description ?? null) : null;
      await queueStatement(
        db,
        'INSERT INTO ledger_entries (invoice_id, kind, amount, description, created_at, to_costs, channel) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [invoice.id, entry.kind, entry.amount, described, entry.at, entry.toCosts ?? 0, entry.channel ?? null],
      );
    }
    for (const settlement of transition.settlements) {
      await queueStatement(
        db,
        'INSERT INTO settlements (merchant_id, invoice_id, kind, gross, fee, net, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [merchantId, invoice.id, settlement.kind, settlement.gross, settlement.fee, settlement.net, settlement.at],
      );
    }
    for (const event of transition.events) {
      await appendEvent(db, { type: event.type, merchantId, invoiceId: invoice.id, at: event.at, step: event.step, amount: event.amount }, this.builders);
    }
    for (const mail of transition.mails) {
      await this.mails.enqueue({ merchantId, invoiceId: invoice.id, recipient: invoice.customer.email, mail, at });
    }
  }

  /** A batch of transitions in a few statements (life-cycle-batch.ts); one alone as `persist`. */
  async persistAll(records: readonly PersistedTransition[]): Promise<void> {
    if (records.length === 1) await this.persist(records[0]!);
    else if (records.length > 1) await persistTransitions(this.db, this.builders, records);
  }

  async claimDue({ merchantId, until, limit }: { merchantId: string; until: Date; limit: number }): Promise<DueTimer[]> {
    const rows = await this.db.query<TimerRow>(
      `SELECT invoice_id, merchant_id, kind, due_at FROM invoice_timers
       WHERE merchant_id = $1 AND due_at <= $2
       ORDER BY due_at, invoice_id LIMIT $3 FOR UPDATE SKIP LOCKED`,
      [merchantId, until, limit],
    );
    return rows.map((row) => ({ invoiceId: String(row.invoice_id), merchantId: row.merchant_id, kind: row.kind, dueAt: new Date(row.due_at) }));
  }

  async merchantsWithDueWork(realNow: Date, limit: number): Promise<string[]> {
    const rows = await this.db.query<{ merchant_id: string }>(
      `SELECT m.id AS merchant_id FROM merchants m
       WHERE EXISTS (
           SELECT 1 FROM invoice_timers t WHERE t.merchant_id = m.id
             AND t.due_at <= $1::timestamptz + CASE WHEN m.mode = 'sandbox' THEN m.test_clock_offset_ms ELSE 0 END * interval '1 millisecond')
         OR EXISTS (SELECT 1 FROM invoices i WHERE i.merchant_id = m.id AND i.life_cycle IS NULL AND i.status = 'open' AND i.step <> 'not_started')
       ORDER BY m.id LIMIT $2`,
      [realNow, limit],
    );
    return rows.map((row) => row.merchant_id);
  }

  async drop(timer: DueTimer): Promise<void> {
    await this.db.query('DELETE FROM invoice_timers WHERE invoice_id = $1 AND kind = $2 AND due_at = $3', [timer.invoiceId, timer.kind, timer.dueAt]);
  }

  async lockInvoices(ids: readonly string[]): Promise<Invoice[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query<InvoiceRow>(`SELECT ${INVOICE_COLUMNS} FROM invoices WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE`, [ids]);
    return rows.map(toInvoice);
  }

  async claimUnadopted(options: { merchantId?: string; limit: number }): Promise<Invoice[]> {
    const rows = await this.db.query<InvoiceRow>(
      `SELECT ${INVOICE_COLUMNS} FROM invoices
       WHERE life_cycle IS NULL AND status = 'open' AND step <> 'not_started' AND ($1::text IS NULL OR merchant_id = $1)
       ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [options.merchantId ?? null, options.limit],
    );
    return rows.map(toInvoice);
  }
}
