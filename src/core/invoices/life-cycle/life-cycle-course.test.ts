import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_WORKFLOW_DEFINITION } from '../../workflows/workflow-definition.js';
import { amountDue, applyCommand, isPaidOut, mailLanguage, stepName } from './life-cycle.js';
import { apply, definition, START, started, until } from './life-cycle-test-support.js';

describe('a Dutch consumer who never pays', () => {
  const state = started(30_000, 'P', 'NL');

  test('start workflow schedules the invoice e-mail three days later at 09:00 and the due date 14 days after it', () => {
    assert.equal(state.step, 'wait_for_payment');
    assert.equal(stepName(state), 'Wait for payment');
    assert.equal(state.dueDate, '2026-03-19');
    assert.deepEqual(
      state.timers.map((timer) => [timer.kind, timer.dueAt.toISOString()]),
      [['send_invoice', '2026-03-05T08:00:00.000Z'], ['payout', '2026-03-16T08:00:00.000Z']],
    );
  });

  const course = until('2026-04-30', DEFAULT_WORKFLOW_DEFINITION, state);
  const kinds = course.transitions.map((transition) => transition.mails.map((mail) => mail.kind)).flat();

  test('gets the invoice, one free reminder, the final notice and the collection notice, in Dutch', () => {
    assert.deepEqual(kinds, ['invoice', 'reminder', 'final_notice', 'collection']);
    assert.ok(course.transitions.flatMap((transition) => transition.mails).every((mail) => mail.language === 'nl'));
  });

  test('is reminded the day after the due date, free of charge', () => {
    const reminder = course.transitions.find((transition) => transition.mails[0]?.kind === 'reminder')!;
    assert.equal(reminder.events[0]?.at.toISOString(), '2026-03-20T08:00:00.000Z');
    assert.equal(reminder.events[0]?.step, 'Reminder 1');
    assert.equal(reminder.mails[0]?.fee, 0);
    assert.equal(reminder.ledger.length, 0);
  });

  test('receives a veertiendagenbrief seven days later that states the exact WIK costs and the last day to pay', () => {
    const notice = course.transitions.find((transition) => transition.mails[0]?.kind === 'final_notice')!;
    assert.equal(notice.events[0]?.step, 'Final notice');
    assert.deepEqual(notice.state.notice, { sentOn: '2026-03-27', statedCosts: 4_500, chargeableFrom: '2026-04-11' });
    assert.equal(notice.mails[0]?.announcedCosts, 4_500);
    assert.equal(notice.mails[0]?.payBefore, '2026-04-10');
    assert.equal(notice.mails[0]?.amountDue, 30_000);
  });

  test('is charged those costs only on the fifteenth day after the notice', () => {
    const collection = course.transitions.find((transition) => transition.mails[0]?.kind === 'collection')!;
    // 11 April 2026 is in summer time: 09:00 in Amsterdam is 07:00 UTC.
    assert.equal(collection.events[0]?.at.toISOString(), '2026-04-11T07:00:00.000Z');
    assert.deepEqual(collection.ledger.map((entry) => [entry.kind, entry.amount]), [['collection_costs', 4_500]]);
    assert.deepEqual(collection.events.map((event) => event.type), ['workflow_step_changed', 'collection_costs_added']);
    assert.equal(collection.mails[0]?.amountDue, 34_500);
    assert.equal(stepName(course.state), 'Collection');
    assert.equal(amountDue(course.state), 34_500);
  });

  test('stays in collection with nothing more scheduled', () => {
    assert.deepEqual(course.state.timers, []);
    assert.equal(until('2027-01-01', DEFAULT_WORKFLOW_DEFINITION, course.state).transitions.length, 0);
  });

  test('the guaranteed workflow pays the merchant out on day 14 after the start, whatever the customer does', () => {
    const payout = course.transitions.find((transition) => transition.settlements.length > 0)!;
    assert.deepEqual(payout.settlements, [{ kind: 'payout', gross: 30_000, fee: 0, net: 30_000, at: new Date('2026-03-16T08:00:00.000Z') }]);
    assert.equal(isPaidOut(course.state, DEFAULT_WORKFLOW_DEFINITION), true);
  });
});

describe('a Belgian consumer who never pays', () => {
  const course = until('2026-04-30', DEFAULT_WORKFLOW_DEFINITION, started(100_000, 'P', 'BE'));
  const byMail = (kind: string) => course.transitions.find((transition) => transition.mails[0]?.kind === kind)!;

  test('gets the free first reminder as the legal notice, stating the Book XIX damages and the 14-day term', () => {
    const reminder = byMail('reminder');
    assert.deepEqual(reminder.state.notice, { sentOn: '2026-03-20', statedCosts: 9_000, chargeableFrom: '2026-04-04' });
    assert.equal(reminder.mails[0]?.announcedCosts, 9_000);
    assert.equal(reminder.mails[0]?.payBefore, '2026-04-03');
    assert.equal(reminder.mails[0]?.dueDate, '2026-03-19');
    assert.equal(reminder.mails[0]?.fee, 0);
  });

  test('keeps that notice in the final notice and is charged on the later of its wait and the legal term', () => {
    const notice = byMail('final_notice');
    assert.equal(notice.state.notice?.sentOn, '2026-03-20');
    assert.equal(notice.mails[0]?.payBefore, '2026-04-09');
    const collection = byMail('collection');
    assert.equal(collection.events[0]?.at.toISOString(), '2026-04-10T07:00:00.000Z');
    assert.deepEqual(collection.ledger.map((entry) => entry.amount), [9_000]);
  });

  test('pays no fee for a second reminder sent within the 14 days of the first', () => {
    const workflow = definition({ reminders: [{ waitDays: 7, fee: 0 }, { waitDays: 7, fee: 500 }] });
    const second = until('2026-03-27', workflow, started(100_000, 'P', 'BE', workflow)).transitions.at(-1)!;
    assert.equal(second.events[0]?.step, 'Reminder 2');
    assert.equal(second.mails[0]?.fee, 0);
  });

  test('pays at most 7.50 for a second reminder sent after those 14 days', () => {
    const workflow = definition({ reminders: [{ waitDays: 15, fee: 0 }, { waitDays: 7, fee: 1_500 }] });
    const second = until('2026-04-04', workflow, started(100_000, 'P', 'BE', workflow)).transitions.at(-1)!;
    assert.equal(second.events[0]?.at.toISOString(), '2026-04-04T07:00:00.000Z');
    assert.equal(second.mails[0]?.fee, 750);
    assert.deepEqual(second.ledger.map((entry) => [entry.kind, entry.amount]), [['reminder_fee', 750]]);
    assert.equal(second.state.costs, 750);
  });

  test('without reminders, the final notice is the legal notice', () => {
    const workflow = definition({ reminders: [] });
    const notice = until('2026-03-20', workflow, started(30_000, 'P', 'BE', workflow)).transitions.at(-1)!;
    assert.deepEqual(notice.state.notice, { sentOn: '2026-03-20', statedCosts: 4_500, chargeableFrom: '2026-04-04' });
  });
});

describe('a business customer who never pays', () => {
  test('is charged the fixed 40.00 compensation 14 days after the final notice', () => {
    const course = until('2026-04-30', DEFAULT_WORKFLOW_DEFINITION, started(300_000, 'B', 'NL'));
    const collection = course.transitions.at(-1)!;
    assert.equal(collection.events[0]?.at.toISOString(), '2026-04-10T07:00:00.000Z');
    assert.deepEqual(collection.ledger.map((entry) => entry.amount), [4_000]);
    assert.equal(course.state.notice?.statedCosts, 4_000);
  });

  test('is charged what the merchant set instead, or nothing', () => {
    const own = definition({ businessCompensation: 7_500 });
    assert.equal(until('2026-04-30', own, started(300_000, 'B', 'BE', own)).state.costs, 7_500);
    const none = definition({ businessCompensation: 0 });
    const course = until('2026-04-30', none, started(300_000, 'B', 'BE', none));
    assert.equal(course.state.step, 'collection');
    assert.equal(course.state.costs, 0);
  });

  test('pays reminder fees the merchant configured', () => {
    const workflow = definition({ reminders: [{ waitDays: 7, fee: 1_000 }] });
    assert.equal(until('2026-03-20', workflow, started(300_000, 'B', 'NL', workflow)).state.costs, 1_000);
  });
});

describe('other consumers and mail language', () => {
  test('a German consumer goes through the same steps in English but is charged no costs', () => {
    const course = until('2026-04-30', DEFAULT_WORKFLOW_DEFINITION, started(30_000, 'P', 'DE'));
    assert.equal(course.state.step, 'collection');
    assert.equal(course.state.costs, 0);
    assert.ok(course.transitions.flatMap((transition) => transition.mails).every((mail) => mail.language === 'en'));
  });

  test('the language asked for wins, and a language we do not write becomes English', () => {
    assert.equal(mailLanguage('NL', 'en'), 'en');
    assert.equal(mailLanguage('BE', 'fr'), 'en');
    assert.equal(mailLanguage('BE'), 'nl');
    assert.equal(mailLanguage('GB'), 'en');
  });
});

describe('start workflow and timers', () => {
  test('a second start is refused and changes nothing', () => {
    const state = started(30_000, 'P', 'NL');
    assert.deepEqual(applyCommand(state, { type: 'start' }, START, DEFAULT_WORKFLOW_DEFINITION), { ok: false, refusal: 'already_started' });
  });

  test('a timer that already fired is stale and applies nothing', () => {
    const state = started(30_000, 'P', 'NL');
    const timer = state.timers[0]!;
    const first = apply(state, { type: 'timer', kind: timer.kind, dueAt: timer.dueAt }, timer.dueAt);
    assert.deepEqual(applyCommand(first.state, { type: 'timer', kind: timer.kind, dueAt: timer.dueAt }, timer.dueAt, DEFAULT_WORKFLOW_DEFINITION), {
      ok: false,
      refusal: 'timer_stale',
    });
  });

  test('a step applied late gives the customer the whole term from the day the invoice really went out', () => {
    const state = started(30_000, 'P', 'NL');
    const timer = state.timers[0]!;
    const late = apply(state, { type: 'timer', kind: timer.kind, dueAt: timer.dueAt }, new Date('2026-03-07T12:00:00Z'));
    assert.equal(late.state.invoiceSentOn, '2026-03-07');
    assert.equal(late.state.dueDate, '2026-03-21');
    assert.deepEqual(late.timers, { cancel: ['send_invoice'], schedule: [{ kind: 'reminder', day: '2026-03-22', dueAt: new Date('2026-03-22T08:00:00Z') }] });
    assert.deepEqual(Object.keys(late.changes).sort(), ['dueDate', 'invoiceSentOn', 'timers']);
  });

  test('a non-guaranteed workflow schedules no payout at the start', () => {
    const workflow = definition({ guaranteed: false });
    assert.deepEqual(started(30_000, 'P', 'NL', workflow).timers.map((timer) => timer.kind), ['send_invoice']);
  });
});

describe('running time on', () => {
  test('applies each due timer in order at its own due time, and nothing due later', () => {
    const course = until('2026-03-20', DEFAULT_WORKFLOW_DEFINITION, started(30_000, 'P', 'NL'));
    assert.deepEqual(
      course.transitions.map((transition) => [transition.events[0]?.type, transition.events[0]?.at.toISOString()]),
      [
        ['invoice_sent', '2026-03-05T08:00:00.000Z'],
        ['order_paid_out', '2026-03-16T08:00:00.000Z'],
        ['workflow_step_changed', '2026-03-20T08:00:00.000Z'],
      ],
    );
    assert.deepEqual(course.state.timers.map((timer) => [timer.kind, timer.day]), [['final_notice', '2026-03-27']]);
  });
});
