-- A sandbox merchant's test clock: how far its time is ahead of real time (docs/collection.md
-- "Test clocks"). Zero is real time; a live merchant's offset is never read.
ALTER TABLE merchants ADD COLUMN test_clock_offset_ms bigint NOT NULL DEFAULT 0;
ALTER TABLE merchants ADD CONSTRAINT merchants_test_clock_forward CHECK (test_clock_offset_ms >= 0);
