import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Invoice } from '../orders/invoice.js';
import { invoiceTimeline } from './invoice-timeline.js';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 10, minute));

const invoice = {
  createdAt: at(0),
  workflowStartedAt: at(5),
  onHoldUntil: at(50),
} as Pick<Invoice, 'createdAt' | 'workflowStartedAt' | 'onHoldUntil'> as Invoice;

test('the timeline orders every stored fact by time and hangs each delivery under its event', () => {
  const timeline = invoiceTimeline(invoice, {
    ledger: [{ kind: 'payment', amount: 1000, description: undefined, at: at(10) }],
    messages: [{ body: 'Klant belde', at: at(7) }],
    events: [
      { id: '1', type: 'order_placed', at: at(0) },
      { id: '2', type: 'order_on_hold', at: at(20) },
    ],
    deliveries: [
      { id: '9', eventId: '1', event: 'order_placed', url: 'https://shop.example/hook', state: 'failed', createdAt: at(0), replayOf: undefined, attempts: [] },
      { id: '10', eventId: '1', event: 'order_placed', url: 'https://shop.example/hook', state: 'delivered', createdAt: at(30), replayOf: '9', attempts: [] },
    ],
  });
  assert.deepEqual(
    timeline.map((entry) => entry.kind),
    ['order_placed', 'event', 'workflow_started', 'message', 'payment', 'event', 'on_hold'],
  );
  const placed = timeline[1]!;
  assert.equal(placed.kind === 'event' && placed.deliveries.map((delivery) => delivery.id).join(), '9,10');
  const hold = timeline.at(-1)!;
  assert.deepEqual(hold.kind === 'on_hold' && [hold.at, hold.until], [at(20), at(50)]);
});

test('an invoice that was never started nor held shows only its order', () => {
  const timeline = invoiceTimeline({ ...invoice, workflowStartedAt: undefined, onHoldUntil: undefined }, { ledger: [], messages: [], events: [], deliveries: [] });
  assert.deepEqual(timeline, [{ kind: 'order_placed', at: at(0) }]);
});
