/**
 * How a customer pays an invoice whose claim the merchant assigned to the platform: by bank
 * transfer to the platform's account with the invoice's payment reference, by scanning the SEPA
 * payment QR code (EPC069-12, payments/sepa-qr.ts), or on the pay page.
 */
import { creditorReference, sepaQrPayload } from '../payments/sepa-qr.js';
import type { Cents } from '../shared/money.js';

/** The operator's account that customers pay into (operator configuration, docs/operations.md). */
export interface PlatformAccount {
  /** Who the customer deals with: the payment provider's name on pages and documents. */
  name: string;
  accountHolder: string;
  iban: string;
  bic: string | undefined;
}

/**
 * The sandbox defaults (docs/operations.md): the example IBAN of banks' and the EPC's
 * documentation, which nobody owns, under the platform's own name.
 */
export const SANDBOX_PLATFORM_ACCOUNT: Readonly<PlatformAccount> = Object.freeze({
  name: 'Achteraf',
  accountHolder: 'Achteraf',
  iban: 'NL91ABNA0417164300',
  bic: undefined,
});

export interface PaymentReference {
  /** What the customer types in the transfer's description. */
  text: string;
  /** Set when the reference is an ISO 11649 creditor reference (RF...), which banks check. */
  structured: boolean;
}

/**
 * The invoice number as an ISO 11649 creditor reference when it fits (at most 21 letters and
 * digits), which banks validate as it is typed; otherwise the invoice number itself.
 */
export function paymentReference(invoiceNumber: string): PaymentReference {
  const reference = creditorReference(invoiceNumber);
  return reference ? { text: reference, structured: true } : { text: invoiceNumber, structured: false };
}

/** `NL91 ABNA 0417 1643 00`: an IBAN in groups of four, as banks print it. */
export function groupedIban(iban: string): string {
  return iban.replace(/\s/g, '').toUpperCase().replace(/(.{4})(?=.)/g, '$1 ');
}

/** The EPC QR payload for paying `amount`; undefined when nothing is open or a field cannot be encoded. */
export function paymentQrPayload(account: PlatformAccount, invoiceNumber: string, amount: Cents): string | undefined {
  if (amount <= 0) return undefined;
  const reference = paymentReference(invoiceNumber);
  const result = sepaQrPayload({
    name: account.accountHolder,
    iban: account.iban,
    bic: account.bic,
    amount,
    remittance: reference.structured ? { reference: reference.text } : { text: reference.text },
  });
  return result.ok ? result.payload : undefined;
}
