import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { forbiddenCharacterPath, hasForbiddenCharacter } from './text-characters.js';

describe('characters text may not hold', () => {
  test('are C0 controls other than tab, LF and CR, U+FFFE, U+FFFF and lone surrogates', () => {
    for (const char of ['\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u000e', '\u001f', '\ufffe', '\uffff', '\ud800', '\udbff', '\udc00', '\udfff']) {
      assert.equal(hasForbiddenCharacter(`a${char}b`), true, char.charCodeAt(0).toString(16));
    }
  });

  test('leave tab, LF, CR, DEL, C1 controls, private use characters and surrogate pairs such as emoji alone', () => {
    for (const text of ['tab\there', 'line\nfeed', 'carriage\rreturn', '\u007f', '\u0085', '\ue000', '😀 Zoë', '\ud83d\ude00', 'x\ufffd']) {
      assert.equal(hasForbiddenCharacter(text), false, text);
    }
  });

  test('are found in nested JSON values and named by their path, and a bad key by its parent', () => {
    assert.equal(forbiddenCharacterPath({ a: 'ok', b: { c: ['x', 'y\u0000'] } }), 'b.c[1]');
    assert.equal(forbiddenCharacterPath({ customer: { 'last\u0001Name': 'x' } }), 'customer');
    assert.equal(forbiddenCharacterPath('\uffff'), '(body)');
    assert.equal(forbiddenCharacterPath({ a: 1, b: null, c: true, d: ['😀'] }), undefined);
  });

  test('are found in a body nested far deeper than the call stack could recurse', () => {
    let deep: unknown = 'bad\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    assert.match(forbiddenCharacterPath(deep) ?? '', /^(\[0\]){100000}$/);
  });
});
