import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { amsterdamTimestamp, orderWebhookBody, sessionWebhookBody } from './payloads.js';

describe('webhook bodies', () => {
  test('the order webhook carries Billink’s fields in order, and custom_invoice_id only when it was set', () => {
    const facts = {
      event: 'order_paid' as const,
      at: new Date('2025-01-15T10:04:05Z'),
      invoiceId: '42',
      invoiceNumber: '1TSTINVOICE1234',
      merchantNumber: 'INVOICE1234',
      workflowNumber: 1,
      customInvoiceId: undefined,
    };
    assert.equal(
      orderWebhookBody(facts),
      '{"order_id":42,"invoice_number":"1TSTINVOICE1234","invoice_number_clean":"INVOICE1234","workflow_id":1,' +
        '"event":"order_paid","timestamp":"2025-01-15 11:04:05"}',
    );
    assert.deepEqual(JSON.parse(orderWebhookBody({ ...facts, customInvoiceId: 'C-9' })).custom_invoice_id, 'C-9');
  });

  test('the session webhook names the merchant’s number invoiceNumber and Billink’s billinkInvoiceNumber', () => {
    assert.equal(
      sessionWebhookBody({ status: 'order_created', orderNumber: 'INVOICE1234', transactionId: 'tx_001a45', billinkInvoiceNumber: '1TSTINVOICE1234' }),
      '{"status":"order_created","invoiceNumber":"INVOICE1234","transactionId":"tx_001a45","billinkInvoiceNumber":"1TSTINVOICE1234"}',
    );
  });

  test('timestamps are Amsterdam wall-clock time in winter and in summer, across the clock change', () => {
    assert.equal(amsterdamTimestamp(new Date('2025-01-15T23:30:00Z')), '2025-01-16 00:30:00');
    assert.equal(amsterdamTimestamp(new Date('2025-07-01T12:00:09Z')), '2025-07-01 14:00:09');
    assert.equal(amsterdamTimestamp(new Date('2025-03-30T00:59:59Z')), '2025-03-30 01:59:59');
    assert.equal(amsterdamTimestamp(new Date('2025-03-30T01:00:00Z')), '2025-03-30 03:00:00');
    assert.equal(amsterdamTimestamp(new Date('2025-10-26T00:30:00Z')), '2025-10-26 02:30:00');
    assert.equal(amsterdamTimestamp(new Date('2025-10-26T01:30:00Z')), '2025-10-26 02:30:00');
    assert.equal(amsterdamTimestamp(new Date('2025-12-31T23:00:00Z')), '2026-01-01 00:00:00');
  });
});
