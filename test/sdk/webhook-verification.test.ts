/** verifyWebhook: Billink v3 signatures from the raw body and headers, with a clock-skew tolerance. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSseBlock, signWebhook, verifyWebhook, WebhookVerificationError } from '@achteraf/billink';

const SECRET = 'eY644OBfx7xigMAF/3uS9WMYTsFGmEGzM2iIhuD3JIM=';
const BODY = '{"order_id":3,"invoice_number":"1TSTA","invoice_number_clean":"A","workflow_id":1,"event":"order_paid","timestamp":"2026-12-01 10:00:00"}';
const NOW = new Date('2026-12-01T09:00:00Z');
const TIMESTAMP = String(NOW.getTime() / 1000);

function headers(overrides: Record<string, string> = {}): Record<string, string> {
  return { 'X-Billink-Timestamp': TIMESTAMP, 'X-Billink-Signature': signWebhook(SECRET, TIMESTAMP, BODY), 'X-Billink-Webhook-Id': 'w-1', ...overrides };
}

describe('verifying a webhook v3 signature', () => {
  test('a correctly signed body gives the typed order event, with headers in any case or as a Headers object', () => {
    const event = verifyWebhook({ secret: SECRET, rawBody: BODY, headers: headers(), now: NOW });
    assert.deepEqual([event.kind, event.webhookId, event.kind === 'order' && event.payload.event], ['order', 'w-1', 'order_paid']);
    const again = verifyWebhook({ secret: SECRET, rawBody: Buffer.from(BODY), headers: new Headers(headers()), now: NOW });
    assert.equal(again.kind, 'order');
  });

  test('the signature is the lower-case hex HMAC-SHA256 of the timestamp followed directly by the body', async () => {
    const { createHmac } = await import('node:crypto');
    assert.equal(signWebhook(SECRET, TIMESTAMP, BODY), createHmac('sha256', SECRET).update(TIMESTAMP + BODY).digest('hex'));
  });

  test('a timestamp within the tolerance passes and one beyond it is refused, in both directions', () => {
    const skewed = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
    assert.doesNotThrow(() => verifyWebhook({ secret: SECRET, rawBody: BODY, headers: headers(), now: skewed(300) }));
    assert.doesNotThrow(() => verifyWebhook({ secret: SECRET, rawBody: BODY, headers: headers(), now: skewed(-300) }));
    assert.throws(() => verifyWebhook({ secret: SECRET, rawBody: BODY, headers: headers(), now: skewed(301) }), WebhookVerificationError);
    assert.throws(() => verifyWebhook({ secret: SECRET, rawBody: BODY, headers: headers(), now: skewed(-301) }), WebhookVerificationError);
    assert.doesNotThrow(() => verifyWebhook({ secret: SECRET, rawBody: BODY, headers: headers(), now: skewed(900), toleranceSeconds: 900 }));
  });

  test('a changed body, another secret, or a missing header is refused', () => {
    assert.throws(() => verifyWebhook({ secret: SECRET, rawBody: BODY.replace('order_paid', 'order_placed'), headers: headers(), now: NOW }), /does not match/);
    assert.throws(() => verifyWebhook({ secret: 'other', rawBody: BODY, headers: headers(), now: NOW }), /does not match/);
    assert.throws(() => verifyWebhook({ secret: SECRET, rawBody: BODY, headers: { 'x-billink-timestamp': TIMESTAMP }, now: NOW }), /no X-Billink-Signature/);
    assert.throws(() => verifyWebhook({ secret: SECRET, rawBody: BODY, headers: headers({ 'X-Billink-Timestamp': '12a' }), now: NOW }), /X-Billink-Timestamp/);
  });

  test('a session webhook parses as a session event', () => {
    const body = '{"status":"order_created","invoiceNumber":"A","transactionId":"tx","billinkInvoiceNumber":"1TSTA"}';
    const timestamp = TIMESTAMP;
    const event = verifyWebhook({ secret: SECRET, rawBody: body, headers: { 'x-billink-timestamp': timestamp, 'x-billink-signature': signWebhook(SECRET, timestamp, body) }, now: NOW });
    assert.deepEqual([event.kind, event.kind === 'session' && event.payload.status], ['session', 'order_created']);
  });

  test('a Server-Sent Events block reads its event name, id and JSON data; comments are skipped', () => {
    assert.deepEqual(parseSseBlock(': keep-alive\nid: 7\nevent: webhook\ndata: {"eventId":"7"}'), { type: 'webhook', id: '7', eventId: '7' });
    assert.equal(parseSseBlock(': keep-alive'), undefined);
  });
});
