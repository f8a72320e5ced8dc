/** Money in the SDK goes through text: decimal strings and integer cents, never floating point. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { amountText, centsToDecimal, decimalToCents } from '@achteraf/billink';

describe('SDK money', () => {
  test('cents become Billink decimal text and back', () => {
    assert.deepEqual([1050, 5, -5, 0, 123456789].map(centsToDecimal), ['10.50', '0.05', '-0.05', '0.00', '1234567.89']);
    assert.deepEqual(['10.5', '10.50', '-3', '0.07', ' 7 '].map(decimalToCents), [1050, 1050, -300, 7, 700]);
  });

  test('0.1 + 0.2 never happens: amounts that would need floats are refused', () => {
    assert.equal(amountText({ cents: 30 }), '0.30');
    assert.equal(amountText('0.30'), '0.30');
    assert.throws(() => amountText(0.3 as unknown as string), TypeError);
    assert.throws(() => amountText({ cents: 0.5 }), TypeError);
    assert.throws(() => decimalToCents('1,50'), TypeError);
    assert.throws(() => decimalToCents('1.005'), TypeError);
  });
});
