import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDomainError } from '../shared/errors.js';
import { lastDayOfMonth, readPayoutPeriod, shiftMonth } from './payout-period.js';

const refused = (input: Parameters<typeof readPayoutPeriod>[0]) => {
  try {
    readPayoutPeriod(input, '2026-12-01');
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
  return 'accepted';
};

test('without a choice the period is the merchant’s current month', () => {
  assert.deepEqual(readPayoutPeriod({}, '2026-02-14'), { from: '2026-02-01', to: '2026-02-28', month: '2026-02' });
  assert.deepEqual(readPayoutPeriod({ month: ' ', from: '', to: '' }, '2028-02-14'), { from: '2028-02-01', to: '2028-02-29', month: '2028-02' });
});

test('a chosen month is that month, and dates win over a month', () => {
  assert.deepEqual(readPayoutPeriod({ month: '2026-03' }, '2026-12-01'), { from: '2026-03-01', to: '2026-03-31', month: '2026-03' });
  assert.deepEqual(readPayoutPeriod({ month: '2026-03', from: '05-01-2026', to: '2026-01-20' }, '2026-12-01'), { from: '2026-01-05', to: '2026-01-20', month: undefined });
});

test('one date alone runs to the end of its month, or from the start of it; a whole month of dates is that month', () => {
  assert.deepEqual(readPayoutPeriod({ from: '2026-04-15' }, '2026-12-01'), { from: '2026-04-15', to: '2026-04-30', month: undefined });
  assert.deepEqual(readPayoutPeriod({ to: '2026-04-15' }, '2026-12-01'), { from: '2026-04-01', to: '2026-04-15', month: undefined });
  assert.deepEqual(readPayoutPeriod({ from: '2026-04-01', to: '30-04-2026' }, '2026-12-01'), { from: '2026-04-01', to: '2026-04-30', month: '2026-04' });
});

test('months and dates that are none, and a period that runs backwards, are refused by name', () => {
  assert.equal(refused({ month: '2026-13' }), 'month_invalid');
  assert.equal(refused({ month: '2026-3' }), 'month_invalid');
  assert.equal(refused({ month: 'maart' }), 'month_invalid');
  assert.equal(refused({ from: '2026-02-30' }), 'date_from_invalid');
  assert.equal(refused({ to: 'morgen' }), 'date_to_invalid');
  assert.equal(refused({ from: '2026-03-10', to: '2026-03-09' }), 'date_range_invalid');
  assert.equal(refused({ from: '2026-03-10', to: '2026-03-10' }), 'accepted');
});

test('months shift across years and end on their last day', () => {
  assert.equal(shiftMonth('2026-01', -1), '2025-12');
  assert.equal(shiftMonth('2026-12', 1), '2027-01');
  assert.equal(shiftMonth('2026-05', -17), '2024-12');
  assert.equal(lastDayOfMonth('2024-02'), '2024-02-29');
  assert.equal(lastDayOfMonth('2026-12'), '2026-12-31');
});
