import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failureMail } from './failure-mail.js';

const delivery = {
  deliveryId: '12',
  webhookId: 'w-1',
  event: 'Pay 190',
  url: 'https://shop.example/push',
  body: '{"Transaction":{}}',
  attempts: [{ startedAt: new Date('2026-12-01T10:00:00Z'), httpStatus: 500, error: undefined }],
};

test('a failed Buckaroo push mail names the push and its delivery id header, and offers no Billink replay', () => {
  const mail = failureMail({ name: 'Shop', email: 'shop@example.com' }, { ...delivery, kind: 'push' });
  assert.match(mail.text, /could not deliver the Buckaroo push "Pay 190"/);
  assert.match(mail.text, /X-Achteraf-Delivery-Id: w-1/);
  assert.doesNotMatch(mail.text, /replay|X-Billink/);
});

test('a failed order webhook mail keeps its Billink wording and replay hint', () => {
  const mail = failureMail({ name: 'Shop', email: 'shop@example.com' }, { ...delivery, kind: 'order', event: 'order_paid' });
  assert.match(mail.text, /order webhook "order_paid"/);
  assert.match(mail.text, /X-Billink-Webhook-Id: w-1/);
  assert.match(mail.text, /webhook\/replay/);
});

test('a failed BillBlend callback mail names the callback and where the sale can still be read', () => {
  const mail = failureMail({ name: 'Shop', email: 'shop@example.com' }, { ...delivery, kind: 'callback', event: 'sale approved', body: '' });
  assert.match(mail.text, /could not deliver the BillBlend callback "sale approved"/);
  assert.match(mail.text, /X-Achteraf-Delivery-Id: w-1/);
  assert.match(mail.text, /sale\/\{endpointId\}\/\{invoiceId\}\/status/);
  assert.doesNotMatch(mail.text, /replay|X-Billink/);
});
