/**
 * Money is never lost or counted twice, whatever happens in whatever order: random but repeatable
 * sequences of commands (a fixed-seed generator) with the books checked after every transition.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DAY } from '../../shared/clock.js';
import type { WorkflowDefinition } from '../../workflows/workflow-definition.js';
import { runDueTimers } from './advance.js';
import { applyCommand, newLifeCycle } from './life-cycle.js';
import { definition, START } from './life-cycle-test-support.js';
import type { LifeCycleCommand, LifeCycleState, Transition } from './types.js';

/** Mulberry32, a small 32-bit generator, so every run checks the same sequences. */
function generator(seed: number) {
  let value = seed >>> 0;
  return (below: number) => {
    value = (value + 0x6d2b79f5) >>> 0;
    let t = value;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * below);
  };
}

interface Books {
  payments: number;
  credits: number;
  costs: number;
  settled: number;
}

function check(state: LifeCycleState, books: Books, workflow: WorkflowDefinition, transition: Transition, label: string): void {
  for (const entry of transition.ledger) {
    if (entry.kind === 'payment') books.payments += entry.amount;
    else if (entry.kind === 'credit') books.credits += entry.amount;
    else books.costs += entry.amount;
  }
  for (const settlement of transition.settlements) {
    assert.equal(settlement.net, settlement.gross - settlement.fee, label);
    assert.ok(settlement.fee >= 0 && (settlement.gross < 0 || settlement.fee <= settlement.gross), label);
    books.settled += settlement.gross;
  }
  assert.ok(state.paid >= 0 && state.credited >= 0 && state.paid + state.credited <= state.total, label);
  assert.ok(state.costsPaid >= 0 && state.costsPaid <= state.costs, label);
  assert.equal(books.payments, state.paid + state.costsPaid, label);
  assert.equal(books.credits, state.credited, label);
  assert.equal(books.costs, state.costs, label);
  assert.equal(books.settled, state.paidOut, label);
  if (workflow.guaranteed) {
    if (state.payouts > 0) assert.equal(state.paidOut, state.total - state.credited - state.paidToMerchant, label);
  } else {
    assert.equal(state.paidOut, state.paid - state.paidToMerchant, label);
  }
  const open = state.total - state.paid - state.credited;
  const closed = state.step === 'paid' || state.step === 'credited';
  if (closed) assert.equal(open, 0, label);
  if (open === 0 && state.costs === state.costsPaid) assert.ok(closed, label);
  const kinds = state.timers.map((timer) => timer.kind);
  assert.equal(new Set(kinds).size, kinds.length, label);
  if (state.pause) assert.ok(kinds.every((kind) => kind === 'hold_end'), label);
  for (const mail of transition.mails) assert.ok(mail.amountDue >= 0 && mail.costsDue >= 0, label);
}

function randomCommand(next: (below: number) => number, state: LifeCycleState, at: Date): LifeCycleCommand {
  const principal = state.total - state.paid - state.credited;
  const open = principal + state.costs - state.costsPaid;
  // A third of the payments and credits are for exactly what is open, so workflows also end.
  const part = (whole: number) => (next(3) === 0 ? whole : 1 + next(Math.max(1, whole)));
  switch (next(8)) {
    case 0:
      return next(3) === 0 ? { type: 'payment', amount: part(principal), channel: 'merchant' } : { type: 'payment', amount: part(open), channel: 'platform' };
    case 1:
      return { type: 'credit', amount: part(principal) };
    case 2:
      return { type: 'hold', until: new Date(at.getTime() + (1 + next(14)) * DAY) };
    case 3:
      return { type: 'resume' };
    case 4:
      return { type: 'dispute_open' };
    case 5:
      return { type: 'dispute_resolve' };
    default:
      return { type: 'start' };
  }
}

const WORKFLOWS = {
  guaranteed: definition({ payout: { guaranteedAfterDays: 10, feeBasisPoints: 175, feeFixed: 30 } }),
  'not guaranteed': definition({ guaranteed: false, reminders: [{ waitDays: 7, fee: 500 }, { waitDays: 15, fee: 900 }], payout: { guaranteedAfterDays: 0, feeBasisPoints: 250, feeFixed: 99 } }),
};
const CUSTOMERS = [['P', 'NL'], ['P', 'BE'], ['B', 'NL'], ['P', 'DE']] as const;

describe('the books balance after every transition', () => {
  for (const [name, workflow] of Object.entries(WORKFLOWS)) {
    test(`in 200 random life cycles on a ${name} workflow`, () => {
      const next = generator(name.length * 7_919);
      for (let run = 0; run < 200; run++) {
        const [type, country] = CUSTOMERS[run % CUSTOMERS.length]!;
        let state = newLifeCycle({ total: 1 + next(400_000), customerType: type, countryCode: country });
        const books: Books = { payments: 0, credits: 0, costs: 0, settled: 0 };
        let at = START;
        for (let move = 0; move < 25; move++) {
          const label = `run ${run}, move ${move}`;
          if (next(2) === 0) {
            at = new Date(at.getTime() + (1 + next(12)) * DAY);
            const ran = runDueTimers(state, workflow, at);
            for (const transition of ran.transitions) check(transition.state, books, workflow, transition, label);
            state = ran.state;
          } else {
            const result = applyCommand(state, randomCommand(next, state, at), at, workflow);
            if (!result.ok) continue;
            check(result.state, books, workflow, result, label);
            state = result.state;
          }
        }
      }
    });
  }
});
