-- Webhooks: each merchant's order and session webhook, the v3 signing secret, and one delivery
-- row per event and webhook, written in the event's own transaction (the outbox), with every
-- attempt the delivery job made. Failed deliveries e-mail the merchant through mail_outbox.

CREATE TABLE webhook_secrets (
  merchant_id  text PRIMARY KEY REFERENCES merchants(id),
  secret       text NOT NULL,
  created_at   timestamptz NOT NULL
);

-- One webhook per merchant and kind; `signed` is webhook v3 (spec §4.3), unsigned the classic one.
CREATE TABLE webhook_subscriptions (
  merchant_id  text NOT NULL REFERENCES merchants(id),
  kind         text NOT NULL CHECK (kind IN ('order', 'session')),
  url          text NOT NULL,
  signed       boolean NOT NULL,
  updated_at   timestamptz NOT NULL,
  PRIMARY KEY (merchant_id, kind)
);

CREATE TABLE webhook_deliveries (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Sent as X-Billink-Webhook-Id; a replay keeps the id of the delivery it repeats.
  webhook_id       text NOT NULL DEFAULT gen_random_uuid()::text,
  merchant_id      text NOT NULL REFERENCES merchants(id),
  event_id         bigint REFERENCES events(id),
  kind             text NOT NULL CHECK (kind IN ('order', 'session')),
  event            text NOT NULL,
  url              text NOT NULL,
  signed           boolean NOT NULL,
  -- Frozen when the delivery is created, so every attempt sends the same bytes.
  body             text NOT NULL,
  state            text NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz,
  -- A job that claimed the row owns it until then; after a crash another job takes it over.
  locked_until     timestamptz,
  claim_token      text,
  replay_of        bigint REFERENCES webhook_deliveries(id),
  created_at       timestamptz NOT NULL,
  finished_at      timestamptz,
  CHECK ((state = 'pending') = (next_attempt_at IS NOT NULL))
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_by_merchant ON webhook_deliveries (merchant_id, id);

CREATE TABLE webhook_attempts (
  delivery_id    bigint NOT NULL REFERENCES webhook_deliveries(id),
  number         integer NOT NULL,
  started_at     timestamptz NOT NULL,
  http_status    integer,
  latency_ms     integer NOT NULL,
  response_body  text,
  error          text,
  PRIMARY KEY (delivery_id, number)
);

-- Mail to merchants, sent by the mail job when SMTP_URL is set and listed by `npm run mail`.
CREATE TABLE mail_outbox (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  merchant_id      text REFERENCES merchants(id),
  recipient        text NOT NULL,
  subject          text NOT NULL,
  body             text NOT NULL,
  state            text NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL,
  locked_until     timestamptz,
  last_error       text,
  created_at       timestamptz NOT NULL,
  sent_at          timestamptz
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at, id) WHERE state = 'pending';
