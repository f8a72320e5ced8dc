import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { costsChargeableFrom, easterSunday, isBelgianHoliday, isDutchTermHoliday, legalTermEnds } from './legal-terms.js';

describe('the 14-day term after a notice sent by e-mail', () => {
  test('counts 14 days from the day after sending, so costs start on the fifteenth day', () => {
    // Tuesday 3 March 2026: the term runs 4 March up to and including Tuesday 17 March.
    assert.equal(legalTermEnds('nl_consumer', '2026-03-03'), '2026-03-17');
    assert.equal(costsChargeableFrom('nl_consumer', '2026-03-03'), '2026-03-18');
    assert.equal(costsChargeableFrom('be_consumer', '2026-03-03'), '2026-03-18');
  });

  test('a Dutch term ending on a Saturday runs on to Monday (Algemene termijnenwet art. 1)', () => {
    // Saturday 7 March 2026 + 14 = Saturday 21 March.
    assert.equal(legalTermEnds('nl_consumer', '2026-03-07'), '2026-03-23');
    assert.equal(costsChargeableFrom('nl_consumer', '2026-03-07'), '2026-03-24');
  });

  test('a Dutch term ending on Easter Monday runs on to the Tuesday', () => {
    // Easter 2026 is 5 April; Easter Monday 6 April = 23 March + 14.
    assert.equal(legalTermEnds('nl_consumer', '2026-03-23'), '2026-04-07');
  });

  test('a Dutch term ending on Kings Day runs on, but not one ending on Good Friday', () => {
    assert.equal(legalTermEnds('nl_consumer', '2026-04-13'), '2026-04-28');
    assert.equal(legalTermEnds('nl_consumer', '2026-03-20'), '2026-04-03');
  });

  test('a Belgian term ending on 21 July runs on, a Dutch one does not', () => {
    // Tuesday 21 July 2026 = 7 July + 14.
    assert.equal(legalTermEnds('be_consumer', '2026-07-07'), '2026-07-22');
    assert.equal(legalTermEnds('nl_consumer', '2026-07-07'), '2026-07-21');
  });
});

describe('holiday calendars', () => {
  test('Easter falls on the known dates', () => {
    assert.equal(easterSunday(2024), '2024-03-31');
    assert.equal(easterSunday(2025), '2025-04-20');
    assert.equal(easterSunday(2026), '2026-04-05');
    assert.equal(easterSunday(2038), '2038-04-25');
  });

  test('Kings Day moves to 26 April when 27 April is a Sunday', () => {
    // 27 April 2025 was a Sunday.
    assert.equal(isDutchTermHoliday('2025-04-26'), true);
    assert.equal(isDutchTermHoliday('2025-04-27'), false);
    assert.equal(isDutchTermHoliday('2026-04-27'), true);
  });

  test('Ascension and Whit Monday are holidays in both countries, 1 November only in Belgium', () => {
    assert.equal(isDutchTermHoliday('2026-05-14'), true);
    assert.equal(isBelgianHoliday('2026-05-25'), true);
    assert.equal(isBelgianHoliday('2026-11-01'), true);
    assert.equal(isDutchTermHoliday('2026-11-02'), false);
  });
});
