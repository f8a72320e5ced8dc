/**
 * The dashboard's CSV files (docs/dashboard.md "Reconciliation", "CSV files"): RFC 4180 lines
 * (CRLF, quotes doubled) in UTF-8 with a byte order mark, `;` between cells and a decimal comma for
 * Dutch, `,` and a decimal point for English. A Dutch spreadsheet takes `,` for the decimal mark
 * and `;` for the list separator, so a comma-separated file of `104.85` opens there as one column
 * of text; the byte order mark makes Excel read UTF-8 instead of the Windows code page.
 */
import { formatAmount, type Cents } from '../../core/shared/money.js';
import type { Language } from './page-text.js';

export interface CsvStyle {
  separator: ';' | ',';
  decimalMark: ',' | '.';
}

export function csvStyleFor(language: Language): CsvStyle {
  return language === 'nl' ? { separator: ';', decimalMark: ',' } : { separator: ',', decimalMark: '.' };
}

/**
 * RFC 4180 quoting (for either separator, so a cell reads the same in both styles), and a leading
 * quote on text that a spreadsheet would run as a formula (OWASP "CSV Injection"): order numbers
 * and custom ids are the shop's customers' input at one remove.
 */
export function csvCell(value: string, text = true): string {
  const safe = text && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",;\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Cents as a decimal number in the style's mark, no grouping: `-1234,50` or `-1234.50`. */
export function csvAmount(cents: Cents, style: CsvStyle): string {
  // Digits, a sign and the decimal mark, which is never the style's own separator: no quotes needed.
  return formatAmount(cents).replace('.', style.decimalMark);
}

export function csvFile(style: CsvStyle, header: readonly string[], lines: readonly string[][]): string {
  const join = (cells: readonly string[]) => cells.join(style.separator);
  return `\uFEFF${[join(header), ...lines.map(join)].join('\r\n')}\r\n`;
}
