-- Days of hold granted to an invoice so far, so repeated holds cannot stretch a guaranteed
-- workflow's 14-day maximum (days given back by an early resume are not counted).
ALTER TABLE invoices ADD COLUMN hold_days_used integer NOT NULL DEFAULT 0;
