/**
 * The payload of a SEPA payment QR code ("EPC QR", GiroCode) as banking apps scan it, after the
 * European Payments Council's guideline EPC069-12 "Quick Response Code: Guidelines to Enable Data
 * Capture for the Initiation of a SEPA Credit Transfer", version 002 (docs/collection.md "Paying
 * by QR code"). Lines in a fixed order, separated by LF, nothing after the last filled line:
 * service tag BCD, version 002, character set 1 (UTF-8), identification SCT, BIC (optional in
 * version 002), beneficiary name (at most 70), IBAN, amount as EUR followed by the amount (0.01 to
 * 999999999.99, a dot, at most two decimals), purpose (4 letters, optional), a structured creditor
 * reference (ISO 11649 RF, at most 35) or an unstructured remittance text (at most 140) but never
 * both, and information for the payer (at most 70). At most 331 bytes in all.
 */
import { isValidIban } from '../orders/bank-account.js';
import type { Cents } from '../shared/money.js';

export interface SepaTransfer {
  name: string;
  iban: string;
  bic?: string | undefined;
  amount: Cents;
  purpose?: string | undefined;
  remittance?: { reference: string } | { text: string } | undefined;
  information?: string | undefined;
}

export type SepaQrRefusal =
  | 'name_invalid'
  | 'iban_invalid'
  | 'bic_invalid'
  | 'amount_invalid'
  | 'purpose_invalid'
  | 'reference_invalid'
  | 'text_invalid'
  | 'information_invalid'
  | 'payload_too_long';

const MAX_PAYLOAD_BYTES = 331;
const MAX_AMOUNT: Cents = 99_999_999_999;

/** A field is one line: no line breaks inside it, and within its length. */
function fits(text: string, max: number): boolean {
  return text.length > 0 && [...text].length <= max && !/[\r\n]/.test(text);
}

/** `EUR1`, `EUR1.5`, `EUR12.34`: the guideline's example writes no trailing zeros. */
function epcAmount(cents: Cents): string {
  const whole = Math.floor(cents / 100);
  const fraction = String(cents % 100).padStart(2, '0').replace(/0+$/, '');
  return `EUR${whole}${fraction ? `.${fraction}` : ''}`;
}

export function sepaQrPayload(transfer: SepaTransfer): { ok: true; payload: string } | { ok: false; refusal: SepaQrRefusal } {
  const fail = (refusal: SepaQrRefusal) => ({ ok: false as const, refusal });
  const name = transfer.name.trim();
  const iban = transfer.iban.replace(/\s/g, '').toUpperCase();
  const bic = transfer.bic?.replace(/\s/g, '').toUpperCase() ?? '';
  if (!fits(name, 70)) return fail('name_invalid');
  if (iban.length > 34 || !isValidIban(iban)) return fail('iban_invalid');
  if (bic && !/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic)) return fail('bic_invalid');
  if (!Number.isSafeInteger(transfer.amount) || transfer.amount < 1 || transfer.amount > MAX_AMOUNT) return fail('amount_invalid');
  const purpose = transfer.purpose?.trim().toUpperCase() ?? '';
  if (purpose && !/^[A-Z]{4}$/.test(purpose)) return fail('purpose_invalid');
  let reference = '';
  let text = '';
  if (transfer.remittance && 'reference' in transfer.remittance) {
    reference = transfer.remittance.reference.replace(/\s/g, '').toUpperCase();
    if (!isCreditorReference(reference)) return fail('reference_invalid');
  } else if (transfer.remittance) {
    text = transfer.remittance.text.trim();
    if (!fits(text, 140)) return fail('text_invalid');
  }
  const information = transfer.information?.trim() ?? '';
  if (information && !fits(information, 70)) return fail('information_invalid');

  const lines = ['BCD', '002', '1', 'SCT', bic, name, iban, epcAmount(transfer.amount), purpose, reference, text, information];
  while (lines.at(-1) === '') lines.pop();
  const payload = lines.join('\n');
  if (new TextEncoder().encode(payload).length > MAX_PAYLOAD_BYTES) return fail('payload_too_long');
  return { ok: true, payload };
}

/** ISO 7064 mod 97-10 over letters as 10..35 and digits as themselves. */
function mod97(text: string): number {
  let remainder = 0;
  for (const char of text) {
    const value = char >= 'A' ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}

/** An ISO 11649 creditor reference: RF, two check digits, 1 to 21 letters or digits. */
export function isCreditorReference(text: string): boolean {
  if (!/^RF\d{2}[A-Z0-9]{1,21}$/.test(text)) return false;
  return mod97(text.slice(4) + text.slice(0, 4)) === 1;
}

/**
 * The ISO 11649 creditor reference for a payment reference such as an invoice number: its letters
 * and digits (at most 21) behind RF and the check digits; undefined when too long to fit.
 */
export function creditorReference(base: string): string | undefined {
  const body = base.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (body.length === 0 || body.length > 21) return undefined;
  const check = 98 - mod97(`${body}RF00`);
  return `RF${String(check).padStart(2, '0')}${body}`;
}
