/**
 * Money on the wire is decimal text ("10.50"); in programs it is integer cents. Both directions go
 * through text, never through floating point, so 0.1 + 0.2 never reaches an invoice.
 */

const DECIMAL = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;

/** Integer cents as Billink's decimal text: 1050 -> "10.50", -5 -> "-0.05". */
export function centsToDecimal(cents) {
  if (!Number.isSafeInteger(cents)) throw new TypeError(`cents must be a safe integer, got ${String(cents)}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Decimal text with at most two decimals ("10.5", "-3.00", "1234") as integer cents. */
export function decimalToCents(text) {
  const match = DECIMAL.exec(String(text).trim());
  if (!match) throw new TypeError(`not a decimal amount with at most two decimals: ${JSON.stringify(text)}`);
  const cents = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
  return match[1] && cents !== 0 ? -cents : cents;
}

/**
 * An amount the caller gives: a decimal string ("10.50") or `{ cents: 1050 }`. A JavaScript number
 * is refused, because 10.5 and 1050 would both be plausible readings of it.
 */
export function amountText(amount, field = 'amount') {
  if (typeof amount === 'string') return centsToDecimal(decimalToCents(amount));
  if (amount !== null && typeof amount === 'object' && 'cents' in amount) return centsToDecimal(amount.cents);
  throw new TypeError(`${field} must be a decimal string such as "10.50" or { cents: 1050 }, not ${typeof amount}`);
}
