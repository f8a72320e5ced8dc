/**
 * Order lines from the wire (spec §2.2 ORDERITEMS/ITEM). Quantity falls back from ORDERQUANTITY to
 * ITEMQUANTITY because Magento sends only the latter; a line has a unit price including or
 * excluding VAT, may be negative (discounts), and carries VAT as `21` or `1.21`.
 */
import { DomainError } from '../shared/errors.js';
import { parseAmount } from '../shared/money.js';
import { ALLOWED_VAT_RATES, divideRounded, formatVatRate, parseVatRate } from '../shared/vat.js';
import type { InvoiceLine } from './invoice.js';

export interface LineInput {
  code?: string | undefined;
  description?: string | undefined;
  quantity?: string | undefined;
  priceInclusive?: string | undefined;
  priceExclusive?: string | undefined;
  vat?: string | undefined;
}

export const LINE_ERRORS = [
  'items_missing', 'item_code_too_long', 'item_description_missing', 'item_quantity_invalid', 'item_price_missing',
  'item_vat_invalid',
] as const;
export type LineError = (typeof LINE_ERRORS)[number];

export const MAX_ITEM_CODE_LENGTH = 50;
export const MAX_LINES = 500;

/** Fills Order 430's `%vat_values%`: "Wrong BTW value, should be 0, 5, 6, … or 21." */
const VAT_VALUES = ALLOWED_VAT_RATES.map(formatVatRate).join(', ').replace(/, (\d+)$/, ' or $1');

export function parseLines(items: readonly LineInput[] | undefined): InvoiceLine[] {
  const fail = (code: LineError): never => {
    throw new DomainError(code, code === 'item_vat_invalid' ? { vat_values: VAT_VALUES } : {});
  };
  if (!items || items.length === 0 || items.length > MAX_LINES) fail('items_missing');
  return items!.map((item) => {
    if (item.code && item.code.length > MAX_ITEM_CODE_LENGTH) fail('item_code_too_long');
    if (!item.description) fail('item_description_missing');
    const quantity = parseQuantity(item.quantity ?? '1');
    if (quantity === undefined) fail('item_quantity_invalid');
    const inclusive = item.priceInclusive !== undefined ? parseAmount(item.priceInclusive) : undefined;
    const exclusive = item.priceExclusive !== undefined ? parseAmount(item.priceExclusive) : undefined;
    if (inclusive === undefined && exclusive === undefined) fail('item_price_missing');
    if (item.vat === undefined) fail('item_vat_invalid');
    const vatRate = parseVatRate(item.vat!);
    if (vatRate === undefined) fail('item_vat_invalid');

    // With both prices sent (WooCommerce does), the price including VAT is the one the
    // customer saw. From a price excluding VAT the line total is rounded once, not per unit.
    const unitPriceInclusive = inclusive ?? divideRounded(exclusive! * (10_000 + vatRate!), 10_000);
    const totalInclusive =
      inclusive !== undefined ? inclusive * quantity! : divideRounded(exclusive! * quantity! * (10_000 + vatRate!), 10_000);
    return {
      code: item.code,
      description: item.description!,
      quantity: quantity!,
      unitPriceInclusive,
      vatRate: vatRate!,
      totalInclusive,
    };
  });
}

/** Whole quantities, written as `2` or as Magento's `2.0000`. */
function parseQuantity(text: string): number | undefined {
  const match = /^(\d{1,6})(?:\.0*)?$/.exec(text.trim());
  if (!match) return undefined;
  const quantity = Number(match[1]);
  return quantity >= 1 ? quantity : undefined;
}
