-- BillBlend's final-status callback (spec billblend.md §7.1, docs/billblend.md "Callback"): the
-- URL is configured per endpoint ("if Connecting Party callback URL is specified on endpoint
-- level"), and each callback is a delivery of kind `callback` in the outbox.
ALTER TABLE psp_endpoints ADD COLUMN callback_url text;
ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_kind_check;
ALTER TABLE webhook_deliveries ADD CONSTRAINT webhook_deliveries_kind_check CHECK (kind IN ('order', 'session', 'push', 'callback'));
