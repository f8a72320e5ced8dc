/**
 * The customer mail job's side of customer_mails (migrations 012 and 020): claiming due rows with
 * a lease (SKIP LOCKED, so several workers on PostgreSQL never take the same row), recording what
 * was handed over and where, and retries. The life cycle writes the rows
 * (customer-mail-repository.ts); this file only moves them along.
 */
import type { LifeCycleMail } from '../core/invoices/life-cycle/types.js';
import type { Database } from './database.js';

export type CustomerMailChannel = 'smtp' | 'outbox';

export interface ClaimedCustomerMail {
  id: string;
  merchantId: string;
  invoiceId: string;
  invoiceNumber: string;
  recipient: string;
  mail: LifeCycleMail;
  attempts: number;
  /** The merchant's business time of the step that queued the mail. */
  createdAt: Date;
}

export interface SentCustomerMail {
  at: Date;
  channel: CustomerMailChannel;
  subject: string;
  body: string;
}

export interface ListedCustomerMail {
  id: string;
  merchantId: string;
  invoiceNumber: string;
  kind: LifeCycleMail['kind'];
  recipient: string;
  state: 'pending' | 'sent' | 'failed';
  channel: CustomerMailChannel | undefined;
  subject: string | undefined;
  body: string | undefined;
  attempts: number;
  lastError: string | undefined;
  createdAt: Date;
  sentAt: Date | undefined;
}

interface ClaimRow {
  id: number;
  merchant_id: string;
  invoice_id: number;
  invoice_number: string;
  kind: LifeCycleMail['kind'];
  language: LifeCycleMail['language'];
  recipient: string;
  details: Omit<LifeCycleMail, 'kind' | 'language'>;
  attempts: number;
  created_at: Date;
}

export class SqlCustomerMailOutbox {
  constructor(private readonly db: Database) {}

  /**
   * Takes up to `limit` mails until `lockedUntil`, oldest first, skipping rows another worker
   * holds. With a merchant, every pending mail of that merchant is due now, also one waiting for
   * its next try (the sandbox clock advance sends them all before it answers), from the row
   * after `afterId` on, so one pass tries each mail once; with `ids`, only those.
   */
  async claim(now: Date, lockedUntil: Date, limit: number, merchant?: { id: string; afterId: string; ids?: readonly string[] }): Promise<ClaimedCustomerMail[]> {
    const rows = await this.db.query<ClaimRow>(
      `WITH claimed AS (
         UPDATE customer_mails SET locked_until = $2
         WHERE id IN (
           SELECT id FROM customer_mails
           WHERE state = 'pending' AND (locked_until IS NULL OR locked_until <= $1)
             AND ($4::text IS NULL AND next_attempt_at <= $1 OR merchant_id = $4::text AND id > $5::bigint)
             AND ($6::bigint[] IS NULL OR id = ANY($6::bigint[]))
           ORDER BY id LIMIT $3
           FOR UPDATE SKIP LOCKED
         )
         RETURNING id, merchant_id, invoice_id, kind, language, recipient, details, attempts, created_at
       )
       SELECT c.*, i.invoice_number FROM claimed c JOIN invoices i ON i.id = c.invoice_id ORDER BY c.id`,
      [now, lockedUntil, limit, merchant?.id ?? null, merchant?.afterId ?? '0', merchant?.ids ? [...merchant.ids] : null],
    );
    return rows.map((row) => ({
      id: String(row.id),
      merchantId: row.merchant_id,
      invoiceId: String(row.invoice_id),
      invoiceNumber: row.invoice_number,
      recipient: row.recipient,
      mail: { kind: row.kind, language: row.language, ...row.details },
      attempts: row.attempts,
      createdAt: row.created_at,
    }));
  }

  /**
   * Gives back mails claimed with the lease `lockedUntil` and not tried: due again at once instead
   * of when the lease runs out. A row whose lease is no longer that one (it ran out and another
   * worker holds it) is left alone.
   */
  async release(ids: readonly string[], lockedUntil: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query(`UPDATE customer_mails SET locked_until = NULL WHERE id = ANY($1::bigint[]) AND state = 'pending' AND locked_until = $2`, [[...ids], lockedUntil]);
  }

  /** The merchant's pending mails, held by a claim or not. */
  async pendingIds(merchantId: string): Promise<string[]> {
    const rows = await this.db.query<{ id: number }>(`SELECT id FROM customer_mails WHERE merchant_id = $1 AND state = 'pending' ORDER BY id`, [merchantId]);
    return rows.map((row) => String(row.id));
  }

  async states(ids: readonly string[]): Promise<{ id: string; state: 'pending' | 'sent' | 'failed' }[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.query<{ id: number; state: 'pending' | 'sent' | 'failed' }>('SELECT id, state FROM customer_mails WHERE id = ANY($1::bigint[])', [[...ids]]);
    return rows.map((row) => ({ id: String(row.id), state: row.state }));
  }

  /**
   * Several handed-over mails in one statement, so one commit: on PostgreSQL every commit waits for
   * its WAL flush, and a commit per mail was what the clock advance's mails waited on most
   * (docs/benchmarks.md "Test clock advance and timer runner").
   */
  async markAllSent(mails: readonly (SentCustomerMail & { id: string })[]): Promise<void> {
    if (mails.length === 0) return;
    await this.db.query(
      `UPDATE customer_mails m SET state = 'sent', sent_at = s.at, channel = s.channel, subject = s.subject, body = s.body,
         attempts = attempts + 1, locked_until = NULL, last_error = NULL
       FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::text[]) AS s(id, at, channel, subject, body)
       WHERE m.id = s.id AND m.state = 'pending'`,
      [mails.map((mail) => mail.id), mails.map((mail) => mail.at), mails.map((mail) => mail.channel), mails.map((mail) => mail.subject), mails.map((mail) => mail.body)],
    );
  }

  /** Another try at `retryAt`, or `failed` for good when retryAt is undefined. */
  async markFailedAttempt(id: string, error: string, retryAt: Date | undefined): Promise<void> {
    await this.db.query(
      `UPDATE customer_mails
       SET attempts = attempts + 1, last_error = $2, locked_until = NULL,
           state = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
           next_attempt_at = coalesce($3::timestamptz, next_attempt_at)
       WHERE id = $1 AND state = 'pending'`,
      [id, error.replaceAll('\u0000', '').slice(0, 2000), retryAt ?? null],
    );
  }

  /**
   * Newest first. `unsentOnly` leaves out mail that reached an SMTP server, and keeps what the
   * local outbox holds, what still waits and what failed.
   */
  async list(options: { limit: number; unsentOnly: boolean }): Promise<ListedCustomerMail[]> {
    const rows = await this.db.query<{
      id: number; merchant_id: string; invoice_number: string; kind: LifeCycleMail['kind']; recipient: string;
      state: ListedCustomerMail['state']; channel: CustomerMailChannel | null; subject: string | null; body: string | null;
      attempts: number; last_error: string | null; created_at: Date; sent_at: Date | null;
    }>(
      `SELECT m.id, m.merchant_id, i.invoice_number, m.kind, m.recipient, m.state, m.channel, m.subject, m.body,
              m.attempts, m.last_error, m.created_at, m.sent_at
       FROM customer_mails m JOIN invoices i ON i.id = m.invoice_id
       WHERE NOT $1::boolean OR m.channel IS DISTINCT FROM 'smtp'
       ORDER BY m.id DESC LIMIT $2`,
      [options.unsentOnly, options.limit],
    );
    return rows.map((row) => ({
      id: String(row.id),
      merchantId: row.merchant_id,
      invoiceNumber: row.invoice_number,
      kind: row.kind,
      recipient: row.recipient,
      state: row.state,
      channel: row.channel ?? undefined,
      subject: row.subject ?? undefined,
      body: row.body ?? undefined,
      attempts: row.attempts,
      lastError: row.last_error ?? undefined,
      createdAt: row.created_at,
      sentAt: row.sent_at ?? undefined,
    }));
  }
}
