-- Every merchant is either a sandbox or a live merchant (docs/security.md "Sandbox and live
-- merchants"). Only a sandbox merchant honours the test triggers (BACKDOOR, +decline@) and test
-- clocks. The seeded merchants were sandbox, partner-created ones live unless asked for as sandbox.
ALTER TABLE merchants ADD COLUMN mode text;
UPDATE merchants SET mode = CASE WHEN sandbox THEN 'sandbox' ELSE 'live' END;
-- No default: whoever creates a merchant says which kind it is.
ALTER TABLE merchants ALTER COLUMN mode SET NOT NULL;
ALTER TABLE merchants ADD CONSTRAINT merchants_mode CHECK (mode IN ('sandbox', 'live'));
ALTER TABLE merchants DROP COLUMN sandbox;
