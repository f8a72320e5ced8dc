/**
 * The invoices one batch call (payment, credit, start workflow) names, locked with one statement
 * inside the batch's transaction. Rows are locked in id order, so two batches naming the same
 * invoices in different orders cannot deadlock; a number is looked up once however many items
 * name it, and an item sees what the items before it in the same request changed.
 */
import type { Invoice } from '../orders/invoice.js';
import type { Repositories } from '../ports.js';

export class LockedInvoices {
  private readonly byId = new Map<string, Invoice>();

  private constructor(private readonly rows: readonly Invoice[]) {
    for (const row of rows) this.byId.set(row.id, row);
  }

  static async lock(tx: Repositories, merchantId: string, numbers: readonly (string | undefined)[]): Promise<LockedInvoices> {
    const wanted = [...new Set(numbers.filter((number): number is string => Boolean(number)))];
    return new LockedInvoices(wanted.length === 0 ? [] : await tx.invoices.findManyForUpdate(merchantId, wanted));
  }

  /**
   * The invoice a number names, as the earlier items of this request left it. The merchant's own
   * number wins over Billink's, as in a single lookup (store/invoice-repository.ts).
   */
  find(number: string): Invoice | undefined {
    const row = this.rows.find((candidate) => candidate.merchantNumber === number) ?? this.rows.find((candidate) => candidate.invoiceNumber === number);
    return row && this.byId.get(row.id);
  }

  /** Records what an item changed, for the items after it. */
  replace(invoice: Invoice): void {
    this.byId.set(invoice.id, invoice);
  }
}
