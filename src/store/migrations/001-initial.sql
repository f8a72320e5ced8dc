-- Merchants and their workflows (products).
CREATE TABLE merchants (
  id          text PRIMARY KEY,
  username    text NOT NULL UNIQUE,
  client_id   text NOT NULL,
  code        text NOT NULL UNIQUE,
  name        text NOT NULL,
  email       text NOT NULL,
  sandbox     boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE workflows (
  merchant_id        text NOT NULL REFERENCES merchants(id),
  number             integer NOT NULL,
  name               text NOT NULL,
  guaranteed         boolean NOT NULL,
  max_amount         bigint,
  customer_types     text NOT NULL,
  payment_term_days  integer NOT NULL DEFAULT 14,
  PRIMARY KEY (merchant_id, number)
);

-- Positive credit checks; each UUID may feed one order.
CREATE TABLE credit_checks (
  uuid               text PRIMARY KEY,
  merchant_id        text NOT NULL REFERENCES merchants(id),
  workflow_number    integer NOT NULL,
  amount             bigint NOT NULL,
  customer_email     text NOT NULL,
  customer_identity  text,
  decided_by         text NOT NULL,
  created_at         timestamptz NOT NULL,
  expires_at         timestamptz NOT NULL,
  used_at            timestamptz,
  invoice_id         bigint
);

CREATE TABLE invoices (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  merchant_id          text NOT NULL REFERENCES merchants(id),
  workflow_number      integer NOT NULL,
  merchant_number      text NOT NULL,
  invoice_number       text NOT NULL,
  order_date           date NOT NULL,
  currency             text NOT NULL,
  customer             jsonb NOT NULL,
  customer_email       text NOT NULL,
  customer_identity    text,
  lines                jsonb NOT NULL,
  total                bigint NOT NULL CHECK (total > 0),
  vat                  bigint NOT NULL,
  paid                 bigint NOT NULL DEFAULT 0 CHECK (paid >= 0),
  credited             bigint NOT NULL DEFAULT 0 CHECK (credited >= 0),
  status               text NOT NULL,
  step                 text NOT NULL,
  workflow_started_at  timestamptz,
  due_date             date,
  on_hold_until        timestamptz,
  sandbox              boolean NOT NULL,
  additional_text      text,
  track_and_trace      text,
  file_token           text NOT NULL UNIQUE,
  check_uuid           text,
  custom_invoice_id    text,
  created_at           timestamptz NOT NULL,
  -- Money is never lost or double-counted: the database refuses an overpaid invoice too.
  CHECK (paid + credited <= total),
  UNIQUE (merchant_id, merchant_number),
  UNIQUE (merchant_id, invoice_number)
);
CREATE INDEX invoices_open_by_email ON invoices (customer_email) WHERE status = 'open';
CREATE INDEX invoices_open_by_identity ON invoices (customer_identity) WHERE status = 'open';
CREATE INDEX invoices_by_merchant_created ON invoices (merchant_id, created_at);

-- Every movement of money on an invoice, never updated.
CREATE TABLE ledger_entries (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  invoice_id   bigint NOT NULL REFERENCES invoices(id),
  kind         text NOT NULL CHECK (kind IN ('payment', 'credit')),
  amount       bigint NOT NULL CHECK (amount > 0),
  description  text,
  created_at   timestamptz NOT NULL
);
CREATE INDEX ledger_entries_by_invoice ON ledger_entries (invoice_id);

CREATE TABLE invoice_messages (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  invoice_id  bigint NOT NULL REFERENCES invoices(id),
  body        text NOT NULL,
  created_at  timestamptz NOT NULL
);

-- The outbox: events written with the change that caused them, delivered by jobs.
CREATE TABLE events (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  merchant_id  text NOT NULL REFERENCES merchants(id),
  invoice_id   bigint REFERENCES invoices(id),
  session_id   text,
  type         text NOT NULL,
  -- Event details beyond the ids, e.g. a session's new status.
  data         jsonb,
  created_at   timestamptz NOT NULL
);
CREATE INDEX events_by_merchant ON events (merchant_id, id);
