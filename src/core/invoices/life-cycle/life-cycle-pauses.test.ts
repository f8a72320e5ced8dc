import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_WORKFLOW_DEFINITION } from '../../workflows/workflow-definition.js';
import { applyCommand, newLifeCycle } from './life-cycle.js';
import { apply, started, until } from './life-cycle-test-support.js';

const at = (text: string) => new Date(text);
const kindsAndDays = (timers: { kind: string; day: string | undefined }[]) => timers.map((timer) => [timer.kind, timer.day]);

describe('on hold and resume', () => {
  // Reminder 1 went out on 20 March; the final notice is due on 27 March, the payout was on 16 March.
  const reminded = until('2026-03-20', DEFAULT_WORKFLOW_DEFINITION, started(30_000, 'P', 'NL')).state;
  const held = apply(reminded, { type: 'hold', until: at('2026-04-03T10:00:00Z') }, at('2026-03-22T10:00:00Z'));

  test('a hold takes the timers off the schedule and schedules its own end', () => {
    assert.deepEqual(held.timers.cancel, ['final_notice']);
    assert.deepEqual(held.timers.schedule, [{ kind: 'hold_end', dueAt: at('2026-04-03T10:00:00Z'), day: undefined }]);
    assert.deepEqual(held.events.map((event) => event.type), ['order_on_hold']);
    assert.deepEqual(kindsAndDays(held.state.pause!.timers), [['final_notice', '2026-03-27']]);
  });

  test('time running on during a hold applies no step', () => {
    const during = until('2026-04-02', DEFAULT_WORKFLOW_DEFINITION, held.state);
    assert.deepEqual(during.transitions, []);
  });

  test('resume puts the timers back, moved by the calendar days held, and those days extend the due date', () => {
    const resumed = apply(held.state, { type: 'resume' }, at('2026-03-27T10:00:00Z'));
    assert.deepEqual(kindsAndDays(resumed.timers.schedule), [['final_notice', '2026-04-01']]);
    assert.deepEqual(resumed.timers.cancel, ['hold_end']);
    assert.equal(resumed.state.dueDate, '2026-03-24');
    assert.equal(resumed.state.daysPaused, 5);
    assert.equal(resumed.state.pause, undefined);
    assert.deepEqual(resumed.events.map((event) => event.type), ['order_resumed']);
  });

  test('the end of the hold restarts the timers by itself', () => {
    const ended = until('2026-04-03', DEFAULT_WORKFLOW_DEFINITION, held.state);
    assert.deepEqual(ended.transitions[0]?.events.map((event) => event.type), ['order_resumed']);
    assert.deepEqual(kindsAndDays(ended.state.timers), [['final_notice', '2026-04-08']]);
  });

  test('a hold extends the legal term of a veertiendagenbrief already sent', () => {
    const noticed = until('2026-03-27', DEFAULT_WORKFLOW_DEFINITION, started(30_000, 'P', 'NL')).state;
    const paused = apply(noticed, { type: 'hold', until: at('2026-04-05T10:00:00Z') }, at('2026-03-30T10:00:00Z')).state;
    const resumed = apply(paused, { type: 'resume' }, at('2026-04-02T10:00:00Z')).state;
    assert.equal(resumed.notice?.chargeableFrom, '2026-04-14');
    assert.deepEqual(kindsAndDays(resumed.timers), [['collection', '2026-04-14']]);
  });

  test('a payment during a hold that pays everything ends the hold and the workflow', () => {
    const paid = apply(held.state, { type: 'payment', amount: 30_000, channel: 'platform' }, at('2026-03-25T10:00:00Z'));
    assert.equal(paid.state.step, 'paid');
    assert.equal(paid.state.pause, undefined);
    assert.deepEqual(paid.timers.cancel, ['hold_end']);
    assert.deepEqual(paid.state.timers, []);
  });

  test('a credit during a hold restarts the step, whose timer waits until the hold ends', () => {
    const credited = apply(held.state, { type: 'credit', amount: 1_000 }, at('2026-03-25T10:00:00Z'));
    assert.equal(credited.restarted, true);
    assert.deepEqual(credited.timers, { cancel: [], schedule: [] });
    assert.deepEqual(kindsAndDays(credited.state.pause!.timers), [['final_notice', '2026-04-01']]);
  });

  test('a hold is refused before the start, after the end, and when it would end in the past', () => {
    const fresh = newLifeCycle({ total: 30_000, customerType: 'P', countryCode: 'NL' });
    const hold = (state: typeof fresh, untilAt: string) =>
      applyCommand(state, { type: 'hold', until: at(untilAt) }, at('2026-03-22T10:00:00Z'), DEFAULT_WORKFLOW_DEFINITION);
    assert.deepEqual(hold(fresh, '2026-04-01T00:00:00Z'), { ok: false, refusal: 'not_started' });
    assert.deepEqual(hold(reminded, '2026-03-22T10:00:00Z'), { ok: false, refusal: 'hold_in_past' });
    const credited = apply(reminded, { type: 'credit', amount: 30_000 }, at('2026-03-21T10:00:00Z')).state;
    assert.deepEqual(hold(credited, '2026-04-01T00:00:00Z'), { ok: false, refusal: 'closed' });
  });

  test('resume of an invoice that is not on hold succeeds and changes nothing', () => {
    const resumed = apply(reminded, { type: 'resume' }, at('2026-03-22T10:00:00Z'));
    assert.deepEqual(resumed.changes, {});
    assert.deepEqual(resumed.events, []);
  });

  test('a new hold replaces the end of the running one', () => {
    const longer = apply(held.state, { type: 'hold', until: at('2026-04-10T10:00:00Z') }, at('2026-03-24T10:00:00Z'));
    assert.deepEqual(longer.timers, { cancel: ['hold_end'], schedule: [{ kind: 'hold_end', dueAt: at('2026-04-10T10:00:00Z'), day: undefined }] });
    assert.equal(longer.state.pause?.since.toISOString(), '2026-03-22T10:00:00.000Z');
  });
});

describe('disputes', () => {
  const noticed = until('2026-03-27', DEFAULT_WORKFLOW_DEFINITION, started(30_000, 'P', 'NL')).state;
  const disputed = apply(noticed, { type: 'dispute_open' }, at('2026-03-30T10:00:00Z'));

  test('an open dispute pauses collection', () => {
    assert.deepEqual(disputed.timers.cancel, ['collection']);
    assert.equal(disputed.state.disputeOpen, true);
    assert.deepEqual(until('2026-06-30', DEFAULT_WORKFLOW_DEFINITION, disputed.state).transitions, []);
  });

  test('resolving it restarts collection, moved by the days it was open', () => {
    const resolved = apply(disputed.state, { type: 'dispute_resolve' }, at('2026-04-09T10:00:00Z'));
    assert.deepEqual(kindsAndDays(resolved.timers.schedule), [['collection', '2026-04-21']]);
    assert.equal(resolved.state.notice?.chargeableFrom, '2026-04-21');
    assert.deepEqual(resolved.events.map((event) => event.type), ['dispute_resolved']);
  });

  test('a hold that ends while the dispute is open keeps everything paused until it is resolved', () => {
    const held = apply(disputed.state, { type: 'hold', until: at('2026-04-02T10:00:00Z') }, at('2026-03-31T10:00:00Z')).state;
    const holdOver = until('2026-04-05', DEFAULT_WORKFLOW_DEFINITION, held).state;
    assert.equal(holdOver.pause?.dispute, true);
    assert.deepEqual(holdOver.timers, []);
    const resolved = apply(holdOver, { type: 'dispute_resolve' }, at('2026-04-06T10:00:00Z')).state;
    assert.deepEqual(kindsAndDays(resolved.timers), [['collection', '2026-04-18']]);
  });

  test('a dispute also holds back a guaranteed payout not yet made', () => {
    const early = apply(started(30_000, 'P', 'NL'), { type: 'dispute_open' }, at('2026-03-03T10:00:00Z'));
    assert.deepEqual(early.timers.cancel.sort(), ['payout', 'send_invoice']);
    const resolved = apply(early.state, { type: 'dispute_resolve' }, at('2026-03-05T10:00:00Z'));
    assert.deepEqual(kindsAndDays(resolved.timers.schedule).sort(), [['payout', '2026-03-18'], ['send_invoice', '2026-03-07']]);
  });

  test('a dispute cannot be opened twice, nor resolved when none is open', () => {
    assert.deepEqual(applyCommand(disputed.state, { type: 'dispute_open' }, at('2026-03-31T10:00:00Z'), DEFAULT_WORKFLOW_DEFINITION), {
      ok: false,
      refusal: 'dispute_already_open',
    });
    assert.deepEqual(applyCommand(noticed, { type: 'dispute_resolve' }, at('2026-03-31T10:00:00Z'), DEFAULT_WORKFLOW_DEFINITION), {
      ok: false,
      refusal: 'no_dispute',
    });
  });

  test('a dispute left open on a paid invoice keeps holding back the guaranteed payout', () => {
    const state = apply(started(30_000, 'P', 'NL'), { type: 'dispute_open' }, at('2026-03-10T10:00:00Z')).state;
    const paid = apply(state, { type: 'payment', amount: 30_000, channel: 'platform' }, at('2026-03-11T10:00:00Z')).state;
    assert.equal(paid.step, 'paid');
    assert.deepEqual(kindsAndDays(paid.pause!.timers), [['payout', '2026-03-16']]);
    const resolved = apply(paid, { type: 'dispute_resolve' }, at('2026-03-20T10:00:00Z')).state;
    assert.deepEqual(kindsAndDays(resolved.timers), [['payout', '2026-03-26']]);
  });
});
