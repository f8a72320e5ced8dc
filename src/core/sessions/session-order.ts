/**
 * The order inside a checkout session, checked by the same rules as an order and as the credit
 * check that approval runs (spec §2.1, §2.2), so a session that could never become an order is
 * refused when it is created rather than when the customer has already clicked.
 */
import { CHECK_MINIMUM_AGE } from '../credit/run-check.js';
import { findWorkflow, type Merchant, type Workflow } from '../merchants/merchant.js';
import { MAX_ORDER_NUMBER_LENGTH, ORDER_MINIMUM_AGE } from '../orders/place-order.js';
import { type Customer, type CustomerInput, validateCustomer } from '../orders/customer.js';
import type { LineError, LineInput } from '../orders/order-lines.js';
import type { IsoDate } from '../shared/dates.js';
import { DomainError } from '../shared/errors.js';
import { parseAmount } from '../shared/money.js';
import type { AskableField } from './checkout-session.js';

export type SessionOrderError =
  | 'workflow_missing' | 'workflow_unknown' | 'workflow_type_mismatch' | 'order_number_missing'
  | 'order_number_invalid' | 'order_number_too_long' | LineError;

/** A line as a hosted-checkout client sends it (spec §2.12 transaction.orderItems). */
export interface SessionItemInput {
  code?: string | undefined;
  name?: string | undefined;
  description?: string | undefined;
  quantity?: string | undefined;
  /** productAmount: the unit price including VAT. */
  unitAmount?: string | undefined;
  /** totalProductAmount: the row total including VAT. */
  rowAmount?: string | undefined;
  taxRate?: string | undefined;
}

export function sessionWorkflow(merchant: Merchant, number: string | undefined): Workflow {
  if (!number) throw new DomainError<SessionOrderError>('workflow_missing');
  const workflow = /^\d{1,9}$/.test(number) ? findWorkflow(merchant, Number(number)) : undefined;
  if (!workflow) throw new DomainError<SessionOrderError>('workflow_unknown', { number });
  return workflow;
}

/** The order number rules of Order 404, 434 and 439. */
export function sessionOrderNumber(text: string | undefined): string {
  const orderNumber = text?.trim();
  if (!orderNumber) throw new DomainError<SessionOrderError>('order_number_missing');
  if (orderNumber.length > MAX_ORDER_NUMBER_LENGTH) throw new DomainError<SessionOrderError>('order_number_too_long');
  if (!/^[A-Za-z0-9_.-]+$/.test(orderNumber)) throw new DomainError<SessionOrderError>('order_number_invalid');
  return orderNumber;
}

/**
 * Stand-ins for the fields the customer may still type on the page. They let every other rule run
 * now; they are never stored, and what the customer types is checked by the same rules later.
 */
const STAND_INS: Readonly<Record<AskableField, string>> = { birthDate: '1970-01-01', phone: '0612345678', sex: 'O' };

export function askableFieldsMissing(customer: CustomerInput): AskableField[] {
  const missing: AskableField[] = [];
  if (!customer.birthDate && customer.type?.toUpperCase() !== 'B') missing.push('birthDate');
  if (!customer.phone) missing.push('phone');
  if (!customer.sex) missing.push('sex');
  return missing;
}

/**
 * Runs the Order table's customer rules, then the Check table's (which approval will meet: adults
 * only, stricter postal codes and house numbers), with stand-ins for what the page still asks.
 */
export function validateSessionCustomer(customer: CustomerInput, missing: readonly AskableField[], today: IsoDate): Customer {
  const completed: CustomerInput = { ...customer };
  for (const field of missing) completed[field] = STAND_INS[field];
  const order = validateCustomer(completed, { context: 'order', minimumAge: ORDER_MINIMUM_AGE, today });
  validateCustomer(completed, { context: 'check', minimumAge: CHECK_MINIMUM_AGE, today });
  return order;
}

/** Whole quantities as `2` or Magento's `2.0000`, the rule of the order lines. */
function wholeQuantity(text: string): number | undefined {
  const match = /^(\d{1,6})(?:\.0*)?$/.exec(text.trim());
  return match && Number(match[1]) >= 1 ? Number(match[1]) : undefined;
}

/**
 * Maps session lines onto order lines. The row total is what the shop charges; when it is not
 * unit price × quantity (prices kept excluding VAT round per row), the row is booked as one line
 * of that total, described as "3 × name", so the invoice matches the shop's total to the cent.
 */
export function sessionLineInputs(items: readonly SessionItemInput[] | undefined): LineInput[] | undefined {
  return items?.map((item) => {
    const name = item.name ?? item.description;
    const quantity = item.quantity ?? '1';
    const units = wholeQuantity(quantity);
    const unit = item.unitAmount === undefined ? undefined : parseAmount(item.unitAmount);
    const row = item.rowAmount === undefined ? undefined : parseAmount(item.rowAmount);
    if (row !== undefined && units !== undefined && (unit === undefined || unit * units !== row)) {
      const description = units === 1 || !name ? name : `${units} × ${name}`;
      return { code: item.code, description, quantity: '1', priceInclusive: item.rowAmount, vat: item.taxRate };
    }
    return { code: item.code, description: name, quantity, priceInclusive: item.unitAmount, vat: item.taxRate };
  });
}
