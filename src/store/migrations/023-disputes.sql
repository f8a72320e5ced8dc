-- Disputes (spec §2.16, docs/v2-api.md "Disputes"): one row per dispute a customer or merchant
-- opened on an invoice. While a dispute is open the invoice's collection is paused (its
-- life-cycle pause and invoices.dispute_open, migration 018); at most one is open per invoice,
-- which the partial unique index enforces under concurrency too. The optional attachment is
-- stored decoded, at most 5 MiB (checked in the core before the insert).
CREATE TABLE disputes (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  public_id       text NOT NULL UNIQUE,
  merchant_id     text NOT NULL,
  invoice_id      bigint NOT NULL REFERENCES invoices (id),
  category        integer NOT NULL,
  customer_email  text NOT NULL,
  customer_name   text NOT NULL,
  locale          text NOT NULL,
  message         text NOT NULL,
  file_name       text,
  file_type       text,
  file_data       bytea,
  opened_at       timestamptz NOT NULL,
  resolved_at     timestamptz,
  resolution      text,
  CHECK (octet_length(file_data) <= 5242880)
);

CREATE UNIQUE INDEX disputes_one_open ON disputes (invoice_id) WHERE resolved_at IS NULL;
CREATE INDEX disputes_merchant ON disputes (merchant_id, id);
