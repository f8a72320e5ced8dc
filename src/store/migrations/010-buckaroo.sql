-- Buckaroo-compatible gateway (docs/buckaroo.md): each merchant's website key and secret key, the
-- nonces seen inside the timestamp window (replays are refused), and every transaction answered
-- with a key, so Status, RefundInfo and Cancel can read it back.

CREATE TABLE buckaroo_credentials (
  website_key  text PRIMARY KEY,
  merchant_id  text NOT NULL UNIQUE REFERENCES merchants(id),
  secret       text NOT NULL,
  push_url     text,
  created_at   timestamptz NOT NULL
);

CREATE TABLE buckaroo_nonces (
  website_key  text NOT NULL,
  nonce        text NOT NULL,
  seen_at      timestamptz NOT NULL,
  PRIMARY KEY (website_key, nonce)
);
CREATE INDEX buckaroo_nonces_by_age ON buckaroo_nonces (seen_at);

CREATE TABLE buckaroo_transactions (
  key               text PRIMARY KEY,
  merchant_id       text NOT NULL REFERENCES merchants(id),
  invoice_id        bigint REFERENCES invoices(id),
  invoice_number    text,
  service           text NOT NULL,
  action            text NOT NULL,
  client_invoice    text,
  client_order      text,
  description       text,
  currency          text NOT NULL,
  amount_debit      bigint,
  amount_credit     bigint,
  status_code       integer NOT NULL,
  sub_code          text,
  transaction_type  text,
  mutation_type     integer NOT NULL,
  related_key       text,
  relation_type     text,
  is_test           boolean NOT NULL,
  payment_key       text,
  push_url          text,
  created_at        timestamptz NOT NULL,
  cancelled_at      timestamptz
);
-- Invoice events push the transaction that placed the invoice (webhook-fan-out.ts).
CREATE INDEX buckaroo_transactions_by_invoice ON buckaroo_transactions (invoice_id) WHERE action IN ('Pay', 'Authorize');
CREATE INDEX buckaroo_transactions_related ON buckaroo_transactions (merchant_id, related_key) WHERE related_key IS NOT NULL;

-- The notification seam: every subscription and delivery belongs to a contract, whose builder made
-- the body and whose signer signs each attempt. Rows from before are Billink's.
ALTER TABLE webhook_subscriptions ADD COLUMN contract text NOT NULL DEFAULT 'billink';
ALTER TABLE webhook_deliveries ADD COLUMN contract text NOT NULL DEFAULT 'billink';
-- Buckaroo's pushes (spec buckaroo.md §11.1) are deliveries of kind `push`.
ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_kind_check;
ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_kind_check CHECK (kind IN ('order', 'session', 'push'));
