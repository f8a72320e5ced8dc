import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DomainEvent } from '../shared/events.js';
import { fanOut, type NotificationBuilders, type NotificationTarget } from './notifications.js';

const at = new Date('2026-12-01T10:00:00Z');
const invoiceEvent: DomainEvent = { type: 'order_paid', merchantId: 'm1', invoiceId: '7', at };
const sessionEvent: DomainEvent = {
  type: 'session_status_changed', merchantId: 'm1', sessionId: 's1', status: 'order_created', invoiceId: '7',
  orderNumber: 'O1', billinkInvoiceNumber: '1TSTO1', transactionId: 't1', at,
};
const target = (contract: string, kind: string): NotificationTarget => ({ contract, kind, url: `https://${contract}.example/${kind}`, signed: true, details: undefined });
const builders: NotificationBuilders = {
  one: { build: (event, t) => ({ event: event.type, body: `one:${t.kind}:${event.type}` }) },
  two: { build: (event) => (event.type === 'order_paid' ? { event: 'paid', body: 'two' } : undefined) },
};
const invoice = { invoiceNumber: '1TSTO1', merchantNumber: 'O1', workflowNumber: 1, customInvoiceId: undefined };

test('an invoice event reaches every non-session subscription, each built by its own contract', () => {
  const drafts = fanOut(invoiceEvent, [target('one', 'order'), target('one', 'session'), target('two', 'push')], invoice, builders);
  assert.deepEqual(
    drafts.map((d) => [d.contract, d.kind, d.body, d.url]),
    [
      ['one', 'order', 'one:order:order_paid', 'https://one.example/order'],
      ['two', 'push', 'two', 'https://two.example/push'],
    ],
  );
});

test('a session change reaches only session subscriptions, and a contract may send nothing for an event', () => {
  const drafts = fanOut(sessionEvent, [target('one', 'order'), target('one', 'session'), target('two', 'session')], invoice, builders);
  assert.deepEqual(drafts.map((d) => [d.contract, d.body]), [['one', 'one:session:session_status_changed']]);
});

test('a subscription of a contract without a builder is skipped rather than sent a foreign body', () => {
  assert.deepEqual(fanOut(invoiceEvent, [target('unknown', 'order')], invoice, builders), []);
});

test('a session change reaches a callback subscription at the URL its contract built, and an invoice event does not', () => {
  const withQuery: NotificationBuilders = { three: { build: (event, t) => ({ event: 'approved', body: '', url: `${t.url}?status=approved` }) } };
  assert.deepEqual(
    fanOut(sessionEvent, [target('three', 'callback')], invoice, withQuery).map((d) => [d.kind, d.url, d.body]),
    [['callback', 'https://three.example/callback?status=approved', '']],
  );
  assert.deepEqual(fanOut(invoiceEvent, [target('three', 'callback')], invoice, withQuery), []);
});
