-- Hosted checkout sessions (spec §2.12, §2.13): the order a shop wants placed, held for an hour.
CREATE TABLE checkout_sessions (
  -- The sessionID: 128 random bits, also the key of the session's page.
  id                 text PRIMARY KEY,
  -- Creation order, for "the newest session" when two share a timestamp.
  seq                bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  merchant_id        text NOT NULL REFERENCES merchants(id),
  status             text NOT NULL CHECK (status IN ('session_active', 'order_created', 'cancelled', 'failed', 'session_expired')),
  workflow_number    integer NOT NULL,
  order_number       text NOT NULL,
  invoice_number     text NOT NULL,
  custom_invoice_id  text,
  transaction_id     text NOT NULL UNIQUE,
  customer_id        text NOT NULL,
  -- The customer as sent (validated) and the fields the page still asks for.
  customer           jsonb NOT NULL,
  missing            jsonb NOT NULL,
  items              jsonb NOT NULL,
  lines              jsonb NOT NULL,
  total              bigint NOT NULL CHECK (total > 0),
  vat                bigint NOT NULL,
  currency           text NOT NULL,
  pay_trust_score    text,
  return_urls        jsonb NOT NULL,
  logo_url           text,
  created_at         timestamptz NOT NULL,
  expires_at         timestamptz NOT NULL,
  finished_at        timestamptz,
  invoice_id         bigint REFERENCES invoices(id),
  -- A session is decided once; only the order it created is linked to it.
  CHECK ((status = 'session_active') = (finished_at IS NULL)),
  CHECK (invoice_id IS NULL OR status = 'order_created')
);
-- The expiry sweep reads only the open sessions, oldest deadline first.
CREATE INDEX checkout_sessions_active_by_expiry ON checkout_sessions (expires_at) WHERE status = 'session_active';
-- Session status by Billink invoice number (Magento's fallback, spec §2.13).
CREATE INDEX checkout_sessions_by_invoice_number ON checkout_sessions (merchant_id, invoice_number);
