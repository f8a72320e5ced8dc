-- E-mails to customers that the invoice life cycle decides on (the invoice, reminders, the final
-- notice, the collection notice, receipts), written in the transaction of the step that causes
-- them and sent afterwards by the customer mail job. `details` holds the step's amounts and dates
-- as the life cycle gave them; the text and the PDF are rendered when the mail is sent.
CREATE TABLE customer_mails (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  merchant_id      text NOT NULL REFERENCES merchants(id),
  invoice_id       bigint NOT NULL REFERENCES invoices(id),
  kind             text NOT NULL CHECK (kind IN ('invoice', 'reminder', 'final_notice', 'collection', 'receipt')),
  language         text NOT NULL CHECK (language IN ('nl', 'en')),
  recipient        text NOT NULL,
  details          jsonb NOT NULL,
  state            text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL,
  locked_until     timestamptz,
  last_error       text,
  -- The merchant's business time of the step (its test clock in the sandbox).
  created_at       timestamptz NOT NULL,
  sent_at          timestamptz
);
CREATE INDEX customer_mails_due ON customer_mails (next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX customer_mails_by_invoice ON customer_mails (invoice_id, id);
CREATE INDEX customer_mails_pending_by_merchant ON customer_mails (merchant_id, id) WHERE state = 'pending';
