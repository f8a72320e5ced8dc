/**
 * Invoice lists of the v2 batch calls. Items are objects with `invoiceNumber` (credit's `number`
 * is read too, spec §2.17); order info also takes plain strings, since its children are not
 * published (spec §2.4) and a list of numbers is what a client would most naturally send.
 */
import { isRecord, text } from '../v2-credentials.js';

export interface JsonInvoiceItem {
  number: string | undefined;
  workflowNumber: string | undefined;
  item: Record<string, unknown>;
}

export function readInvoiceItems(value: unknown, topLevelWorkflow: string | undefined): JsonInvoiceItem[] {
  if (!Array.isArray(value)) return [];
  return value.map((entry) => {
    const item = isRecord(entry) ? entry : {};
    const number = isRecord(entry) ? (text(item.invoiceNumber) ?? text(item.number)) : text(entry);
    return { number, workflowNumber: text(item.workflowNumber) ?? topLevelWorkflow, item };
  });
}
