-- Counts per key and one-minute window for the rate limits, shared by every node on one database
-- (docs/operations.md, "Rate limits"). UNLOGGED: a counter needs no crash safety, and an update of
-- an unlogged table writes no WAL, so counting costs no log flush per request.
CREATE UNLOGGED TABLE rate_windows (
  key text NOT NULL,
  window_start bigint NOT NULL,
  count bigint NOT NULL,
  PRIMARY KEY (key, window_start)
);
