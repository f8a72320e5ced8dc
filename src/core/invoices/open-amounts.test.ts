import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { definition, apply, started, until } from './life-cycle/life-cycle-test-support.js';
import type { LifeCycleState } from './life-cycle/types.js';
import { openAmountsOf } from './open-amounts.js';
import type { Invoice } from '../orders/invoice.js';

const NOT_GUARANTEED = definition({ guaranteed: false });
const BELGIAN_TWO_REMINDERS = definition({
  guaranteed: false,
  reminders: [{ waitDays: 20, fee: 0 }, { waitDays: 7, fee: 750 }],
});

/** The invoice columns as the store keeps them in step with the state. */
function invoiceOf(state: LifeCycleState, country = 'NL'): Pick<Invoice, 'total' | 'paid' | 'credited' | 'status' | 'customer' | 'lifeCycle'> {
  const status = state.step === 'paid' || state.step === 'credited' ? state.step : 'open';
  return { total: state.total, paid: state.paid, credited: state.credited, status, lifeCycle: state, customer: { type: 'P', address: { countryCode: country } } as Invoice['customer'] };
}

describe('what is open on an invoice', () => {
  test('before collection only the principal is open', () => {
    const state = until('2026-03-20', NOT_GUARANTEED, started(30_000, 'P', 'NL', NOT_GUARANTEED)).state;
    assert.deepEqual(openAmountsOf(invoiceOf(state)), {
      regime: 'nl_consumer', principalOpen: 30_000, collectionCosts: 0, reminderFees: 0, costsPaid: 0, costsOpen: 0, totalOpen: 30_000,
    });
  });

  const collected = until('2026-04-30', NOT_GUARANTEED, started(30_000, 'P', 'NL', NOT_GUARANTEED)).state;

  test('in collection the WIK costs are open beside the principal', () => {
    assert.equal(collected.step, 'collection');
    assert.deepEqual(openAmountsOf(invoiceOf(collected)), {
      regime: 'nl_consumer', principalOpen: 30_000, collectionCosts: 4_500, reminderFees: 0, costsPaid: 0, costsOpen: 4_500, totalOpen: 34_500,
    });
  });

  test('a payment to the platform lowers the costs first (art. 6:44 BW), then the principal', () => {
    const paid = apply(collected, { type: 'payment', amount: 5_000, channel: 'platform' }, new Date('2026-05-01T10:00:00Z'), NOT_GUARANTEED).state;
    assert.deepEqual(openAmountsOf(invoiceOf(paid)), {
      regime: 'nl_consumer', principalOpen: 29_500, collectionCosts: 4_500, reminderFees: 0, costsPaid: 4_500, costsOpen: 0, totalOpen: 29_500,
    });
  });

  test('a payment the merchant received directly pays the principal only, and the costs stay open', () => {
    const paid = apply(collected, { type: 'payment', amount: 30_000, channel: 'merchant' }, new Date('2026-05-01T10:00:00Z'), NOT_GUARANTEED).state;
    assert.deepEqual([openAmountsOf(invoiceOf(paid)).principalOpen, openAmountsOf(invoiceOf(paid)).costsOpen], [0, 4_500]);
  });

  test('a full credit closes the invoice with nothing open, the costs waived', () => {
    const credited = apply(collected, { type: 'credit', amount: 30_000 }, new Date('2026-05-01T10:00:00Z'), NOT_GUARANTEED).state;
    const open = openAmountsOf(invoiceOf(credited));
    assert.deepEqual([open.principalOpen, open.costsOpen, open.totalOpen], [0, 0, 0]);
  });

  test('a Belgian consumer owes the Book XIX damages and the fee of a further reminder, told apart', () => {
    const state = until('2026-07-31', BELGIAN_TWO_REMINDERS, started(30_000, 'P', 'BE', BELGIAN_TWO_REMINDERS)).state;
    const open = openAmountsOf(invoiceOf(state, 'BE'));
    assert.equal(open.regime, 'be_consumer');
    assert.equal(open.collectionCosts, 4_500);
    assert.equal(open.reminderFees, 750);
    assert.equal(open.totalOpen, 30_000 + 4_500 + 750);
  });

  test('an invoice never through the life cycle has its principal open and no costs', () => {
    const invoice = { total: 10_000, paid: 2_500, credited: 0, status: 'open' as const, lifeCycle: undefined, customer: { type: 'B', address: { countryCode: 'NL' } } as Invoice['customer'] };
    assert.deepEqual(openAmountsOf(invoice), { regime: 'business', principalOpen: 7_500, collectionCosts: 0, reminderFees: 0, costsPaid: 0, costsOpen: 0, totalOpen: 7_500 });
  });
});
