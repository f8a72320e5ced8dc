import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type DapiError, REQUEST_ERRORS, SALE_START_ERRORS } from './errors.js';
import { DECLINE_REASONS } from './mapping.js';

/** The `error.cause` values BillBlend and PaynetEasy publish (spec §5.4). */
const PUBLISHED_CAUSES = [
  'INVALID_REQUEST', 'INVALID_CONFIGURATION', 'INTERNAL_ERROR', 'PROCESSING_FAILED', 'ORDER_NOT_FOUND', 'DECLINED', 'FILTERED',
  'SERVER_FAILED', 'SERVER_UNAVAILABLE',
];

const entries: [string, DapiError][] = [...Object.entries(REQUEST_ERRORS), ...Object.entries(SALE_START_ERRORS)];

test('every error answers a published cause', () => {
  for (const [name, error] of entries) assert.ok(PUBLISHED_CAUSES.includes(error.cause), `${name}: ${error.cause}`);
});

test('error codes are numeric text, one per error, except the shared internal error', () => {
  const seen = new Map<string, string>();
  for (const [name, error] of entries) {
    assert.match(error.code, /^\d+$/, name);
    if (error.cause === 'INTERNAL_ERROR') continue;
    assert.equal(seen.get(error.code), undefined, `${name} reuses code ${error.code} of ${seen.get(error.code)}`);
    seen.set(error.code, name);
  }
});

test('error and decline messages stay within the 128 characters seed 004 allows errorMessage', () => {
  for (const [name, error] of entries) assert.ok(error.message.length <= 128, name);
  for (const [name, reason] of Object.entries(DECLINE_REASONS)) assert.ok(reason.errorMessage.length <= 128, name);
});
