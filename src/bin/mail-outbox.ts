/**
 * `npm run mail`: lists the merchant mail in the outbox, newest first: what would have been sent
 * when no SMTP_URL is set, and what is still waiting or failed when one is; then the customer
 * e-mails (invoices, reminders, notices, receipts) that the local outbox keeps, wait or failed. `--all` includes sent
 * mail; `--limit N` shows at most N (default 20); `--json` prints one JSON object per mail. On the embedded database (PGlite) stop the
 * server first: only one process may open a data folder.
 */
import { loadConfig } from '../config.js';
import { openDatabase } from '../main.js';
import { migrate } from '../store/migrate.js';
import { SqlMailOutboxRepository, type StoredMail } from '../store/mail-outbox-repository.js';
import { type ListedCustomerMail, SqlCustomerMailOutbox } from '../store/customer-mail-outbox-repository.js';

const args = process.argv.slice(2);
const limitIndex = args.indexOf('--limit');
const limit = limitIndex >= 0 ? Number(args[limitIndex + 1]) : 20;
if (!Number.isInteger(limit) || limit < 1) {
  console.error('Usage: npm run mail [-- --all] [--limit N] [--json]');
  process.exit(2);
}

const config = loadConfig();
const db = await openDatabase(config);
try {
  await migrate(db);
  const mails = await new SqlMailOutboxRepository(db).list({ limit, unsentOnly: !args.includes('--all') });
  const customerMails = await new SqlCustomerMailOutbox(db).list({ limit, unsentOnly: !args.includes('--all') });
  if (args.includes('--json')) {
    for (const mail of mails) console.log(JSON.stringify(mail));
    for (const mail of customerMails) console.log(JSON.stringify({ customer: true, ...mail }));
  } else {
    console.log(mails.length === 0 ? 'The mail outbox is empty.' : mails.map(format).join('\n\n'));
    if (customerMails.length > 0) console.log(`\nCustomer e-mails:\n\n${customerMails.map(formatCustomer).join('\n\n')}`);
  }
} finally {
  await db.close();
}

function format(mail: StoredMail): string {
  const status =
    mail.state === 'sent'
      ? `sent ${mail.sentAt?.toISOString()}`
      : `${mail.state}${mail.attempts ? `, ${mail.attempts} attempts, last error: ${mail.lastError}` : ''}`;
  return [
    `#${mail.id}  ${mail.createdAt.toISOString()}  (${status})`,
    `To: ${mail.to}`,
    `Subject: ${mail.subject}`,
    '',
    mail.text,
  ].join('\n');
}

function formatCustomer(mail: ListedCustomerMail): string {
  const status =
    mail.state === 'sent'
      ? `${mail.channel === 'outbox' ? 'kept in the local outbox' : 'sent'} ${mail.sentAt?.toISOString()}`
      : `${mail.state}${mail.attempts ? `, ${mail.attempts} attempts, last error: ${mail.lastError}` : ''}`;
  return [
    `#c${mail.id}  ${mail.createdAt.toISOString()}  ${mail.kind}, invoice ${mail.invoiceNumber}  (${status})`,
    `To: ${mail.recipient}`,
    `Subject: ${mail.subject ?? '(rendered when sent)'}`,
    '',
    mail.body ?? '',
  ].join('\n');
}
