import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_WORKFLOW_DEFINITION } from '../../workflows/workflow-definition.js';
import { amountDue, applyCommand, isPaidOut, newLifeCycle } from './life-cycle.js';
import { apply, definition, started, until } from './life-cycle-test-support.js';

const at = (text: string) => new Date(text);
const NOT_GUARANTEED = definition({ guaranteed: false, payout: { feeBasisPoints: 150, feeFixed: 25 } });

describe('a Dutch consumer who pays part way', () => {
  const reminded = until('2026-03-20', NOT_GUARANTEED, started(30_000, 'P', 'NL', NOT_GUARANTEED)).state;
  const partly = apply(reminded, { type: 'payment', amount: 10_000, channel: 'platform' }, at('2026-03-21T10:00:00Z'), NOT_GUARANTEED);

  test('continues the workflow after a partial payment, with a receipt', () => {
    assert.equal(partly.state.step, 'reminder');
    assert.deepEqual(partly.events.map((event) => event.type), ['partial_payment_added', 'order_paid_out']);
    assert.deepEqual(partly.mails.map((mail) => [mail.kind, mail.amountPaid, mail.amountDue]), [['receipt', 10_000, 20_000]]);
    assert.ok(partly.state.timers.some((timer) => timer.kind === 'final_notice'));
  });

  test('pays the merchant out as the customer pays, less its fee: the share and, once, the fixed part', () => {
    assert.deepEqual(partly.settlements.map(({ gross, fee, net }) => [gross, fee, net]), [[10_000, 175, 9_825]]);
    assert.equal(isPaidOut(partly.state, NOT_GUARANTEED), false);
  });

  const collected = until('2026-04-30', NOT_GUARANTEED, partly.state);

  test('states and charges the WIK costs on what is still open: 40.00 on 200.00', () => {
    assert.equal(collected.state.notice?.statedCosts, 4_000);
    assert.equal(collected.state.costs, 4_000);
    assert.equal(amountDue(collected.state), 24_000);
  });

  const paid = apply(collected.state, { type: 'payment', amount: 24_000, channel: 'platform' }, at('2026-04-20T10:00:00Z'), NOT_GUARANTEED);

  test('a payment pays the costs first, then the principal (art. 6:44 BW), and ends the workflow when all is paid', () => {
    assert.deepEqual(paid.ledger.map((entry) => [entry.kind, entry.amount, entry.toCosts]), [['payment', 24_000, 4_000]]);
    assert.equal(paid.state.step, 'paid');
    assert.equal(paid.state.costsPaid, 4_000);
    assert.equal(paid.state.paid, 30_000);
    assert.deepEqual(paid.events.map((event) => event.type), ['order_paid', 'customer_fully_paid', 'order_paid_out']);
  });

  test('only the principal is paid out; the costs stay with the platform', () => {
    assert.deepEqual(paid.settlements.map(({ gross, fee, net }) => [gross, fee, net]), [[20_000, 300, 19_700]]);
    assert.equal(isPaidOut(paid.state, NOT_GUARANTEED), true);
  });

  test('a paid invoice refuses further payments and credits', () => {
    assert.deepEqual(applyCommand(paid.state, { type: 'payment', amount: 1, channel: 'platform' }, at('2026-04-21T10:00:00Z'), NOT_GUARANTEED), {
      ok: false,
      refusal: 'closed',
    });
    assert.deepEqual(applyCommand(paid.state, { type: 'credit', amount: 1 }, at('2026-04-21T10:00:00Z'), NOT_GUARANTEED), { ok: false, refusal: 'closed' });
  });
});

describe('payments that the law or the amount refuse', () => {
  const state = started(30_000, 'P', 'NL');

  test('more than is open, nothing, or a fraction of a cent is refused and changes nothing', () => {
    const pay = (amount: number) => applyCommand(state, { type: 'payment', amount, channel: 'platform' }, at('2026-03-10T10:00:00Z'), DEFAULT_WORKFLOW_DEFINITION);
    assert.deepEqual(pay(30_001), { ok: false, refusal: 'amount_exceeds_open' });
    assert.deepEqual(pay(0), { ok: false, refusal: 'amount_invalid' });
    assert.deepEqual(pay(10.5), { ok: false, refusal: 'amount_invalid' });
  });

  test('a payment after the veertiendagenbrief lowers the costs to what the law allows on the rest', () => {
    const noticed = until('2026-03-27', DEFAULT_WORKFLOW_DEFINITION, started(300_000, 'P', 'NL')).state;
    assert.equal(noticed.notice?.statedCosts, 42_500);
    const paidPart = apply(noticed, { type: 'payment', amount: 200_000, channel: 'platform' }, at('2026-04-01T10:00:00Z'));
    assert.equal(until('2026-04-30', DEFAULT_WORKFLOW_DEFINITION, paidPart.state).state.costs, 15_000);
  });

  test('money the merchant received directly pays the principal only and leaves the costs open', () => {
    const collected = until('2026-04-30', DEFAULT_WORKFLOW_DEFINITION, started(30_000, 'P', 'NL')).state;
    const direct = apply(collected, { type: 'payment', amount: 30_000, channel: 'merchant' }, at('2026-05-01T10:00:00Z'));
    assert.equal(direct.state.step, 'collection');
    assert.equal(amountDue(direct.state), 4_500);
    assert.deepEqual(direct.mails, []);
    assert.deepEqual(applyCommand(collected, { type: 'payment', amount: 30_001, channel: 'merchant' }, at('2026-05-01T10:00:00Z'), DEFAULT_WORKFLOW_DEFINITION), {
      ok: false,
      refusal: 'amount_exceeds_open',
    });
  });
});

describe('credits', () => {
  test('a partial credit in Reminder 1 restarts the step: the reminder again for the new amount, its wait from today', () => {
    const reminded = until('2026-03-20', DEFAULT_WORKFLOW_DEFINITION, started(30_000, 'P', 'NL')).state;
    const credited = apply(reminded, { type: 'credit', amount: 5_000 }, at('2026-03-23T10:00:00Z'));
    assert.equal(credited.restarted, true);
    assert.deepEqual(credited.events.map((event) => [event.type, event.step]), [
      ['partial_credit_added', 'Reminder 1'],
      ['workflow_step_restarted', 'Reminder 1'],
    ]);
    assert.deepEqual(credited.mails.map((mail) => [mail.kind, mail.restarted, mail.amountDue, mail.fee]), [['reminder', true, 25_000, 0]]);
    assert.deepEqual(credited.timers.schedule.map((timer) => [timer.kind, timer.day]), [['final_notice', '2026-03-30']]);
  });

  test('a partial credit after the invoice e-mail gives a fresh payment term', () => {
    const sent = until('2026-03-05', DEFAULT_WORKFLOW_DEFINITION, started(30_000, 'P', 'NL')).state;
    const credited = apply(sent, { type: 'credit', amount: 1_000 }, at('2026-03-10T10:00:00Z'));
    assert.equal(credited.state.dueDate, '2026-03-24');
    assert.deepEqual(credited.mails.map((mail) => [mail.kind, mail.restarted, mail.payBefore]), [['invoice', true, '2026-03-24']]);
  });

  test('a partial credit before the invoice e-mail sends nothing: the invoice will carry the new amount', () => {
    const credited = apply(started(30_000, 'P', 'NL'), { type: 'credit', amount: 1_000 }, at('2026-03-03T10:00:00Z'));
    assert.deepEqual(credited.mails, []);
    assert.deepEqual(credited.timers, { cancel: [], schedule: [] });
  });

  test('a partial credit during the final notice sends a new veertiendagenbrief with restated costs and a new term', () => {
    const noticed = until('2026-03-27', DEFAULT_WORKFLOW_DEFINITION, started(300_000, 'P', 'NL')).state;
    const credited = apply(noticed, { type: 'credit', amount: 100_000 }, at('2026-03-30T10:00:00Z'));
    assert.deepEqual(credited.state.notice, { sentOn: '2026-03-30', statedCosts: 30_000, chargeableFrom: '2026-04-14' });
    assert.deepEqual(credited.timers.schedule.map((timer) => [timer.kind, timer.day]), [['collection', '2026-04-14']]);
  });

  test('a partial credit in collection lowers the costs to what the law allows on the lower principal', () => {
    const collected = until('2026-04-30', DEFAULT_WORKFLOW_DEFINITION, started(300_000, 'P', 'NL')).state;
    assert.equal(collected.costs, 42_500);
    const credited = apply(collected, { type: 'credit', amount: 200_000 }, at('2026-05-01T10:00:00Z'));
    assert.deepEqual(credited.ledger.map((entry) => [entry.kind, entry.amount]), [['credit', 200_000], ['costs_adjustment', -27_500]]);
    assert.equal(amountDue(credited.state), 115_000);
    assert.deepEqual(credited.mails.map((mail) => [mail.kind, mail.restarted]), [['collection', true]]);
  });

  test('a full credit ends the workflow, cancels its timers and the payout not yet made', () => {
    const credited = apply(started(30_000, 'P', 'NL'), { type: 'credit', amount: 30_000 }, at('2026-03-03T10:00:00Z'));
    assert.equal(credited.state.step, 'credited');
    assert.deepEqual(credited.timers.cancel.sort(), ['payout', 'send_invoice']);
    assert.deepEqual(credited.events.map((event) => event.type), ['order_fully_accredited']);
  });

  test('a full credit in collection waives the costs still open', () => {
    const collected = until('2026-04-30', DEFAULT_WORKFLOW_DEFINITION, started(30_000, 'P', 'NL')).state;
    const credited = apply(collected, { type: 'credit', amount: 30_000 }, at('2026-05-01T10:00:00Z'));
    assert.equal(credited.state.step, 'credited');
    assert.equal(amountDue(credited.state), 0);
    assert.deepEqual(credited.ledger.map((entry) => [entry.kind, entry.amount]), [['credit', 30_000], ['costs_adjustment', -4_500]]);
  });

  test('a credit that closes an invoice already part paid closes it as paid', () => {
    const state = apply(started(30_000, 'P', 'NL'), { type: 'payment', amount: 10_000, channel: 'platform' }, at('2026-03-10T10:00:00Z')).state;
    assert.equal(apply(state, { type: 'credit', amount: 20_000 }, at('2026-03-11T10:00:00Z')).state.step, 'paid');
  });

  test('a credit before the start restarts nothing and answers so', () => {
    const state = newLifeCycle({ total: 30_000, customerType: 'P', countryCode: 'NL' });
    assert.equal(apply(state, { type: 'credit', amount: 1_000 }, at('2026-03-01T10:00:00Z')).restarted, false);
  });
});

describe('payouts of a guaranteed workflow', () => {
  const workflow = definition({ payout: { guaranteedAfterDays: 10, feeBasisPoints: 200, feeFixed: 50 } });
  const paidOut = until('2026-03-12', workflow, started(30_000, 'P', 'NL', workflow));

  test('pays out the whole invoice on the configured day after the start, less the fee', () => {
    assert.deepEqual(paidOut.transitions.at(-1)!.settlements.map(({ kind, gross, fee, net, at }) => [kind, gross, fee, net, at.toISOString()]), [
      ['payout', 30_000, 650, 29_350, '2026-03-12T08:00:00.000Z'],
    ]);
    assert.equal(isPaidOut(paidOut.state, workflow), true);
  });

  test('claws back a credit given after the payout', () => {
    const credited = apply(paidOut.state, { type: 'credit', amount: 5_000 }, at('2026-03-13T10:00:00Z'), workflow);
    assert.deepEqual(credited.settlements.map(({ kind, gross, net }) => [kind, gross, net]), [['clawback', -5_000, -5_000]]);
  });

  test('claws back money the customer paid the merchant directly after the payout', () => {
    const direct = apply(paidOut.state, { type: 'payment', amount: 30_000, channel: 'merchant' }, at('2026-03-13T10:00:00Z'), workflow);
    assert.deepEqual(direct.settlements.map(({ kind, gross }) => [kind, gross]), [['clawback', -30_000]]);
    assert.equal(direct.state.step, 'paid');
  });

  test('keeps the payout day when the customer pays the platform in full before it', () => {
    const state = apply(started(30_000, 'P', 'NL', workflow), { type: 'payment', amount: 30_000, channel: 'platform' }, at('2026-03-09T10:00:00Z'), workflow);
    assert.deepEqual(state.settlements, []);
    assert.deepEqual(state.state.timers.map((timer) => timer.kind), ['payout']);
    assert.equal(until('2026-03-12', workflow, state.state).transitions[0]?.settlements[0]?.gross, 30_000);
  });

  test('pays out less what was credited before the payout day', () => {
    const state = apply(started(30_000, 'P', 'NL', workflow), { type: 'credit', amount: 10_000 }, at('2026-03-04T10:00:00Z'), workflow).state;
    assert.equal(until('2026-03-12', workflow, state).transitions.find((t) => t.settlements.length)?.settlements[0]?.gross, 20_000);
  });
});
