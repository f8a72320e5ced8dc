/**
 * Mail to merchants waits in mail_outbox until the mail job sends it. Without SMTP_URL nothing
 * sends it, and `npm run mail` lists it instead.
 */
import type { Database, Queryable } from './database.js';

export interface OutgoingMail {
  merchantId: string | undefined;
  to: string;
  subject: string;
  text: string;
}

export interface StoredMail extends OutgoingMail {
  id: string;
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | undefined;
  createdAt: Date;
  sentAt: Date | undefined;
}

interface MailRow {
  id: number;
  merchant_id: string | null;
  recipient: string;
  subject: string;
  body: string;
  state: StoredMail['state'];
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

/** Queues a mail inside the caller's transaction, beside the change it reports. */
export async function insertMail(tx: Queryable, mail: OutgoingMail): Promise<void> {
  await tx.query(
    `INSERT INTO mail_outbox (merchant_id, recipient, subject, body, state, next_attempt_at, created_at)
     VALUES ($1, $2, $3, $4, 'pending', now(), now())`,
    [mail.merchantId ?? null, mail.to, mail.subject, mail.text],
  );
}

export class SqlMailOutboxRepository {
  constructor(private readonly db: Database) {}

  /** Takes due mails for this job until `lockedUntil`, skipping those another job holds. */
  async claim(now: Date, lockedUntil: Date, limit: number): Promise<StoredMail[]> {
    const rows = await this.db.query<MailRow>(
      `UPDATE mail_outbox SET locked_until = $2
       WHERE id IN (
         SELECT id FROM mail_outbox
         WHERE state = 'pending' AND next_attempt_at <= $1 AND (locked_until IS NULL OR locked_until <= $1)
         ORDER BY next_attempt_at, id LIMIT $3
         FOR UPDATE SKIP LOCKED
       )
       RETURNING id, merchant_id, recipient, subject, body, state, attempts, last_error, created_at, sent_at`,
      [now, lockedUntil, limit],
    );
    return rows.map(toMail);
  }

  async markSent(id: string, at: Date): Promise<void> {
    await this.db.query(
      `UPDATE mail_outbox SET state = 'sent', sent_at = $2, attempts = attempts + 1, locked_until = NULL, last_error = NULL
       WHERE id = $1 AND state = 'pending'`,
      [id, at],
    );
  }

  /** Another try at `retryAt`, or `failed` for good when retryAt is undefined. */
  async markFailedAttempt(id: string, error: string, retryAt: Date | undefined): Promise<void> {
    await this.db.query(
      `UPDATE mail_outbox
       SET attempts = attempts + 1, last_error = $2, locked_until = NULL,
           state = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
           next_attempt_at = coalesce($3::timestamptz, next_attempt_at)
       WHERE id = $1 AND state = 'pending'`,
      [id, error.replaceAll('\u0000', ''), retryAt ?? null],
    );
  }

  /** Newest first; all states, or only the unsent ones. */
  async list(options: { limit: number; unsentOnly: boolean }): Promise<StoredMail[]> {
    const rows = await this.db.query<MailRow>(
      `SELECT id, merchant_id, recipient, subject, body, state, attempts, last_error, created_at, sent_at
       FROM mail_outbox WHERE NOT $1::boolean OR state <> 'sent' ORDER BY id DESC LIMIT $2`,
      [options.unsentOnly, options.limit],
    );
    return rows.map(toMail);
  }
}

function toMail(row: MailRow): StoredMail {
  return {
    id: String(row.id),
    merchantId: row.merchant_id ?? undefined,
    to: row.recipient,
    subject: row.subject,
    text: row.body,
    state: row.state,
    attempts: row.attempts,
    lastError: row.last_error ?? undefined,
    createdAt: row.created_at,
    sentAt: row.sent_at ?? undefined,
  };
}
