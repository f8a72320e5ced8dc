/** Append-only rows: ledger entries, merchant messages and outbox events. */
import type { EventRepository, LedgerEntry, LedgerRepository, MessageRepository } from '../core/ports.js';
import type { DomainEvent } from '../core/shared/events.js';
import type { NotificationBuilders } from '../core/webhooks/notifications.js';
import type { Queryable } from './database.js';
import { appendEvent } from './webhook-fan-out.js';

export class SqlLedgerRepository implements LedgerRepository {
  constructor(private readonly db: Queryable) {}

  async insert(entry: LedgerEntry): Promise<void> {
    await this.db.query(
      'INSERT INTO ledger_entries (invoice_id, kind, amount, description, created_at) VALUES ($1, $2, $3, $4, $5)',
      [entry.invoiceId, entry.kind, entry.amount, entry.description ?? null, entry.at],
    );
  }
}

export class SqlMessageRepository implements MessageRepository {
  constructor(private readonly db: Queryable) {}

  async insert(message: { invoiceId: string; body: string; at: Date }): Promise<void> {
    await this.db.query('INSERT INTO invoice_messages (invoice_id, body, created_at) VALUES ($1, $2, $3)', [
      message.invoiceId,
      message.body,
      message.at,
    ]);
  }
}

/** Events land in the outbox together with their webhook deliveries (webhook-fan-out.ts). */
export class SqlEventRepository implements EventRepository {
  constructor(
    private readonly db: Queryable,
    private readonly builders: NotificationBuilders,
  ) {}

  append(event: DomainEvent): Promise<void> {
    return appendEvent(this.db, event, this.builders);
  }
}
