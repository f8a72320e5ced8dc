-- Idempotency keys of the v2 JSON writes (docs/v2-api.md "Idempotency keys"). A row is inserted
-- before the request's first side effect and gets its answer in the same transaction, so a
-- committed row always has one; a repeat waits on the primary key while the first is running.
CREATE TABLE idempotency_keys (
  scope        text NOT NULL,
  key          text NOT NULL,
  fingerprint  text NOT NULL,
  status       integer,
  content_type text,
  body         bytea,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  PRIMARY KEY (scope, key)
);

CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
