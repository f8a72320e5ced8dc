-- BillBlend's DAPI sale over hosted checkout sessions (docs/billblend.md).
-- An endpoint is what BillBlend calls an entry point: it belongs to one merchant, books its sales on
-- one workflow and holds the control key that signs the sale start (spec §6.2).
CREATE TABLE psp_endpoints (
  id               text PRIMARY KEY,
  merchant_id      text NOT NULL REFERENCES merchants(id),
  workflow_number  integer NOT NULL,
  control_key      text NOT NULL,
  created_at       timestamptz NOT NULL,
  FOREIGN KEY (merchant_id, workflow_number) REFERENCES workflows(merchant_id, number)
);

-- One sale per endpoint and merchant invoiceId, started in the same transaction as its session.
CREATE TABLE psp_sales (
  endpoint_id          text NOT NULL REFERENCES psp_endpoints(id),
  reference            text NOT NULL,
  -- The session token handed to the app (a UUID, spec §6.1).
  token                text NOT NULL UNIQUE,
  -- SHA-256 of the access token, never the token itself.
  access_token_digest  text NOT NULL,
  nonce                text NOT NULL,
  session_id           text NOT NULL UNIQUE REFERENCES checkout_sessions(id),
  created_at           timestamptz NOT NULL,
  PRIMARY KEY (endpoint_id, reference)
);
