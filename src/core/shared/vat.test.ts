import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { divideRounded, formatVatRate, inclusiveFromExclusive, parseVatRate, vatBreakdown, vatContainedIn } from './vat.js';

describe('parseVatRate reads BTW in every style clients send, into basis points', () => {
  test('reads percentages, with or without Magento decimals', () => {
    assert.equal(parseVatRate('21'), 2_100);
    assert.equal(parseVatRate('21.0000'), 2_100);
    assert.equal(parseVatRate('9'), 900);
    assert.equal(parseVatRate('0'), 0);
    assert.equal(parseVatRate(' 6 '), 600);
  });

  test('reads multipliers such as 1.21 and 1.0, as avido mixes them with percentages', () => {
    assert.equal(parseVatRate('1.21'), 2_100);
    assert.equal(parseVatRate('1.09'), 900);
    assert.equal(parseVatRate('1.2'), 2_000);
    assert.equal(parseVatRate('1.0'), 0);
    // No allowed percentage lies between 1 and 2, so a bare 1 is the multiplier for 0%.
    assert.equal(parseVatRate('1'), 0);
  });

  test('accepts every rate Billink lists today and nothing else', () => {
    for (const rate of ['0', '5', '6', '7', '9', '16', '19', '20', '21']) {
      assert.equal(parseVatRate(rate), Number(rate) * 100, rate);
    }
    for (const rate of ['12', '1.12', '21.5', '22', '100', '0.21', '2']) {
      assert.equal(parseVatRate(rate), undefined, rate);
    }
  });

  test('refuses text that is not a rate', () => {
    for (const text of ['', 'abc', '-21', '21%', '21,00', '1.21.0', '21.00001']) {
      assert.equal(parseVatRate(text), undefined, `"${text}"`);
    }
  });

  test('ignores trailing zeros beyond four decimals', () => {
    assert.equal(parseVatRate('21.000000'), 2_100);
  });

  test('writes a rate back as a plain percentage', () => {
    assert.equal(formatVatRate(2_100), '21');
    assert.equal(formatVatRate(0), '0');
    assert.equal(formatVatRate(950), '9.5');
  });
});

describe('divideRounded divides integers, rounding half away from zero', () => {
  test('rounds halves away from zero on both sides', () => {
    assert.equal(divideRounded(5, 2), 3);
    assert.equal(divideRounded(-5, 2), -3);
    assert.equal(divideRounded(15, 10), 2);
    assert.equal(divideRounded(-15, 10), -2);
  });

  test('rounds below half towards zero and above half away from it', () => {
    assert.equal(divideRounded(1, 3), 0);
    assert.equal(divideRounded(2, 3), 1);
    assert.equal(divideRounded(-1, 3), 0);
    assert.equal(divideRounded(-2, 3), -1);
  });

  test('divides exactly when there is no remainder', () => {
    assert.equal(divideRounded(0, 7), 0);
    assert.equal(divideRounded(12_100, 121), 100);
    assert.equal(divideRounded(-12_100, 121), -100);
  });

  test('stays exact for the largest amounts the money module accepts', () => {
    // 100 million euros in cents times the 21% multiplier, the largest numerator a line can make.
    assert.equal(divideRounded(10_000_000_000 * 12_100, 10_000), 12_100_000_000);
    assert.equal(divideRounded(12_099_999_999 * 10_000 + 5_000, 10_000), 12_100_000_000);
    assert.equal(divideRounded(12_099_999_999 * 10_000 + 4_999, 10_000), 12_099_999_999);
  });
});

describe('VAT arithmetic on cents', () => {
  test('adds VAT to a price excluding it, rounding once to the cent', () => {
    assert.equal(inclusiveFromExclusive(1_000, 2_100), 1_210);
    assert.equal(inclusiveFromExclusive(413, 2_100), 500);
    assert.equal(inclusiveFromExclusive(-413, 2_100), -500);
    assert.equal(inclusiveFromExclusive(999, 0), 999);
  });

  test('finds the VAT contained in an amount that includes it', () => {
    assert.equal(vatContainedIn(12_100, 2_100), 2_100);
    assert.equal(vatContainedIn(10_900, 900), 900);
    assert.equal(vatContainedIn(500, 2_100), 87);
    assert.equal(vatContainedIn(-500, 2_100), -87);
    assert.equal(vatContainedIn(12_345, 0), 0);
  });

  test('vatBreakdown sums lines per rate, highest rate first, so the rows add up to the total', () => {
    const rows = vatBreakdown([
      { totalInclusive: 9_990, vatRate: 2_100 },
      { totalInclusive: 495, vatRate: 900 },
      { totalInclusive: 333, vatRate: 2_100 },
      { totalInclusive: -1_000, vatRate: 2_100 },
      { totalInclusive: 250, vatRate: 0 },
    ]);
    assert.deepEqual(rows, [
      { rate: 2_100, inclusive: 9_323, vat: vatContainedIn(9_323, 2_100) },
      { rate: 900, inclusive: 495, vat: vatContainedIn(495, 900) },
      { rate: 0, inclusive: 250, vat: 0 },
    ]);
    assert.equal(rows.reduce((sum, row) => sum + row.inclusive, 0), 9_990 + 495 + 333 - 1_000 + 250);
  });

  test('vatBreakdown rounds once per rate, not once per line', () => {
    // Seven lines of 0.01 hold no VAT each when rounded alone; together 0.07 holds 0.01.
    const small = Array.from({ length: 7 }, () => ({ totalInclusive: 1, vatRate: 2_100 }));
    assert.deepEqual(vatBreakdown(small), [{ rate: 2_100, inclusive: 7, vat: 1 }]);
  });

  test('vatBreakdown of no lines is empty', () => {
    assert.deepEqual(vatBreakdown([]), []);
  });
});
