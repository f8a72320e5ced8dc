import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatAmount, formatEuroDutch, parseAmount } from './money.js';

describe('parseAmount reads decimal text into integer cents', () => {
  test('reads the amounts real clients send: 220.09, 1, 10.5 and 21.0000', () => {
    assert.equal(parseAmount('220.09'), 22_009);
    assert.equal(parseAmount('1'), 100);
    assert.equal(parseAmount('10.5'), 1_050);
    assert.equal(parseAmount('21.0000'), 2_100);
  });

  test('strips thousands commas only where they group exactly three digits', () => {
    assert.equal(parseAmount('1,234.56'), 123_456);
    assert.equal(parseAmount('1,234,567.89'), 123_456_789);
    assert.equal(parseAmount('12,345'), 1_234_500);
    assert.equal(parseAmount('1,23'), undefined);
    assert.equal(parseAmount('1234,567.00'), undefined);
  });

  test('refuses a decimal comma such as 10,50 instead of guessing', () => {
    assert.equal(parseAmount('10,50'), undefined);
  });

  test('reads signs, so discount lines can be negative', () => {
    assert.equal(parseAmount('-5.00'), -500);
    assert.equal(parseAmount('+5.00'), 500);
    assert.equal(parseAmount('-0.5'), -50);
  });

  test('accepts a missing whole part or fraction and surrounding white space', () => {
    assert.equal(parseAmount('.5'), 50);
    assert.equal(parseAmount('7.'), 700);
    assert.equal(parseAmount('  12.30 \n'), 1_230);
  });

  test('rounds half away from zero on the third decimal, without floating point', () => {
    assert.equal(parseAmount('0.005'), 1);
    assert.equal(parseAmount('0.0049'), 0);
    assert.equal(parseAmount('-0.005'), -1);
    assert.equal(parseAmount('12.345678'), 1_235);
    assert.equal(parseAmount('0.995'), 100);
    // 1.005 is 1.00499999… as a double; read as text it rounds up.
    assert.equal(parseAmount('1.005'), 101);
  });

  test('refuses text that is not an amount', () => {
    for (const text of ['', ' ', '.', '-', '+', 'abc', '1e5', '12.3.4', '€ 5', '5 EUR', '0x10', '1 000', '--5']) {
      assert.equal(parseAmount(text), undefined, `"${text}"`);
    }
  });

  test('refuses amounts above one hundred million euros', () => {
    assert.equal(parseAmount('100000000.00'), 10_000_000_000);
    assert.equal(parseAmount('100000000.01'), undefined);
    assert.equal(parseAmount('99999999999999999999'), undefined);
  });
});

describe('formatAmount writes cents the way Billink writes amounts', () => {
  test('uses a dot decimal, two decimals and no grouping', () => {
    assert.equal(formatAmount(123_456), '1234.56');
    assert.equal(formatAmount(1_000), '10.00');
    assert.equal(formatAmount(5), '0.05');
    assert.equal(formatAmount(0), '0.00');
  });

  test('puts the sign before the whole part', () => {
    assert.equal(formatAmount(-5), '-0.05');
    assert.equal(formatAmount(-123_456), '-1234.56');
  });

  test('round-trips with parseAmount', () => {
    for (const cents of [0, 1, 99, 100, 22_009, 123_456, -500, 10_000_000_000]) {
      assert.equal(parseAmount(formatAmount(cents)), cents);
    }
  });

  test('writes Dutch notation for people, with dots between thousands and a decimal comma', () => {
    assert.equal(formatEuroDutch(123_456), '€ 1.234,56');
    assert.equal(formatEuroDutch(-123_456_789), '-€ 1.234.567,89');
    assert.equal(formatEuroDutch(5), '€ 0,05');
  });
});
