import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentHash, encodedUri, parseAuthorization, signature } from './hmac.js';

test('the published test vector signs to g/mqa1gXAfqxvKvBDE5UCDXxJY8saQmoaeo1mwh/eIk= (spec §2.4)', () => {
  const uri = encodedUri('example.com/json/someEndpoint?someParam=someValue');
  assert.equal(uri, 'example.com%2fjson%2fsomeendpoint%3fsomeparam%3dsomevalue');
  const sig = signature('bar', { websiteKey: 'foo', method: 'GET', uri, timestamp: '1447619979', nonce: '7bdb2ecc631c584b0ce10fd1b505df84', body: '' });
  assert.equal(sig, 'g/mqa1gXAfqxvKvBDE5UCDXxJY8saQmoaeo1mwh/eIk=');
});

test('the content hash is the base64 of the binary MD5, 24 characters, and empty without a body', () => {
  assert.equal(contentHash(''), '');
  assert.equal(contentHash('{}'), 'mZFLkyvTelC5g8XnyQrpOw==');
});

test('the URI keeps a non-default port and lower-cases the percent escapes', () => {
  assert.equal(encodedUri('127.0.0.1:18765/json/Transaction'), '127.0.0.1%3a18765%2fjson%2ftransaction');
  assert.equal(encodedUri("h/a(b)", 'php'), 'h%2fa%28b%29');
  assert.equal(encodedUri("h/a(b)", 'js'), 'h%2fa(b)');
});

test('an Authorization header is read with or without the hmac word, in any case', () => {
  assert.deepEqual(parseAuthorization('HMAC key:c2ln:n1:1700000000'), { websiteKey: 'key', signature: 'c2ln', nonce: 'n1', timestamp: '1700000000' });
  assert.deepEqual(parseAuthorization('key:c2ln:n1:1700000000')?.websiteKey, 'key');
  assert.equal(parseAuthorization('Bearer abc'), undefined);
  assert.equal(parseAuthorization(undefined), undefined);
});
