-- The merchant dashboard (docs/dashboard.md): signed-in sessions as rows, so every API node
-- serves every session, and the indexes the invoice list's keyset pages and search stand on.

-- The token itself is only in the browser's cookie; the row keeps its SHA-256, so a copy of the
-- database signs nobody in. An operator's session has `operator` set and the merchant it looks at.
CREATE TABLE dashboard_sessions (
  token_hash   text PRIMARY KEY,
  merchant_id  text REFERENCES merchants(id),
  operator     text,
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  CHECK (merchant_id IS NOT NULL OR operator IS NOT NULL)
);
CREATE INDEX dashboard_sessions_by_expiry ON dashboard_sessions (expires_at);

-- Newest first, page after page: (merchant, id) alone, or behind the filters the list offers.
CREATE INDEX invoices_dashboard_newest ON invoices (merchant_id, id DESC);
CREATE INDEX invoices_dashboard_by_step ON invoices (merchant_id, step, id DESC);
CREATE INDEX invoices_dashboard_by_status ON invoices (merchant_id, status, id DESC);
CREATE INDEX invoices_dashboard_on_hold ON invoices (merchant_id, id DESC) WHERE on_hold_until IS NOT NULL;
-- Search: number prefixes, the e-mail address whole, the customer's last name by prefix.
CREATE INDEX invoices_dashboard_invoice_number ON invoices (merchant_id, invoice_number text_pattern_ops);
CREATE INDEX invoices_dashboard_order_number ON invoices (merchant_id, merchant_number text_pattern_ops);
CREATE INDEX invoices_dashboard_email ON invoices (merchant_id, lower(customer_email));
CREATE INDEX invoices_dashboard_last_name ON invoices (merchant_id, lower(customer ->> 'lastName') text_pattern_ops);

-- The timeline reads an invoice's events and the deliveries they caused.
CREATE INDEX events_dashboard_by_invoice ON events (invoice_id) WHERE invoice_id IS NOT NULL;
CREATE INDEX invoice_messages_dashboard_by_invoice ON invoice_messages (invoice_id);
CREATE INDEX webhook_deliveries_dashboard_by_event ON webhook_deliveries (event_id) WHERE event_id IS NOT NULL;
