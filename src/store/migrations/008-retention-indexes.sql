-- The retention job (src/jobs/retention-job.ts) finds what has outlived its retention by age.
CREATE INDEX webhook_deliveries_finished_by_age ON webhook_deliveries (created_at) WHERE state <> 'pending';
CREATE INDEX mail_outbox_finished_by_age ON mail_outbox (created_at) WHERE state <> 'pending';
CREATE INDEX checkout_sessions_finished_by_age ON checkout_sessions (finished_at) WHERE status <> 'session_active';
