import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { renderErrorsMarkdown } from '../../src/api/billink-common/errors-markdown.js';

test('docs/errors.md says exactly what the error tables answer (run npm run docs:errors after changing a table)', () => {
  const documented = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  assert.equal(documented, renderErrorsMarkdown());
});
