-- The invoice timeline reads an invoice's disputes, resolved ones too (docs/dashboard.md
-- "Timeline"); disputes_one_open covers only the open one, so without this the read would walk
-- every dispute of the merchant.
CREATE INDEX disputes_by_invoice ON disputes (invoice_id, id);
