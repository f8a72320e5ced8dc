-- The invoice life cycle (docs/collection.md "The life cycle"): its state per invoice, its timer
-- rows, the ledger kinds its steps book and the merchant's settlement rows.
--
-- `life_cycle` holds the LifeCycleState as store/life-cycle-codec.ts encodes it (version 1).
-- NULL means the invoice has not been through the life cycle yet: its state is derived from the
-- row on first read (every invoice placed before this migration, and new invoices until their
-- first change). The columns status, step, paid, credited, due_date and on_hold_until stay in step
-- with the state, because status, exposure and the lists read them.
ALTER TABLE invoices ADD COLUMN life_cycle jsonb;
-- Costs added (reminder fees, collection costs) and the part of them paid, for the open amount.
ALTER TABLE invoices ADD COLUMN costs bigint NOT NULL DEFAULT 0;
ALTER TABLE invoices ADD COLUMN costs_paid bigint NOT NULL DEFAULT 0;
ALTER TABLE invoices ADD COLUMN paid_out boolean NOT NULL DEFAULT false;
-- The reminder an invoice is at, so status can name `Reminder 2` without decoding the state.
ALTER TABLE invoices ADD COLUMN reminder_number integer NOT NULL DEFAULT 0;
ALTER TABLE invoices ADD COLUMN dispute_open boolean NOT NULL DEFAULT false;

-- One row per invoice and kind of timer; the runner claims due rows with FOR UPDATE SKIP LOCKED
-- and deletes a row in the transaction that applies it, so a crash loses nothing.
CREATE TABLE invoice_timers (
  invoice_id   bigint NOT NULL REFERENCES invoices(id),
  kind         text NOT NULL CHECK (kind IN ('send_invoice', 'reminder', 'final_notice', 'collection', 'payout', 'hold_end')),
  merchant_id  text NOT NULL REFERENCES merchants(id),
  -- The merchant's business time the step falls due (its test clock in the sandbox).
  due_at       timestamptz NOT NULL,
  PRIMARY KEY (invoice_id, kind)
);
CREATE INDEX invoice_timers_due ON invoice_timers (due_at);
CREATE INDEX invoice_timers_by_merchant_due ON invoice_timers (merchant_id, due_at);

-- The new ledger kinds: reminder fees, collection costs and their adjustments (negative), and a
-- payment's part that paid costs and who received it.
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_kind_check;
ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_amount_check;
ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_kind_check
  CHECK (kind IN ('payment', 'credit', 'reminder_fee', 'collection_costs', 'costs_adjustment'));
ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_amount_check
  CHECK ((kind = 'costs_adjustment' AND amount < 0) OR (kind <> 'costs_adjustment' AND amount > 0));
ALTER TABLE ledger_entries ADD COLUMN to_costs bigint NOT NULL DEFAULT 0;
ALTER TABLE ledger_entries ADD COLUMN channel text CHECK (channel IN ('merchant', 'platform'));

-- What the merchant is paid out (or has clawed back) per invoice, with the merchant's fee.
CREATE TABLE settlements (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  merchant_id  text NOT NULL REFERENCES merchants(id),
  invoice_id   bigint NOT NULL REFERENCES invoices(id),
  kind         text NOT NULL CHECK (kind IN ('payout', 'clawback')),
  gross        bigint NOT NULL,
  fee          bigint NOT NULL,
  net          bigint NOT NULL,
  created_at   timestamptz NOT NULL
);
CREATE INDEX settlements_by_invoice ON settlements (invoice_id, id);
CREATE INDEX settlements_by_merchant ON settlements (merchant_id, created_at);

-- The timer runner looks for started invoices whose state was never stored (from before this
-- migration) and writes their state and timers once; this keeps that look cheap.
CREATE INDEX invoices_without_life_cycle ON invoices (merchant_id) WHERE life_cycle IS NULL AND status = 'open' AND step <> 'not_started';
