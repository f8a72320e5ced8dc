import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accessTokenDigest, controlKeyBytes, sameText, saleSignature, saleSignatureMatches } from './signatures.js';

const CONTROL_KEY = '5A4D1001-B11B-4E0D-A5E1-000000001001';
const FIELDS = {
  accessToken: `accessToken${'A'.repeat(53)}`,
  serialNumber: 'SERIAL-1',
  endpointId: '1001',
  nonce: `nonce${'N'.repeat(59)}`,
  invoiceId: 'inv-1',
  amountCentis: 10485,
  currency: 'EUR',
};
/** Computed apart from this code: HMAC-SHA1 keyed with the hex bytes 5A4D1001B11B…1001 (spec §6.2). */
const EXPECTED = 'FB05F54DD384A409D58672F898630981A2857840';

test('the sale signature is HMAC-SHA1 of the fields in spec order, keyed with the hex-decoded control key, in upper-case hex', () => {
  assert.equal(saleSignature(CONTROL_KEY, FIELDS), EXPECTED);
});

test('a signature matches in either letter case and not with any field changed', () => {
  assert.equal(saleSignatureMatches(CONTROL_KEY, FIELDS, EXPECTED), true);
  assert.equal(saleSignatureMatches(CONTROL_KEY, FIELDS, EXPECTED.toLowerCase()), true);
  assert.equal(saleSignatureMatches(CONTROL_KEY, { ...FIELDS, amountCentis: 10486 }, EXPECTED), false);
  assert.equal(saleSignatureMatches(CONTROL_KEY, { ...FIELDS, serialNumber: '' }, EXPECTED), false);
  assert.equal(saleSignatureMatches(CONTROL_KEY, FIELDS, EXPECTED.slice(0, 39)), false);
});

test('the key is the control key without dashes, hex-decoded; a key that is not hex has no HMAC key', () => {
  assert.deepEqual(controlKeyBytes(CONTROL_KEY), Buffer.from('5A4D1001B11B4E0DA5E1000000001001', 'hex'));
  assert.equal(controlKeyBytes('usertest-billblend-control-key'), undefined);
  assert.equal(controlKeyBytes('ABC'), undefined);
});

test('texts compare equal only when they are the same, whatever their lengths', () => {
  assert.equal(sameText('abc', 'abc'), true);
  assert.equal(sameText('abc', 'abd'), false);
  assert.equal(sameText('abc', 'abcd'), false);
  assert.equal(sameText('', ''), true);
});

test('an access token is kept as its SHA-256 in hex', () => {
  assert.equal(accessTokenDigest('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});
