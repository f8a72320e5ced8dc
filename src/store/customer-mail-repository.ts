/**
 * Queues customer e-mails in the transaction of the life-cycle step that decided them
 * (migration 012). Amounts are stored as integer cents, dates as ISO text; the customer mail job
 * reads them back to render the text and the PDF.
 */
import type { CustomerMailRepository, QueuedCustomerMail } from '../core/ports.js';
import { type Queryable, queueStatement } from './database.js';

export class SqlCustomerMailRepository implements CustomerMailRepository {
  constructor(private readonly db: Queryable) {}

  async enqueue({ merchantId, invoiceId, recipient, mail, at }: QueuedCustomerMail): Promise<void> {
    const { kind, language, ...details } = mail;
    // Sending is scheduled in real time (the database's now(), as for every job row); `at` is the
    // step's business time, which a test clock may have moved ahead.
    // Queued: nothing reads its result, so on PostgreSQL it leaves with the next statement.
    await queueStatement(
      this.db,
      `INSERT INTO customer_mails (merchant_id, invoice_id, kind, language, recipient, details, next_attempt_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, now(), $7)`,
      [merchantId, invoiceId, kind, language, recipient, JSON.stringify(details), at],
    );
  }
}

/**
 * The e-mails of a batch of life-cycle transitions (life-cycle-batch.ts) in one queued statement,
 * in the order given, each row as `enqueue` writes it.
 */
export async function enqueueCustomerMails(db: Queryable, mails: readonly QueuedCustomerMail[]): Promise<void> {
  if (mails.length <= 1) {
    for (const mail of mails) await new SqlCustomerMailRepository(db).enqueue(mail);
    return;
  }
  const rows = mails.map(({ merchantId, invoiceId, recipient, mail, at }) => {
    const { kind, language, ...details } = mail;
    return { merchantId, invoiceId, kind, language, recipient, details: JSON.stringify(details), at };
  });
  await queueStatement(
    db,
    `INSERT INTO customer_mails (merchant_id, invoice_id, kind, language, recipient, details, next_attempt_at, created_at)
     SELECT merchant_id, invoice_id, kind, language, recipient, details::jsonb, now(), created_at
     FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
       WITH ORDINALITY AS m(merchant_id, invoice_id, kind, language, recipient, details, created_at, n)
     ORDER BY n`,
    [
      rows.map((row) => row.merchantId), rows.map((row) => row.invoiceId), rows.map((row) => row.kind), rows.map((row) => row.language),
      rows.map((row) => row.recipient), rows.map((row) => row.details), rows.map((row) => row.at),
    ],
  );
}
