-- The merchant's API request log for `achteraf logs tail` (docs/operations.md "The API request
-- log"): one row per answered request of an authenticated merchant, written in batches off the
-- request path, kept 24 hours. No body, query, path value, address or credential is stored: only
-- the method, the route pattern, the HTTP status, the wire code, the duration and the request id.
CREATE TABLE api_request_log (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  merchant     text NOT NULL,
  at           timestamptz NOT NULL,
  method       text NOT NULL,
  route        text NOT NULL,
  status       integer NOT NULL,
  wire_code    text NOT NULL,
  duration_ms  integer NOT NULL,
  request_id   text NOT NULL
);

CREATE INDEX api_request_log_merchant ON api_request_log (merchant, id);
CREATE INDEX api_request_log_at ON api_request_log (at);
