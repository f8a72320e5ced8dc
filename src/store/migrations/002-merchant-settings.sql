-- Webshop settings per merchant (spec §2.14); a merchant without a row gets the defaults in
-- src/core/merchants/webshop-settings.ts.
CREATE TABLE merchant_settings (
  merchant_id               text PRIMARY KEY REFERENCES merchants(id),
  minimum_paid_orders       integer NOT NULL CHECK (minimum_paid_orders >= 0),
  period_days               integer NOT NULL CHECK (period_days > 0),
  total_amount_higher_than  bigint NOT NULL CHECK (total_amount_higher_than >= 0),
  whitelist                 jsonb NOT NULL DEFAULT '[]',
  updated_at                timestamptz NOT NULL
);

-- What a partner told about a merchant it registered (spec §2.15), kept as sent.
CREATE TABLE merchant_profiles (
  merchant_id  text PRIMARY KEY REFERENCES merchants(id),
  profile      jsonb NOT NULL,
  created_at   timestamptz NOT NULL
);

-- One-time links where a new merchant sets its password; the password itself is a scrypt hash.
CREATE TABLE merchant_password_links (
  token        text PRIMARY KEY,
  merchant_id  text NOT NULL REFERENCES merchants(id),
  expires_at   timestamptz NOT NULL,
  used_at      timestamptz
);
ALTER TABLE merchants ADD COLUMN password_hash text;

-- The reconciliation list pages through a merchant's invoices by invoice date.
CREATE INDEX invoices_by_merchant_order_date ON invoices (merchant_id, order_date, id);
