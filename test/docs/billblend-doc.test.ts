import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { type DapiError, REQUEST_ERRORS, SALE_START_ERRORS } from '../../src/api/billblend/errors.js';

/** The rows of the error table in docs/billblend.md: a cause and a code or a range of codes. */
function documentedRows(): { cause: string; from: number; to: number }[] {
  const doc = readFileSync(new URL('../../docs/billblend.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('## Errors'), doc.indexOf('## Try it'));
  const rows: { cause: string; from: number; to: number }[] = [];
  for (const match of section.matchAll(/^\| `([A-Z_]+)` \| (\d+)(?:[–,] ?(\d+))? \|/gm)) {
    rows.push({ cause: match[1]!, from: Number(match[2]), to: Number(match[3] ?? match[2]) });
  }
  return rows;
}

test('docs/billblend.md lists every DAPI error code with its cause, and no code the tables lack', () => {
  const rows = documentedRows();
  assert.ok(rows.length >= 10, 'the error table was not found');
  const errors: [string, DapiError][] = [...Object.entries(REQUEST_ERRORS), ...Object.entries(SALE_START_ERRORS)];
  for (const [name, error] of errors) {
    const code = Number(error.code);
    assert.ok(rows.some((row) => row.cause === error.cause && row.from <= code && code <= row.to), `${name} (${error.cause} ${error.code}) is not documented`);
  }
  for (const row of rows) {
    assert.ok(errors.some(([, error]) => error.cause === row.cause && Number(error.code) === row.from), `the documented ${row.cause} ${row.from} does not exist`);
  }
});
