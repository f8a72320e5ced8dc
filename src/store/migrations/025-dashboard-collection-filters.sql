-- The dashboard's "disputed" and "paid out" filters (docs/dashboard.md "Invoice list"): keyset
-- pages newest first over only the invoices that have the flag, as the on-hold filter does. Partial
-- indexes stay small while few invoices are disputed, and a page of paid-out invoices walks only
-- those, however many others the merchant has.
CREATE INDEX invoices_dashboard_disputed ON invoices (merchant_id, id DESC) WHERE dispute_open;
CREATE INDEX invoices_dashboard_paid_out ON invoices (merchant_id, id DESC) WHERE paid_out;
