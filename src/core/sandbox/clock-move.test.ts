import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isDomainError } from '../shared/errors.js';
import { readClockMove } from './clock-move.js';

function refusal(input: Parameters<typeof readClockMove>[0]): string {
  try {
    readClockMove(input);
  } catch (error) {
    if (isDomainError(error)) return `${error.code} ${JSON.stringify(error.params)}`;
    throw error;
  }
  return 'accepted';
}

describe('reading a clock move', () => {
  test('days and hours are whole numbers above zero, as JSON numbers or digit strings', () => {
    assert.deepEqual(readClockMove({ days: 3 }), { days: 3 });
    assert.deepEqual(readClockMove({ hours: ' 12 ' }), { hours: 12 });
    assert.equal(refusal({ days: 0 }), 'clock_move_invalid {"field":"days"}');
    assert.equal(refusal({ hours: -1 }), 'clock_move_invalid {"field":"hours"}');
    assert.equal(refusal({ hours: 2.5 }), 'clock_move_invalid {"field":"hours"}');
    assert.equal(refusal({ days: '1e3' }), 'clock_move_invalid {"field":"days"}');
    assert.equal(refusal({ days: true }), 'clock_move_invalid {"field":"days"}');
  });

  test('exactly one of days, hours and to; null counts as absent', () => {
    assert.equal(refusal({}), 'clock_move_missing {}');
    assert.equal(refusal({ days: null, hours: null }), 'clock_move_missing {}');
    assert.equal(refusal({ days: 1, to: '2027-01-01' }), 'clock_move_ambiguous {"fields":"days, to"}');
    assert.deepEqual(readClockMove({ days: null, hours: 2 }), { hours: 2 });
  });

  const instants: [string, string][] = [
    ['2027-01-31T09:00:00Z', '2027-01-31T09:00:00.000Z'],
    ['2027-01-31t09:00z', '2027-01-31T09:00:00.000Z'],
    ['2027-01-31T10:00:00+01:00', '2027-01-31T09:00:00.000Z'],
    ['2027-01-31T04:30:00-0430', '2027-01-31T09:00:00.000Z'],
    ['2027-01-31T09:00:00.250Z', '2027-01-31T09:00:00.250Z'],
    // Without a zone: Amsterdam wall time, winter (UTC+1) and summer (UTC+2).
    ['2027-01-31T10:00:00', '2027-01-31T09:00:00.000Z'],
    ['2027-07-01 10:00', '2027-07-01T08:00:00.000Z'],
    // A date alone: its midnight in Amsterdam.
    ['2027-01-31', '2027-01-30T23:00:00.000Z'],
    ['2027-07-01', '2027-06-30T22:00:00.000Z'],
  ];
  for (const [text, expected] of instants) {
    test(`to ${text} is the instant ${expected}`, () => {
      const move = readClockMove({ to: text });
      assert.ok('to' in move);
      assert.equal(move.to.toISOString(), expected);
    });
  }

  test('to that is not an ISO 8601 date or time is refused naming the field', () => {
    for (const text of ['31-01-2027', '2027-02-30', '2027-01-31T25:00', 'tomorrow', '', '2027-01-31T09:00:00+1']) {
      assert.equal(refusal({ to: text }), 'clock_move_invalid {"field":"to"}', text);
    }
    assert.equal(refusal({ to: 1_800_000_000_000 }), 'clock_move_invalid {"field":"to"}');
  });
});
