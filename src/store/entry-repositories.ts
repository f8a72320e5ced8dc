/** Append-only rows: ledger entries, merchant messages and outbox events. */
import type { EventRepository, LedgerEntry, LedgerRepository, MessageRepository } from '../core/ports.js';
import type { DomainEvent } from '../core/shared/events.js';
import type { Queryable } from './database.js';

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

export class SqlEventRepository implements EventRepository {
  constructor(private readonly db: Queryable) {}

  async append(event: DomainEvent): Promise<void> {
    const session = event.type === 'session_status_changed' ? event : undefined;
    await this.db.query(
      'INSERT INTO events (merchant_id, invoice_id, session_id, type, data, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [
        event.merchantId,
        event.invoiceId ?? null,
        session?.sessionId ?? null,
        event.type,
        session
          ? JSON.stringify({
              status: session.status,
              orderNumber: session.orderNumber,
              billinkInvoiceNumber: session.billinkInvoiceNumber,
              transactionId: session.transactionId,
            })
          : null,
        event.at,
      ],
    );
  }
}
