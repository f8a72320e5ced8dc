import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { creditorReference, isCreditorReference, sepaQrPayload } from './sepa-qr.js';

describe('the SEPA payment QR payload (EPC069-12)', () => {
  test('lays out the guideline example line by line, as version 002 in UTF-8', () => {
    const result = sepaQrPayload({
      name: 'Red Cross of Belgium',
      iban: 'BE72000000001616',
      bic: 'BPOTBEB1',
      amount: 100,
      purpose: 'CHAR',
      remittance: { text: 'Urgency fund' },
      information: 'Sample EPC QR code',
    });
    assert.deepEqual(result, {
      ok: true,
      payload: ['BCD', '002', '1', 'SCT', 'BPOTBEB1', 'Red Cross of Belgium', 'BE72000000001616', 'EUR1', 'CHAR', '', 'Urgency fund', 'Sample EPC QR code'].join('\n'),
    });
  });

  test('leaves the BIC line empty when none is given and stops after the last filled line', () => {
    const result = sepaQrPayload({ name: 'Achteraf B.V.', iban: 'NL91 ABNA 0417 1643 00', amount: 34_550, remittance: { reference: 'RF18539007547034' } });
    assert.deepEqual(result, {
      ok: true,
      payload: ['BCD', '002', '1', 'SCT', '', 'Achteraf B.V.', 'NL91ABNA0417164300', 'EUR345.5', '', 'RF18539007547034'].join('\n'),
    });
  });

  test('writes cents exactly, with no more than two decimals', () => {
    const amount = (cents: number) => {
      const result = sepaQrPayload({ name: 'A', iban: 'NL91ABNA0417164300', amount: cents });
      return result.ok ? result.payload.split('\n')[7] : result.refusal;
    };
    assert.equal(amount(1), 'EUR0.01');
    assert.equal(amount(123_456), 'EUR1234.56');
    assert.equal(amount(99_999_999_999), 'EUR999999999.99');
    assert.equal(amount(0), 'amount_invalid');
    assert.equal(amount(100_000_000_000), 'amount_invalid');
  });

  test('refuses what a banking app would misread', () => {
    const base = { name: 'Achteraf', iban: 'NL91ABNA0417164300', amount: 100 };
    const refusal = (change: object) => {
      const result = sepaQrPayload({ ...base, ...change });
      return result.ok ? 'ok' : result.refusal;
    };
    assert.equal(refusal({ iban: 'NL91ABNA0417164301' }), 'iban_invalid');
    assert.equal(refusal({ bic: 'ABNA' }), 'bic_invalid');
    assert.equal(refusal({ name: 'x'.repeat(71) }), 'name_invalid');
    assert.equal(refusal({ name: 'two\nlines' }), 'name_invalid');
    assert.equal(refusal({ purpose: 'CHARITY' }), 'purpose_invalid');
    assert.equal(refusal({ remittance: { reference: 'RF19539007547034' } }), 'reference_invalid');
    assert.equal(refusal({ remittance: { text: 'x'.repeat(141) } }), 'text_invalid');
    assert.equal(refusal({ information: 'x'.repeat(71) }), 'information_invalid');
    assert.equal(refusal({ name: 'ë'.repeat(70), remittance: { text: 'ë'.repeat(140) }, information: 'ë'.repeat(70) }), 'payload_too_long');
  });

  test('counts characters, not bytes, against the field lengths', () => {
    assert.equal(sepaQrPayload({ name: 'Zoë Müller'.padEnd(70, 'ë'), iban: 'NL91ABNA0417164300', amount: 100 }).ok, true);
  });
});

describe('ISO 11649 creditor references', () => {
  test('accepts the standard example and refuses a wrong check digit', () => {
    assert.equal(isCreditorReference('RF18539007547034'), true);
    assert.equal(isCreditorReference('RF18539007547035'), false);
  });

  test('builds a reference from an invoice number that checks out', () => {
    assert.equal(creditorReference('539007547034'), 'RF18539007547034');
    const reference = creditorReference('1TSTO2014-05-28-2443')!;
    assert.equal(reference.slice(4), '1TSTO201405282443');
    assert.equal(isCreditorReference(reference), true);
  });

  test('gives none when the number has more than 21 letters and digits', () => {
    assert.equal(creditorReference('1'.repeat(22)), undefined);
  });
});
