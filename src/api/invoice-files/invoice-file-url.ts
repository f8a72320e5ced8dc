import type { Invoice } from '../../core/orders/invoice.js';

/** The invoice PDF's address: unguessable by its token, readable by its Billink number. */
export function invoicePdfUrl(publicUrl: string, invoice: Pick<Invoice, 'fileToken' | 'invoiceNumber'>): string {
  return `${publicUrl.replace(/\/+$/, '')}/files/invoices/${invoice.fileToken}/${encodeURIComponent(invoice.invoiceNumber)}.pdf`;
}
