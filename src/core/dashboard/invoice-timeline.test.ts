import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Invoice } from '../orders/invoice.js';
import type { LifeCycleState } from '../invoices/life-cycle/types.js';
import type { TimelineFacts } from './dashboard-ports.js';
import { invoiceTimeline } from './invoice-timeline.js';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 10, minute));
const NOW = at(500);

const invoice = {
  createdAt: at(0),
  workflowStartedAt: at(5),
  onHoldUntil: undefined,
} as Pick<Invoice, 'createdAt' | 'workflowStartedAt' | 'onHoldUntil'> as Invoice;

const none: TimelineFacts = { ledger: [], messages: [], events: [], deliveries: [], mails: [], disputes: [], settlements: [], timers: [] };

const delivery = (id: string, eventId: string, state = 'delivered') => ({
  id,
  eventId,
  event: 'order_workflow_started',
  url: 'https://shop.example/hook',
  state,
  createdAt: at(5),
  replayOf: undefined,
  attempts: [{ number: 1, startedAt: at(5), httpStatus: state === 'delivered' ? 200 : 500, error: undefined }],
});

const mail = (id: string, kind: 'invoice' | 'reminder', minute: number, reminderNumber?: number) => ({
  id,
  mail: kind,
  reminderNumber,
  subject: `Subject ${id}`,
  recipient: 'klant@example.com',
  state: 'sent' as const,
  channel: 'outbox' as const,
  attempts: 1,
  lastError: undefined,
  createdAt: at(minute),
  sentAt: at(minute + 1),
});

test('every kind of fact lands in time order, each outbox event under the fact it was written with', () => {
  const { entries } = invoiceTimeline(
    invoice,
    {
      ...none,
      events: [
        { id: '1', type: 'order_workflow_started', step: 'Wait for payment', at: at(5) },
        { id: '2', type: 'invoice_sent', step: 'Wait for payment', at: at(5) },
        { id: '3', type: 'workflow_step_changed', step: 'Reminder 1', at: at(60) },
        { id: '4', type: 'partial_payment_added', step: 'Reminder 1', at: at(70) },
        { id: '5', type: 'order_on_hold', step: 'Reminder 1', at: at(80) },
        { id: '6', type: 'order_resumed', step: 'Reminder 1', at: at(90) },
        { id: '7', type: 'order_paid_out', step: 'Reminder 1', at: at(95) },
        { id: '8', type: 'order_paid', step: 'Paid', at: at(70) },
        { id: '9', type: 'order_placed', step: 'No steps given', at: at(0) },
      ],
      deliveries: [delivery('10', '1'), delivery('11', '4', 'failed'), delivery('12', '4')],
      ledger: [
        { kind: 'reminder_fee', amount: 500, toCosts: 0, channel: undefined, description: undefined, at: at(60) },
        { kind: 'payment', amount: 1000, toCosts: 500, channel: 'platform', description: 'Bank', at: at(70) },
        { kind: 'credit', amount: 250, toCosts: 0, channel: undefined, description: 'Return', at: at(75) },
      ],
      mails: [mail('20', 'invoice', 5), mail('21', 'reminder', 60, 1)],
      settlements: [{ kind: 'payout', gross: 10000, fee: 150, net: 9850, at: at(95) }],
      disputes: [{ id: 'dsp_1', category: 2, message: 'Not received', openedAt: at(100), resolvedAt: at(110), resolution: 'Delivered after all' }],
      messages: [{ body: 'Klant belde', at: at(7) }],
    },
    NOW,
  );
  assert.deepEqual(
    entries.map((entry) => `${entry.kind}@${entry.at.getUTCMinutes() + 60 * (entry.at.getUTCHours() - 10)}`),
    [
      'order_placed@0',
      'workflow_started@5',
      'step@5',
      'mail@5',
      'message@7',
      'step@60',
      'costs@60',
      'mail@60',
      'payment@70',
      'credit@75',
      'on_hold@80',
      'resumed@90',
      'settlement@95',
      'dispute_opened@100',
      'dispute_resolved@110',
    ],
  );
  const started = entries[1]!;
  assert.deepEqual(started.kind === 'workflow_started' && started.events.map((event) => [event.type, event.webhooks.map((hook) => hook.id)]), [['order_workflow_started', ['10']]]);
  const reminder = entries[5]!;
  assert.deepEqual(reminder.kind === 'step' && [reminder.step, reminder.restarted], ['Reminder 1', false]);
  const payment = entries[8]!;
  assert.deepEqual(payment.kind === 'payment' && [payment.amount, payment.toCosts, payment.description], [1000, 500, 'Bank']);
  // Both events of the payment hang under it, each with its own deliveries.
  assert.deepEqual(
    payment.kind === 'payment' && payment.events.map((event) => [event.type, event.webhooks.map((hook) => hook.state)]),
    [['partial_payment_added', ['failed', 'delivered']], ['order_paid', []]],
  );
  const placed = entries[0]!;
  assert.deepEqual(placed.kind === 'order_placed' && placed.events.map((event) => event.type), ['order_placed']);
  const reminderMail = entries[7]!;
  assert.deepEqual(reminderMail.kind === 'mail' && [reminderMail.id, reminderMail.mail, reminderMail.reminderNumber, reminderMail.subject], ['21', 'reminder', 1, 'Subject 21']);
  const settlement = entries[12]!;
  assert.deepEqual(settlement.kind === 'settlement' && [settlement.gross, settlement.fee, settlement.net], [10000, 150, 9850]);
});

test('an event no fact of its moment accounts for stands alone with its webhooks, and one fact takes one event of a type', () => {
  const { entries } = invoiceTimeline(
    invoice,
    {
      ...none,
      ledger: [{ kind: 'payment', amount: 100, toCosts: 0, channel: 'platform', description: undefined, at: at(10) }],
      events: [
        { id: '1', type: 'partial_payment_added', step: 'Wait for payment', at: at(10) },
        { id: '2', type: 'partial_payment_added', step: 'Wait for payment', at: at(10) },
        { id: '3', type: 'order_paid_out', step: 'Wait for payment', at: at(20) },
      ],
      deliveries: [delivery('30', '2', 'failed')],
    },
    NOW,
  );
  assert.deepEqual(
    entries.map((entry) => (entry.kind === 'event' ? `event:${entry.type}:${entry.webhooks.map((hook) => hook.id).join()}` : entry.kind)),
    ['order_placed', 'workflow_started', 'payment', 'event:partial_payment_added:30', 'event:order_paid_out:'],
  );
});

test('only the latest hold knows its end, since an invoice stores just that one', () => {
  const held = { ...invoice, onHoldUntil: at(400) } as Invoice;
  const { entries } = invoiceTimeline(
    held,
    {
      ...none,
      events: [
        { id: '1', type: 'order_on_hold', step: 'Wait for payment', at: at(10) },
        { id: '2', type: 'order_resumed', step: 'Wait for payment', at: at(20) },
        { id: '3', type: 'order_on_hold', step: 'Wait for payment', at: at(30) },
      ],
    },
    NOW,
  );
  const holds = entries.filter((entry) => entry.kind === 'on_hold');
  assert.deepEqual(
    holds.map((entry) => entry.kind === 'on_hold' && entry.until),
    [undefined, at(400)],
  );
});

test('the timers come soonest first, a reminder timer naming the reminder it sends, with the merchant clock beside them', () => {
  const state = { step: 'reminder', reminderNumber: 1, pause: undefined } as Partial<LifeCycleState> as LifeCycleState;
  const timeline = invoiceTimeline({ ...invoice, lifeCycle: state } as Invoice, {
    ...none,
    timers: [
      { kind: 'payout', dueAt: at(900) },
      { kind: 'reminder', dueAt: at(600) },
    ],
  }, NOW);
  assert.equal(timeline.now, NOW);
  assert.deepEqual(timeline.upcoming, [
    { timer: 'reminder', at: at(600), reminderNumber: 2 },
    { timer: 'payout', at: at(900), reminderNumber: undefined },
  ]);
  assert.equal(timeline.paused, undefined);
});

test('an open dispute shows as the pause that stops the timers', () => {
  const state = { step: 'wait_for_payment', reminderNumber: 0, pause: { since: at(100), holdUntil: undefined, dispute: true, timers: [] } } as Partial<LifeCycleState> as LifeCycleState;
  const timeline = invoiceTimeline({ ...invoice, lifeCycle: state } as Invoice, none, NOW);
  assert.deepEqual(timeline.paused, { since: at(100), holdUntil: undefined, dispute: true });
  assert.deepEqual(timeline.upcoming, []);
});

test('an invoice started before the outbox kept the start still shows it, from its column', () => {
  const { entries } = invoiceTimeline(invoice, none, NOW);
  assert.deepEqual(entries, [
    { kind: 'order_placed', at: at(0), events: [] },
    { kind: 'workflow_started', at: at(5), events: [] },
  ]);
});

test('an invoice that was never started shows only its order', () => {
  const { entries } = invoiceTimeline({ ...invoice, workflowStartedAt: undefined } as Invoice, none, NOW);
  assert.deepEqual(entries, [{ kind: 'order_placed', at: at(0), events: [] }]);
});
