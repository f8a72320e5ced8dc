import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDomainError } from '../shared/errors.js';
import { INVOICES_PER_DASHBOARD_PAGE, readInvoiceListQuery } from './invoice-filters.js';

const now = new Date('2026-11-30T12:00:00Z');
const code = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return isDomainError(error) ? error.code : 'not a domain error';
  }
  return 'no error';
};

test('an empty query lists everything, newest first, a page of fifty', () => {
  assert.deepEqual(readInvoiceListQuery({}, now), {
    text: undefined,
    step: undefined,
    flags: [],
    after: undefined,
    before: undefined,
    limit: INVOICES_PER_DASHBOARD_PAGE,
    now,
  });
});

test('search text is trimmed, known steps and flags are kept, repeated flags count once', () => {
  const query = readInvoiceListQuery({ q: '  jansen ', step: 'reminder', flags: ['paid', 'on_hold', 'paid'], after: '42' }, now);
  assert.equal(query.text, 'jansen');
  assert.equal(query.step, 'reminder');
  assert.deepEqual(query.flags, ['paid', 'on_hold']);
  assert.equal(query.after, '42');
});

test('unknown steps, unknown filters, bad cursors and overlong search text are refused, not guessed', () => {
  assert.equal(code(() => readInvoiceListQuery({ step: 'toString' }, now)), 'step_unknown');
  assert.equal(code(() => readInvoiceListQuery({ flags: ['contested'] }, now)), 'filter_unknown');
  assert.equal(code(() => readInvoiceListQuery({ after: '1 OR 1=1' }, now)), 'cursor_invalid');
  assert.equal(code(() => readInvoiceListQuery({ before: '-1' }, now)), 'cursor_invalid');
  assert.equal(code(() => readInvoiceListQuery({ q: 'x'.repeat(255) }, now)), 'search_too_long');
});
