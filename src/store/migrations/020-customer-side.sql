-- The customer's side (docs/collection.md "The customer's side").
-- A pay token per invoice: 128 random bits, the only credential of the customer pay page. It is
-- apart from file_token, which the File action hands to merchants (spec §2.10): a PDF link a
-- merchant forwards or logs must not also be the key to the page that takes payments. Given out
-- on first use (the first customer e-mail), so invoices placed before this migration get one too.
ALTER TABLE invoices ADD COLUMN pay_token text;
CREATE UNIQUE INDEX invoices_pay_token ON invoices (pay_token) WHERE pay_token IS NOT NULL;

-- What a customer e-mail said, kept when it is handed over: over SMTP, or to the local outbox
-- (no SMTP_URL), where `npm run mail` lists it.
ALTER TABLE customer_mails ADD COLUMN subject text;
ALTER TABLE customer_mails ADD COLUMN body text;
ALTER TABLE customer_mails ADD COLUMN channel text CHECK (channel IN ('smtp', 'outbox'));
