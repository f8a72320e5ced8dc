import assert from 'node:assert/strict';
import { test } from 'node:test';
import { statusDateTime } from './transaction-response.js';

const AMSTERDAM = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

/** Amsterdam's wall clock through Intl alone, as statusDateTime formatted it before its offset cache. */
function throughIntl(at: Date): string {
  const part = Object.fromEntries(AMSTERDAM.formatToParts(at).map(({ type, value }) => [type, value]));
  return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}:${part.second}`;
}

test('the status DateTime is Amsterdam wall-clock time, across both summer-time changes and in any call order', () => {
  assert.equal(statusDateTime(new Date('2020-11-17T12:56:12.999Z')), '2020-11-17T13:56:12');
  assert.equal(statusDateTime(new Date('2026-07-01T22:30:00Z')), '2026-07-02T00:30:00');
  // Around 2026-03-29 01:00 UTC (02:00 → 03:00) and 2026-10-25 01:00 UTC (03:00 → 02:00), every 7 minutes and 13.5 seconds.
  const instants: Date[] = [];
  for (const change of ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z']) {
    const at = Date.parse(change);
    for (let ms = at - 3 * 3_600_000; ms <= at + 3 * 3_600_000; ms += 433_500) instants.push(new Date(ms));
    instants.push(new Date(at - 1), new Date(at), new Date(at + 1));
  }
  // Forward, then backward, so the cache is entered from both sides of each change.
  for (const at of [...instants, ...instants.reverse()]) assert.equal(statusDateTime(at), throughIntl(at), at.toISOString());
  const before1970 = new Date('1950-06-01T12:00:00.500Z');
  assert.equal(statusDateTime(before1970), throughIntl(before1970));
});
