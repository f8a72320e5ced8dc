-- The domains a merchant allows for checkout return URLs (docs/checkout.md "Return URL domains").
-- A merchant without a row, or with an empty list, may send any http(s) return URL.
CREATE TABLE checkout_return_domains (
  merchant_id  text PRIMARY KEY REFERENCES merchants(id),
  domains      jsonb NOT NULL,
  updated_at   timestamptz NOT NULL
);
