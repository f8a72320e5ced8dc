import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addDays, ageOn, amsterdamDate, formatDutchDate, parseWireDate } from './dates.js';

describe('parseWireDate reads the dates clients send into ISO dates', () => {
  test('reads dd-mm-yyyy, as Billink documents it', () => {
    assert.equal(parseWireDate('21-11-2026'), '2026-11-21');
    assert.equal(parseWireDate('01-01-1990'), '1990-01-01');
    assert.equal(parseWireDate('1-2-1990'), '1990-02-01');
  });

  test('reads yyyy-mm-dd, as avido sends it', () => {
    assert.equal(parseWireDate('2018-06-21'), '2018-06-21');
    assert.equal(parseWireDate('2018-6-1'), '2018-06-01');
  });

  test('reads slashes and dots between day, month and year', () => {
    assert.equal(parseWireDate('21/11/2026'), '2026-11-21');
    assert.equal(parseWireDate('21.11.2026'), '2026-11-21');
  });

  test('ignores white space around the date', () => {
    assert.equal(parseWireDate(' 21-11-2026\n'), '2026-11-21');
  });

  test('knows leap years', () => {
    assert.equal(parseWireDate('29-02-2024'), '2024-02-29');
    assert.equal(parseWireDate('29-02-2000'), '2000-02-29');
    assert.equal(parseWireDate('29-02-2023'), undefined);
    assert.equal(parseWireDate('29-02-1900'), undefined);
  });

  test('refuses days and months that do not exist', () => {
    for (const text of ['31-04-2026', '32-01-2026', '00-01-2026', '01-00-2026', '01-13-2026', '2026-02-30']) {
      assert.equal(parseWireDate(text), undefined, text);
    }
  });

  test('refuses years outside 1900–2999 and text that is no date', () => {
    for (const text of ['01-01-1899', '01-01-3000', '', 'yesterday', '2026/11/21', '21-11-26', '21112026', '2026-11-21T10:00']) {
      assert.equal(parseWireDate(text), undefined, `"${text}"`);
    }
  });
});

describe('ageOn counts full years as birthdays do', () => {
  test('turns a year older on the birthday, not the day before', () => {
    assert.equal(ageOn('2008-11-22', '2026-11-21'), 17);
    assert.equal(ageOn('2008-11-22', '2026-11-22'), 18);
    assert.equal(ageOn('2008-11-22', '2026-11-23'), 18);
  });

  test('counts months before days', () => {
    assert.equal(ageOn('1990-12-01', '2026-11-30'), 35);
    assert.equal(ageOn('1990-01-31', '2026-02-01'), 36);
  });

  test('a customer born on 29 February turns a year older on 1 March in other years', () => {
    assert.equal(ageOn('2008-02-29', '2026-02-28'), 17);
    assert.equal(ageOn('2008-02-29', '2026-03-01'), 18);
    assert.equal(ageOn('2008-02-29', '2028-02-29'), 20);
  });

  test('is zero on the day of birth and negative before it', () => {
    assert.equal(ageOn('2026-11-21', '2026-11-21'), 0);
    assert.equal(ageOn('2026-11-22', '2026-11-21'), -1);
  });
});

describe('calendar helpers', () => {
  test('amsterdamDate gives the calendar day in Amsterdam, in winter and in summer time', () => {
    assert.equal(amsterdamDate(new Date('2026-11-21T22:59:59Z')), '2026-11-21');
    assert.equal(amsterdamDate(new Date('2026-11-21T23:00:00Z')), '2026-11-22');
    assert.equal(amsterdamDate(new Date('2026-06-30T21:59:59Z')), '2026-06-30');
    assert.equal(amsterdamDate(new Date('2026-06-30T22:00:00Z')), '2026-07-01');
  });

  test('amsterdamDate answers each instant for itself, whatever instant it was asked before', () => {
    const instants: [string, string][] = [
      ['2026-06-30T21:59:59.999Z', '2026-06-30'],
      ['2026-06-30T22:00:00.000Z', '2026-07-01'],
      ['2026-06-30T21:00:00.000Z', '2026-06-30'],
      ['2026-03-29T00:59:59Z', '2026-03-29'],
      ['2026-03-29T01:00:00Z', '2026-03-29'],
      ['2026-03-28T22:59:59Z', '2026-03-28'],
      ['2026-03-28T23:00:00Z', '2026-03-29'],
      ['2026-10-24T21:59:59Z', '2026-10-24'],
      ['2026-10-24T22:00:00Z', '2026-10-25'],
      ['2026-10-25T22:59:59Z', '2026-10-25'],
      ['2026-10-25T23:00:00Z', '2026-10-26'],
      ['1969-12-31T22:59:59Z', '1969-12-31'],
      ['1969-12-31T23:00:00Z', '1970-01-01'],
    ];
    for (const [instant, date] of [...instants, ...instants.reverse()]) assert.equal(amsterdamDate(new Date(instant)), date, instant);
  });

  test('amsterdamDate refuses an invalid date as Intl does', () => {
    assert.throws(() => amsterdamDate(new Date('not a date')), RangeError);
  });

  test('addDays crosses months, years and leap days', () => {
    assert.equal(addDays('2026-11-21', 14), '2026-12-05');
    assert.equal(addDays('2026-12-25', 14), '2027-01-08');
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(addDays('2026-03-01', -1), '2026-02-28');
  });

  test('formatDutchDate writes dd-mm-yyyy', () => {
    assert.equal(formatDutchDate('2026-11-05'), '05-11-2026');
  });
});
