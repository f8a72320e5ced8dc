-- The rest of a workflow's definition (docs/collection.md "The workflow definition", "How a
-- workflow is stored"): the start delay, the reminders, the final notice's wait, the business
-- compensation and the payout terms, as one jsonb object with the definition's own camelCase keys
-- and money in integer cents:
--   {"startDelayDays":3,"reminders":[{"waitDays":7,"fee":0}],"finalNoticeWaitDays":14,
--    "businessCompensation":4000,"payout":{"guaranteedAfterDays":14,"feeBasisPoints":0,"feeFixed":0}}
-- A key that is absent takes its default, so every workflow that exists keeps today's course with
-- '{}'. The payment term stays in payment_term_days, the guarantee in guaranteed, the maximum in
-- max_amount and the customer types in customer_types: each value has one place.
ALTER TABLE workflows ADD COLUMN course jsonb NOT NULL DEFAULT '{}'::jsonb;
