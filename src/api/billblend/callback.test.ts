import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CheckoutSession } from '../../core/sessions/checkout-session.js';
import type { PspSale } from '../../core/sessions/psp-sale.js';
import { callbackControl, callbackParameters, callbackUrl } from './callback.js';

const CONTROL_KEY = '5A4D1001-B11B-4E0D-A5E1-000000001001';
const sale = { endpointId: '1001', reference: 'inv-1', token: 't', accessTokenDigest: 'd', nonce: 'n', sessionId: 's', createdAt: new Date(0) } as PspSale;
const session = (status: CheckoutSession['status']) => ({ status, invoiceNumber: '1TSTinv-1', total: 10485, currency: 'EUR' }) as CheckoutSession;

test('control is the SHA-1 hex of status, orderid, client_orderid and the control key (spec §7.1)', () => {
  // Computed apart from this code.
  assert.equal(callbackControl('approved', '1TSTinv-1', 'inv-1', CONTROL_KEY), 'a838ea6c42e1687e3531436e2d4405f2c9bb33af');
});

test('an approved sale calls back with status approved, its amount and a control of those values', () => {
  assert.deepEqual(callbackParameters(sale, session('order_created'), CONTROL_KEY), {
    status: 'approved', type: 'sale', orderid: '1TSTinv-1', client_orderid: 'inv-1', merchant_order: 'inv-1', amount: '104.85', currency: 'EUR',
    control: 'a838ea6c42e1687e3531436e2d4405f2c9bb33af',
  });
});

test('a declined, cancelled or expired sale calls back declined with the reason the status gives', () => {
  const declined = callbackParameters(sale, session('failed'), CONTROL_KEY)!;
  assert.equal(declined.status, 'declined');
  assert.equal(declined.error_code, '1');
  assert.equal(declined.control, '95443281f2177b617cb59b32beebe4cda289017b');
  assert.equal(callbackParameters(sale, session('cancelled'), CONTROL_KEY)!.error_code, '2');
  assert.equal(callbackParameters(sale, session('session_expired'), CONTROL_KEY)!.error_code, '3');
});

test('an open sale has no callback yet', () => {
  assert.equal(callbackParameters(sale, session('session_active'), CONTROL_KEY), undefined);
});

test('the callback is a GET URL with the parameters added to what the merchant configured', () => {
  const parameters = callbackParameters(sale, session('order_created'), CONTROL_KEY)!;
  assert.equal(
    callbackUrl('https://shop.example/billblend/callback?shop=7', parameters),
    'https://shop.example/billblend/callback?shop=7&status=approved&type=sale&orderid=1TSTinv-1&client_orderid=inv-1&merchant_order=inv-1&amount=104.85&currency=EUR&control=a838ea6c42e1687e3531436e2d4405f2c9bb33af',
  );
});
