import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseWithDecimals } from './decimal-json.js';
import { field, JsonNumber, list, plainDecimal, readTransactionRequest, text } from './request-body.js';

test('numbers in exponent form become plain decimals by moving the point in their text', () => {
  const cases: [string, string][] = [
    ['1e-7', '0.0000001'],
    ['1.1e-7', '0.00000011'],
    ['1.5e2', '150'],
    ['1.2345E2', '123.45'],
    ['12e-1', '1.2'],
    ['0.5e1', '5'],
    ['1E+21', '1000000000000000000000'],
    ['-2.5e-3', '-0.0025'],
    ['-0e0', '0'],
    ['100.30', '100.30'],
    ['7', '7'],
  ];
  for (const [source, plain] of cases) assert.equal(plainDecimal(source), plain, source);
  assert.equal(plainDecimal('1e999999'), '1e999999', 'an absurd exponent is left as written, for the reader to refuse');
});

test('a body keeps every digit of its numbers, where JSON.parse would round them through a double', () => {
  const raw = '{"AmountDebit": 1234567890123456.78, "Services": {"ServiceList": [{"Name": "billink", "Parameters": [{"Name": "GrossUnitPriceIncl", "Value": 0.1e1}, {"Name": "Quantity", "Value": 3.0000000000000001}]}]}}';
  assert.equal(String(JSON.parse(raw).AmountDebit), '1234567890123456.8', 'what a double makes of it');
  const request = readTransactionRequest(parseWithDecimals(raw));
  assert.equal(request.amountDebit, '1234567890123456.78');
  assert.deepEqual(
    request.services[0]!.parameters.map((parameter) => parameter.value),
    ['1', '3.0000000000000001'],
  );
});

test('keys are lower-cased, strings decoded exactly, a repeated key keeps the last value and __proto__ stays an own key', () => {
  const body = parseWithDecimals('{"Invoice":"A\\u00e9\\ud83d\\ude00/\\"x\\"","invoice":"B","__proto__":{"polluted":true},"Flag":false,"Nothing":null,"List":[1,[],{}]}');
  assert.equal(text(field(body, 'invoice')), 'B');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.hasOwn(body as object, '__proto__'), true);
  assert.equal(text(field(body, 'flag')), 'false');
  assert.equal(field(body, 'nothing'), null);
  const [one, empty, object] = list(field(body, 'list'));
  assert.ok(one instanceof JsonNumber && one.source === '1');
  assert.deepEqual(empty, []);
  assert.equal(Object.getPrototypeOf(object), null, 'objects have no prototype to pollute');
  assert.deepEqual(Object.keys(object as object), []);
  assert.equal(text(field(parseWithDecimals('{"A":"A\\u00e9\\ud83d\\ude00/\\"x\\""}'), 'a')), 'Aé😀/"x"');
});

test('invalid JSON is refused as JSON.parse refuses it, and nesting beyond twelve levels reads as null without being built', () => {
  for (const raw of ['{"a":1,}', '{"a":01}', '[1 2]', '{"a":.5}', '', 'nul']) assert.throws(() => parseWithDecimals(raw), SyntaxError, raw);
  const deep = `{"a":${'['.repeat(5000)}${']'.repeat(5000)},"b":"kept"}`;
  const body = parseWithDecimals(deep);
  assert.equal(text(field(body, 'b')), 'kept');
  let level: unknown = field(body, 'a');
  let depth = 1;
  while (Array.isArray(level) && level.length > 0) [level, depth] = [level[0], depth + 1];
  assert.ok(depth <= 13, `cut off at depth ${depth}`);
});
