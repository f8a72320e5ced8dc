-- Which customer types a workflow accepts (workflows.customer_types, "P,B", "P" or "B") is the
-- merchant's choice; a workflow nobody restricted accepts both.
ALTER TABLE workflows ALTER COLUMN customer_types SET DEFAULT 'P,B';

-- Billink's sandbox approved a private (TYPE P) check on workflow 2 of usertest (recorded), so the
-- seeded sandbox workflow 2 accepts private customers too. Only the value the old seed wrote is
-- changed; live merchants keep what they have.
UPDATE workflows SET customer_types = 'P,B', name = 'Guaranteed, large orders'
WHERE merchant_id IN ('m_usertest', 'm_apitest') AND number = 2 AND customer_types = 'B';
