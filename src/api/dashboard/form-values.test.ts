import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formAmount } from './invoice-actions.js';
import { csvCell } from './reconciliation-pages.js';

test('amounts typed the Dutch way become dotted decimal text; others pass unchanged to the core parser', () => {
  assert.equal(formAmount('12,50'), '12.50');
  assert.equal(formAmount(' 1.234,5 '), '1234.5');
  assert.equal(formAmount('12.50'), '12.50');
  assert.equal(formAmount('1,234'), '1,234');
  assert.equal(formAmount('1,2,3'), '1,2,3');
  assert.equal(formAmount(null), undefined);
});

test('CSV cells are quoted per RFC 4180 and text a spreadsheet would run as a formula is defused', () => {
  assert.equal(csvCell('ORD-1'), 'ORD-1');
  assert.equal(csvCell('a,"b"'), '"a,""b"""');
  assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvCell('-5.00', false), '-5.00');
  assert.equal(csvCell('+31 6'), "'+31 6");
});
